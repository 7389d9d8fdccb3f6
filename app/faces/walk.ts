// The faces studio's music walk: its frames, decoded by the engine a batch at a time and drawn as the grid draws
// faces (128 px).
import { tuneTiming } from '@/models/charrnn/abc';
import { walkLatents } from '@/models/core/walk';
import type { Latents, ModelKey } from '@/lib/engine/protocol';
import type { FacesRecipe } from '@/lib/share/recipe';
import { READ_BACK } from '@/lib/canvas/frames';
import type { RunControl } from '@/lib/studio/run';
import { cellsOf, drawGrid } from './grid';

export type Walk = NonNullable<FacesRecipe['walk']>;

/** Faces decoded per engine run: a strip of 32 faces of 64 px. */
const BATCH = 32;

/** A walk's frames, from the faces on screen (the first `walk.faces` of them). */
export async function walkFrames(c: RunControl, gan: ModelKey, faces: Latents, walk: Walk): Promise<ImageData[]> {
  const latents = walkLatents(faces.slice(0, walk.faces), tuneTiming(walk.tune, walk.qpm), walk.fps);
  const canvas = document.createElement('canvas');
  canvas.getContext('2d', READ_BACK); // drawGrid then draws into this context, from which each cell is read
  const frames: ImageData[] = [];
  for (let i = 0; i < latents.length; i += BATCH) {
    const batch = latents.slice(i, i + BATCH);
    const { image } = await c.engine({ kind: 'faces', model: gan, faces: { latents: batch } });
    await drawGrid(image!, canvas, batch.length);
    frames.push(...cellsOf(canvas, batch.length));
  }
  return frames;
}
