'use client';
import { type Ref, useEffect, useRef } from 'react';
import { FACE_SIZE } from '@/models/dcgan-faces/latent';
import { VideoExport } from '../_components/VideoExport';
import { slerp } from '@/models/core/walk';
import type { Latents, ModelKey } from '@/lib/engine/protocol';
import type { RunControl } from '@/lib/studio/run';
import { cellsOf, drawGrid, SCALE } from './grid';

export const BLEND_FRAMES = 8;

/** The blend from face `a` to face `b` in BLEND_FRAMES faces (slerp), drawn on `strip` as the grid draws faces. */
export async function blendFrames(c: RunControl, gan: ModelKey, [a, b]: Latents, strip: HTMLCanvasElement) {
  const latents = Array.from({ length: BLEND_FRAMES }, (_, k) => slerp(a, b, k / (BLEND_FRAMES - 1)));
  const { image } = await c.engine({ kind: 'faces', model: gan, faces: { latents } });
  await drawGrid(image!, strip, BLEND_FRAMES);
  return cellsOf(strip, BLEND_FRAMES);
}

/** A blend's frames forth and back again, as it loops. */
const looped = (frames: ImageData[]) => [...frames, ...frames.slice(1, -1).reverse()];

/** The blend A -> B: its strip of frames, the frames played back and forth, and as a video or GIF. */
export function Blend({ strip, frames }: { strip: Ref<HTMLCanvasElement>; frames: ImageData[] | null }) {
  const animation = useRef<HTMLCanvasElement>(null);
  // Plays the blend back and forth, one frame every 120 ms, while it is on screen.
  useEffect(() => {
    const canvas = animation.current;
    if (!frames || !canvas) return;
    const loop = looped(frames);
    let raf = 0;
    const started = performance.now();
    const tick = (now: number) => {
      canvas.getContext('2d')!.putImageData(loop[Math.floor((now - started) / 125) % loop.length], 0, 0);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [frames]);
  return (
    <>
      <canvas
        data-testid="interpolation"
        ref={strip}
        className={`h-auto w-full max-w-[60rem] rounded-lg ${frames ? '' : 'hidden'}`}
        width={1}
        height={1}
      />
      {frames && (
        <div className="flex items-center gap-4">
          <canvas
            ref={animation}
            width={FACE_SIZE * SCALE}
            height={FACE_SIZE * SCALE}
            className="rounded-lg"
            aria-label="the blend, animated"
          />
          <VideoExport frames={looped(frames)} name="neural-atelier-faces-blend" fps={8} />
        </div>
      )}
    </>
  );
}
