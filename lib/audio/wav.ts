// Offline rendering of a tune's notes to PCM, and 16-bit WAV encoding: plain arithmetic, so the studio's
// WAV export and `npm run eval -- tunes` (which checks that the WAV is not silent) hear the same thing.
import type { TuneNote } from '../../models/charrnn/abc';

export const SAMPLE_RATE = 22_050;
const RELEASE_S = 0.08;

const frequency = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);
/** Triangle for the melody (bright, like the live synth), sine for chords and bass (soft, behind it). */
const wave = (track: number, phase: number) =>
  track === 0 ? (2 / Math.PI) * Math.asin(Math.sin(phase)) : Math.sin(phase);

/** Mono samples in [-1, 1]: each note with a short attack, a decay to a sustain level and a release. */
export function renderNotes(notes: TuneNote[], sampleRate = SAMPLE_RATE): Float32Array {
  const end = notes.reduce((m, n) => Math.max(m, n.start + n.duration + RELEASE_S), 0);
  const out = new Float32Array(Math.ceil(end * sampleRate));
  for (const n of notes) {
    const gain = n.velocity * (n.track === 0 ? 0.5 : 0.22);
    const first = Math.floor(n.start * sampleRate);
    const length = Math.ceil((n.duration + RELEASE_S) * sampleRate);
    const step = (2 * Math.PI * frequency(n.pitch)) / sampleRate;
    for (let i = 0; i < length && first + i < out.length; i++) {
      const t = i / sampleRate;
      const attack = Math.min(1, t / 0.005);
      const sustain = 0.6 + 0.4 * Math.exp(-t / 0.1);
      const release = t > n.duration ? Math.max(0, 1 - (t - n.duration) / RELEASE_S) : 1;
      out[first + i] += gain * attack * sustain * release * wave(n.track, i * step);
    }
  }
  const peak = out.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (peak > 0.9) for (let i = 0; i < out.length; i++) out[i] *= 0.9 / peak;
  return out;
}

/** Root mean square of the samples: 0 for silence. */
export const rms = (samples: Float32Array) =>
  Math.sqrt(samples.reduce((s, v) => s + v * v, 0) / Math.max(1, samples.length));

/** A 16-bit PCM mono WAV file. */
export function encodeWav(samples: Float32Array, sampleRate = SAMPLE_RATE): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes a second
  view.setUint16(32, 2, true); // bytes a frame
  view.setUint16(34, 16, true); // bits a sample
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true));
  return bytes;
}
