// A walk's tune rendered off the page's thread: two minutes at 48 kHz are 5.8 M samples of sines and envelopes,
// over a second of work that would hold the page (lib/audio/tunes.ts starts this Worker for each render).
import { tuneNotes } from '@/models/charrnn/abc';
import { MAX_WALK_SECONDS } from '@/models/core/walk';
import type { SoundTrack } from '@/lib/canvas/video';
import type { Tune } from './tunes';
import { renderNotes } from './wav';

/** Opus takes 48 kHz. */
const SOUND_RATE = 48_000;

self.onmessage = ({ data: { tune, qpm } }: MessageEvent<Tune>) => {
  const samples = renderNotes(tuneNotes(tune, qpm), SOUND_RATE).slice(0, MAX_WALK_SECONDS * SOUND_RATE);
  const sound: SoundTrack = { samples, sampleRate: SOUND_RATE };
  self.postMessage(sound, { transfer: [samples.buffer] });
};
