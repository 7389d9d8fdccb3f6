// A walk's tune: its sound, rendered as the WAV export renders it (so a video's audio is the same every time), and a
// new folk tune written by the studio's tune CharRNN, as /text writes one in music mode.
import { firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING } from '@/models/charrnn/abc';
import { registryEntry } from '@/models/registry';
import type { SoundTrack } from '@/lib/canvas/video';
import { pageEngine } from '@/lib/engine/client';
import { keyOf, modelRefFor } from '@/lib/share/model-ref';

/** A tune and its tempo, quarter notes a minute. */
export interface Tune {
  tune: string;
  qpm: number;
}

/** The tune's sound, cut where a walk ends, rendered in a Worker of its own (./tune-sound.worker.ts). */
export function tuneSound({ tune, qpm }: Tune): Promise<SoundTrack> {
  const worker = new Worker(new URL('./tune-sound.worker.ts', import.meta.url), { type: 'module', name: 'tune-sound' });
  return new Promise<SoundTrack>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<SoundTrack>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`The tune's sound could not be made (${event.message}).`));
    worker.postMessage({ tune, qpm } satisfies Tune);
  }).finally(() => worker.terminate());
}

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
