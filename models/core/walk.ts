// Walks through a latent space: slerp from one point to another, and a walk set to a tune, a loop through points
// (faces in /faces, a seeded loop in /latent), one move from a point to the next each bar, for as long as the tune
// plays. Pure functions of the points, the tune's timing and the frame rate, so a link remakes every frame.
import { seededNormals } from './random';

/** Spherical interpolation (White 2016): stays on the shell where Gaussian latents live. */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const omega = Math.acos(Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb || 1))));
  const out = new Float32Array(a.length);
  if (omega < 1e-6) {
    for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
    return out;
  }
  const sa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const sb = Math.sin(t * omega) / Math.sin(omega);
  for (let i = 0; i < a.length; i++) out[i] = sa * a[i] + sb * b[i];
  return out;
}

/** A loop's points: `start` (the point on screen), then `count` - 1 points drawn from the prior N(0, 1) by `seed`. */
export function seededLoop(start: ArrayLike<number>, seed: number, count: number): Float32Array[] {
  return [
    Float32Array.from(start),
    ...Array.from({ length: count - 1 }, (_, k) => seededNormals(seed + 7919 * k, start.length)),
  ];
}

/** A walk lasts at most this long (frames are decoded and kept in the page): a longer tune is cut here. */
export const MAX_WALK_SECONDS = 120;

export interface WalkTiming {
  barSeconds: number;
  seconds: number;
}

/** The latent of each frame, round the loop of `points`, frame k shown at k / fps seconds, for the tune's length up
 * to MAX_WALK_SECONDS. */
export function walkLatents(
  points: ArrayLike<number>[],
  { barSeconds, seconds }: WalkTiming,
  fps: number,
): Float32Array[] {
  const frames = Math.max(1, Math.round(Math.min(seconds, MAX_WALK_SECONDS) * fps));
  return Array.from({ length: frames }, (_, k) => {
    const bars = k / fps / barSeconds;
    const bar = Math.floor(bars);
    return slerp(points[bar % points.length], points[(bar + 1) % points.length], bars - bar);
  });
}
