import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tuneNotes } from '../../models/charrnn/abc';
import { encodeWav, renderNotes, rms, SAMPLE_RATE } from './wav';

const TUNE = 'X: 1\nT:Two bars\nM:2/4\nL:1/8\nK:D\n"D"d2f2|"A"e2c2|"D"d4|]';

describe('offline WAV rendering', () => {
  it('renders a tune that is not silent, as a 16-bit mono WAV', () => {
    const samples = renderNotes(tuneNotes(TUNE, 120));
    assert.ok(rms(samples) > 0.05, `rms ${rms(samples)}`);
    assert.ok(
      samples.every((v) => Math.abs(v) <= 0.9 + 1e-6),
      'peaks limited',
    );
    assert.ok(
      Math.abs(samples.length / SAMPLE_RATE - 3.08) < 0.05,
      `${samples.length / SAMPLE_RATE} s: 3 s of music and the last release`,
    );
    const wav = encodeWav(samples);
    assert.equal(String.fromCharCode(...wav.subarray(0, 4)), 'RIFF');
    assert.equal(wav.length, 44 + samples.length * 2);
    assert.equal(new DataView(wav.buffer).getUint32(24, true), SAMPLE_RATE);
  });

  it('no notes make silence', () => {
    assert.equal(rms(renderNotes([])), 0);
  });
});
