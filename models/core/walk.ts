// A walk through faces set to a tune: a loop through the faces, one move from a face to the next each bar (slerp, as
// a blend), for as long as the tune plays. A pure function of the faces, the tune's timing and the frame rate, so a
// link remakes every frame.
import { slerp } from './latent';

/** A walk lasts at most this long (frames are decoded and kept in the page): a longer tune is cut here. */
export const MAX_WALK_SECONDS = 120;

export interface WalkTiming {
  barSeconds: number;
  seconds: number;
}

/** The latent of each frame, frame k shown at k / fps seconds, for the tune's length up to MAX_WALK_SECONDS. */
export function walkLatents(
  faces: ArrayLike<number>[],
  { barSeconds, seconds }: WalkTiming,
  fps: number,
): Float32Array[] {
  const frames = Math.max(1, Math.round(Math.min(seconds, MAX_WALK_SECONDS) * fps));
  return Array.from({ length: frames }, (_, k) => {
    const bars = k / fps / barSeconds;
    const bar = Math.floor(bars);
    return slerp(faces[bar % faces.length], faces[(bar + 1) % faces.length], bars - bar);
  });
}
