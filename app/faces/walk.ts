// The faces studio's music walk on the page: its frames, decoded by the engine a batch at a time and drawn as the
// grid draws faces (128 px), its sound, rendered from the tune as the WAV export renders it, and a new tune written by
// the folk-tune CharRNN.
import { firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING, tuneNotes, tuneTiming } from '@/models/charrnn/abc';
import { registryEntry } from '@/models/registry';
import { MAX_WALK_SECONDS, walkLatents } from '@/models/dcgan-faces/walk';
import { renderNotes } from '@/lib/audio/wav';
import type { SoundTrack } from '@/lib/canvas/video';
import { pageEngine } from '@/lib/engine/client';
import type { Latents, ModelKey } from '@/lib/engine/protocol';
import { keyOf, modelRefFor } from '@/lib/share/model-ref';
import type { FacesRecipe } from '@/lib/share/recipe';
import type { RunControl } from '@/lib/studio/run';
import { cellsOf, drawGrid } from './grid';

export type Walk = NonNullable<FacesRecipe['walk']>;

/** Faces decoded per engine run: a strip of 32 faces of 64 px. */
const BATCH = 32;
/** Opus takes 48 kHz. */
const SOUND_RATE = 48_000;

/** A walk's frames, from the faces on screen (the first `walk.faces` of them). */
export async function walkFrames(c: RunControl, gan: ModelKey, faces: Latents, walk: Walk): Promise<ImageData[]> {
  const latents = walkLatents(faces.slice(0, walk.faces), tuneTiming(walk.tune, walk.qpm), walk.fps);
  const canvas = document.createElement('canvas');
  const frames: ImageData[] = [];
  for (let i = 0; i < latents.length; i += BATCH) {
    const batch = latents.slice(i, i + BATCH);
    const { image } = await c.engine({ kind: 'faces', model: gan, faces: { latents: batch } });
    await drawGrid(image!, canvas, batch.length);
    frames.push(...cellsOf(canvas, batch.length));
  }
  return frames;
}

/** The tune's sound, cut where the walk ends. */
export const walkSound = (walk: Walk): SoundTrack => ({
  samples: renderNotes(tuneNotes(walk.tune, walk.qpm), SOUND_RATE).slice(0, MAX_WALK_SECONDS * SOUND_RATE),
  sampleRate: SOUND_RATE,
});

const NOTTINGHAM = registryEntry('charrnn-nottingham');

/** A new folk tune from the studio's tune CharRNN (as /text writes one in music mode), its first whole tune. */
export async function writeTune(seed: number): Promise<string> {
  const engine = await pageEngine();
  const model = keyOf(NOTTINGHAM);
  await engine.load(model);
  const recipe = {
    ...{ studio: 'text' as const, v: 1 as const, model: modelRefFor(NOTTINGHAM), mode: 'music' as const },
    ...{ prime: TUNE_PRIME, ...TUNE_SAMPLING, length: TUNE_MAX_CHARS, seed },
  };
  const { text } = await engine.run({ kind: 'text', model, recipe, flushEvery: TUNE_MAX_CHARS }).done;
  return firstTune(TUNE_PRIME + (text ?? ''));
}
