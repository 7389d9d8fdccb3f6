// A walk's tune: its sound, rendered as the WAV export renders it (so a video's audio is the same every time), and a
// new folk tune written by the studio's tune CharRNN, as /text writes one in music mode.
import { firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING, tuneNotes } from '@/models/charrnn/abc';
import { MAX_WALK_SECONDS } from '@/models/core/walk';
import { registryEntry } from '@/models/registry';
import type { SoundTrack } from '@/lib/canvas/video';
import { pageEngine } from '@/lib/engine/client';
import { keyOf, modelRefFor } from '@/lib/share/model-ref';
import type { SoundAsked } from './tune-sound.worker';
import { renderNotes } from './wav';

/** A tune and its tempo, quarter notes a minute. */
export interface Tune {
  tune: string;
  qpm: number;
}

/** Opus takes 48 kHz. */
const SOUND_RATE = 48_000;

/** The tune's sound, cut where a walk ends: rendered in a Worker of its own, or in the page where that Worker cannot
 * start (offline, its script never cached). */
export async function tuneSound({ tune, qpm }: Tune): Promise<SoundTrack> {
  const notes = tuneNotes(tune, qpm);
  const samples = await renderInWorker({ notes, sampleRate: SOUND_RATE }).catch((e: Error) => {
    console.warn(`The tune's sound renders on the page, which it holds meanwhile: ${e.message}`);
    return renderNotes(notes, SOUND_RATE);
  });
  return { samples: samples.slice(0, MAX_WALK_SECONDS * SOUND_RATE), sampleRate: SOUND_RATE };
}

function renderInWorker(asked: SoundAsked): Promise<Float32Array> {
  const worker = new Worker(new URL('./tune-sound.worker.ts', import.meta.url), { type: 'module', name: 'tune-sound' });
  return new Promise<Float32Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Float32Array>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the Worker did not start'));
    };
    worker.onmessageerror = () => reject(new Error('the Worker sent a message the page could not read'));
    worker.postMessage(asked);
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
