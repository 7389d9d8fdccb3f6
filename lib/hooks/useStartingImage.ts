'use client';
import { type RefObject, useEffect, useState } from 'react';
import { drawBitmap } from '../canvas/image-file';
import { pageEngine } from '../engine/client';
import type { ImageRef } from '../share/recipe';

/** Preview sizes stay small: a 4096 px working size would be slow to draw for a mere preview. */
const PREVIEW_MAX = 512;

/**
 * Draws the image a run will start from into `canvas` while `active` (idle, no result yet), so a studio
 * never opens on an empty panel. Returns whether something was drawn. Errors are not reported here: they
 * are when the file is chosen, or when Run resolves the image.
 */
export function useStartingImage(
  canvas: RefObject<HTMLCanvasElement | null>,
  ref: ImageRef,
  file: Blob | null,
  size: number,
  active: boolean,
): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!active) return;
    let alive = true;
    pageEngine()
      .then((engine) => engine.run({ kind: 'picture', ref, file, size: Math.min(size, PREVIEW_MAX) }).done)
      .then(
        ({ image }) => {
          if (alive && canvas.current && image) {
            drawBitmap(image, canvas.current);
            setDrawn(true);
          }
          image?.close();
        },
        () => undefined,
      );
    return () => {
      alive = false;
    };
  }, [canvas, ref, file, size, active]);
  return drawn;
}
