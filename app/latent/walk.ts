// The latent studio's music walk: a loop from the point on screen through points a seed draws, one move a bar of a
// tune, its frames decoded by the engine a batch at a time and enlarged to FRAME_SIZE. The walk asked for belongs to
// the point it starts from: a move drops it (the studio calls `drop`), and a link's walk is remade until the person
// moves.
import { useState } from 'react';
import { tuneTiming } from '@/models/charrnn/abc';
import { seededLoop, walkLatents } from '@/models/core/walk';
import { framesOfStrip } from '@/lib/canvas/frames';
import type { ModelKey } from '@/lib/engine/protocol';
import type { LatentRecipe } from '@/lib/share/recipe';
import type { RunControl } from '@/lib/studio/run';
import { upscaler } from './pixels';

export type LatentWalk = NonNullable<LatentRecipe['walk']>;

/** Points decoded per engine run. */
const BATCH = 32;
/** A walk's frames are drawn this size, as /faces draws its walk: 28 px digits are too small to watch, and a long
 * walk's frames are all kept in the page (1,440 at most: 94 MB). */
export const FRAME_SIZE = 128;

/** Every frame of a walk from `z`, enlarged. */
export async function latentWalkFrames(
  c: RunControl,
  vae: ModelKey,
  z: Float32Array,
  walk: LatentWalk,
): Promise<ImageData[]> {
  const latents = walkLatents(seededLoop(z, walk.seed, walk.points), tuneTiming(walk.tune, walk.qpm), walk.fps);
  const frames: ImageData[] = [];
  const enlarged = upscaler(FRAME_SIZE);
  for (let i = 0; i < latents.length; i += BATCH) {
    const batch = latents.slice(i, i + BATCH);
    const { image } = await c.engine({ kind: 'latent-decode', model: vae, latents: batch });
    for (const tile of framesOfStrip(image!, batch.length)) frames.push(enlarged(tile));
    image!.close();
  }
  return frames;
}

/**
 * The walk the next decode makes: the one asked for from the point on screen, or the link's while its point is
 * on screen and the person has not moved; undefined when there is none.
 */
export function useWalkAsked(link: LatentRecipe | null, moved: boolean, chosen: { model: string; z: string }) {
  const [asked, setAsked] = useState<{ model: string; z: string; walk: LatentWalk } | null>(null);
  const at = (r: { model: string; z: string } | null) => r?.model === chosen.model && r.z === chosen.z;
  const linked = link?.walk && !moved && at({ model: link.model.id, z: link.z }) ? link.walk : undefined;
  const walk = asked && at(asked) ? asked.walk : linked;
  return { walk, ask: (w: LatentWalk) => setAsked({ ...chosen, walk: w }), drop: () => setAsked(null) };
}
