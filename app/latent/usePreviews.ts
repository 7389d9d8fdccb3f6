'use client';
import { useEffect, useState } from 'react';
import { lerp, moveAlong } from '@/models/vae/atlas';
import type { ModelKey } from '@/lib/engine/protocol';
import { pageEngine } from '@/lib/engine/client';
import type { ModelState } from '@/lib/hooks/useModel';
import { PREVIEW_AT } from './DirectionSliders';
import type { LatentSpace } from './spaces';

export const FRAMES = 8; // interpolation frames from A to B
const STRIP_DELAY_MS = 250; // previews are redrawn once the point has rested this long

/** Decodes latents on the page's engine outside a studio run (previews): a strip of tiles side by side. */
async function decodeStrip(model: ModelKey, latents: Float32Array[]): Promise<ImageBitmap> {
  const { image } = await (await pageEngine()).run({ kind: 'latent-decode', model, latents }).done;
  return image!;
}

/** Every direction's preview strip from the point `z`, decoded once it rests; null until the first arrives. */
export function useDirectionPreviews(model: ModelState, z: Float32Array, ready: boolean, space: LatentSpace) {
  // Kept with the space they show, so another space never shows them.
  const [previews, setPreviews] = useState<{ space: LatentSpace; strips: ImageBitmap[] } | null>(null);
  useEffect(() => {
    if (model.phase !== 'ready' || !ready || space.view !== 'sliders') return;
    const vae = model.model;
    let alive = true;
    const timer = setTimeout(async () => {
      // One direction at a time: the next move stops stale previews after one small decode, not after all of
      // them (on a slow GPU, or the CPU fallback, a single batch of every preview holds the device for seconds).
      for (let i = 0; i < space.atlas.directions.length && alive; i++) {
        const strip = await decodeStrip(
          vae,
          PREVIEW_AT.map((v) => Float32Array.from(moveAlong(space.atlas, z, i, v))),
        );
        if (!alive) return;
        setPreviews((shown) => {
          const strips = shown?.space === space ? [...shown.strips] : [];
          strips[i] = strip;
          return { space, strips };
        });
      }
    }, STRIP_DELAY_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [model, z, ready, space]);
  return previews?.space === space ? previews.strips : null;
}

/** The straight line from A to B in FRAMES decoded steps, once both ends are set. */
export function useInterpolation(model: ModelState, ends: { a: Float32Array | null; b: Float32Array | null }) {
  // Kept with the ends they join, so new ends never show the last line.
  const [line, setLine] = useState<{ ends: typeof ends; strip: ImageBitmap } | null>(null);
  useEffect(() => {
    const { a, b } = ends;
    if (model.phase !== 'ready' || !a || !b) return;
    const vae = model.model;
    let alive = true;
    void decodeStrip(
      vae,
      Array.from({ length: FRAMES }, (_, k) => Float32Array.from(lerp(a, b, k / (FRAMES - 1)))),
    ).then((strip) => alive && setLine({ ends, strip }));
    return () => {
      alive = false;
    };
  }, [model, ends]);
  return line?.ends === ends ? line.strip : null;
}
