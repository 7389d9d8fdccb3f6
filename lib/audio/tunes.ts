// A walk's tune: its sound, rendered as the WAV export renders it (so a video's audio is the same every time), and a
// new folk tune written by the studio's tune CharRNN, as /text writes one in music mode.
import { firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING, tuneNotes } from '@/models/charrnn/abc';
import { MAX_WALK_SECONDS } from '@/models/core/walk';
import { registryEntry } from '@/models/registry';
import type { SoundTrack } from '@/lib/canvas/video';
import { pageEngine } from '@/lib/engine/client';
import { keyOf, modelRefFor } from '@/lib/share/model-ref';
import { renderNotes } from './wav';

/** A tune and its tempo, quarter notes a minute. */
export interface Tune {
  tune: string;
  qpm: number;
}

/** Opus takes 48 kHz. */
const SOUND_RATE = 48_000;

/** The tune's sound, cut where a walk ends. */
export const tuneSound = ({ tune, qpm }: Tune): SoundTrack => ({
  samples: renderNotes(tuneNotes(tune, qpm), SOUND_RATE).slice(0, MAX_WALK_SECONDS * SOUND_RATE),
  sampleRate: SOUND_RATE,
});

const NOTTINGHAM = registryEntry('charrnn-nottingham');

/** A new folk tune from the studio's tune CharRNN, its first whole tune. */
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
