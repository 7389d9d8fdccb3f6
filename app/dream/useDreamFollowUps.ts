'use client';
// What a finished dream leads to: a zoom animation (dream, zoom in, dream again) and a download at the uploaded
// image's own size. Both are side runs: the dream on screen, and what Save and Share name, stay as they are.
import { type RefObject, useState } from 'react';
import { downloadBlob } from '@/lib/canvas/download';
import { canvasToPng, drawBitmap } from '@/lib/canvas/image-file';
import { scaledFrame } from '@/lib/canvas/frames';
import type { Frame } from '@/lib/engine/protocol';
import type { DreamRecipe } from '@/lib/share/recipe';
import type { Studio } from '@/lib/hooks/useStudio';
import type { PictureRun } from '@/lib/hooks/usePictureRun';

/** Full-resolution downloads stop at this long side (4096 px RGB is 200 MB of float32 on the GPU). */
const FULL_SIZE_LIMIT = 4096;
export const ZOOM_FACTOR = 1.06; // per frame of the zoom animation
/** A zoom animation keeps at most this many bytes of frames: larger working sizes are kept smaller. */
const ZOOM_BYTES = 256e6;

/** The files a dream was made from, which its recipe can only name. */
export interface DreamFiles {
  input: Blob | null;
  guide: Blob | null;
}

/** `zoomCanvas` shows the animation's frames as they are made. */
export function useDreamFollowUps<S>(
  studio: Studio<S, DreamRecipe>,
  { onScreen }: PictureRun<'dream', S, DreamFiles>,
  zoomCanvas: RefObject<HTMLCanvasElement | null>,
) {
  const { run, model } = studio;
  const [zooming, setZooming] = useState(false);
  const [zoomFrames, setZoomFrames] = useState(16);
  /** The last zoom animation's frames, at the working size, for its video or GIF. */
  const [zoomed, setZoomed] = useState<ImageData[] | null>(null);

  /** Dream, zoom in, dream again: frames of the last result at the working size, to export as a video or GIF. */
  const zoomAnimation = () => {
    const last = onScreen();
    if (model.phase !== 'ready' || !last) return;
    const net = model.model;
    setZooming(true);
    setZoomed(null);
    void run(
      null,
      async (c) => {
        const target = zoomCanvas.current!;
        const frames: ImageData[] = [];
        const grab = ({ image }: Frame) => {
          drawBitmap(image!, target); // its own canvas: the result (and what Save and Share name) stays as it was
          image!.close();
          frames.push(scaledFrame(target, Math.sqrt(ZOOM_BYTES / (zoomFrames * target.width * target.height * 4))));
        };
        try {
          await c.engine(
            {
              kind: 'dream-zoom',
              model: net,
              recipe: last.recipe,
              files: last.files,
              from: await last.output,
              frames: zoomFrames,
              factor: ZOOM_FACTOR,
            },
            grab,
          );
        } finally {
          setZooming(false);
        }
        setZoomed(frames);
      },
      last.recipe.size,
    );
  };

  /** The PNG at the uploaded image's own size (up to 4096 px), when it was dreamed at a smaller working size. */
  const download = () =>
    run(null, async (c) => {
      const last = onScreen();
      if (!last) return;
      let png = await last.output;
      if (last.files.input && last.recipe.input.kind === 'upload') {
        const { image } = await c.engine({
          kind: 'dream-full-size',
          recipe: last.recipe,
          files: last.files,
          dreamed: png,
          limit: FULL_SIZE_LIMIT,
        });
        const out = document.createElement('canvas');
        drawBitmap(image!, out);
        image!.close();
        png = await canvasToPng(out);
      }
      downloadBlob(png, 'neural-atelier-dream.png');
    });

  return { zooming, zoomFrames, setZoomFrames, zoomAnimation, zoomed, download };
}

export type DreamFollowUps = ReturnType<typeof useDreamFollowUps>;
