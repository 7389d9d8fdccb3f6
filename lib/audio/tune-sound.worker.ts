// A tune's notes rendered off the page's thread: two minutes at 48 kHz are 5.8 M samples of sines and envelopes,
// over a second of work that would hold the page (lib/audio/tunes.ts starts this Worker for each render).
import type { TuneNote } from '@/models/charrnn/abc';
import { renderNotes } from './wav';

export interface SoundAsked {
  notes: TuneNote[];
  sampleRate: number;
}

self.onmessage = ({ data: { notes, sampleRate } }: MessageEvent<SoundAsked>) => {
  const samples = renderNotes(notes, sampleRate);
  self.postMessage(samples, { transfer: [samples.buffer] });
};
