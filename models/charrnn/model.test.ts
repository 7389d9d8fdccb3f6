import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { cpuBackend } from '../node/backends';
import { registryEntry } from '../registry';
import { CharRNN, disposeState } from './model';
import { draw, sampleText, shapedProbabilities, Writer } from './sample';
import { decode, encode, normalizeText, UNK, VOCAB } from './vocab';

const load = async (id: string) => {
  const entry = registryEntry(id);
  const model = new CharRNN(publicModel(entry.id, entry.version));
  await model.load();
  return model;
};

describe('CharRNN: the shipped weights reproduce their PyTorch parity fixtures (max abs error < 1e-3)', () => {
  before(cpuBackend);
  for (const id of ['charrnn-shakespeare', 'charrnn-moby-dick', 'charrnn-nottingham']) {
    it(`${id}, one step per token with the state kept`, async () => {
      const model = await load(id);
      const fixture = JSON.parse(readFileSync(join(__dirname, '..', id, 'parity.json'), 'utf8')) as {
        inputs: number[];
        outputs: number[];
      };
      const start = tf.memory().numTensors;
      let state = model.initialState(1);
      let maxErr = 0;
      fixture.inputs.forEach((token, t) => {
        const { logits, state: next } = model.step([token], state);
        disposeState(state);
        state = next;
        logits
          .dataSync()
          .forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - fixture.outputs[t * VOCAB.length + i]))));
        logits.dispose();
      });
      disposeState(state);
      assert.ok(maxErr < 1e-3, `max abs error ${maxErr}`);
      assert.equal(tf.memory().numTensors, start);
      model.dispose();
    });
  }
});

describe('CharRNN vocabulary and sampler', () => {
  let model: CharRNN;
  before(async () => {
    await cpuBackend();
    model = await load('charrnn-shakespeare');
  });
  after(() => model.dispose());

  it('normalises typography as training did and maps the unknown to UNK', () => {
    assert.equal(normalizeText('\u201cHe\u2019s\u201d \u2014 ok\u2026\r\n'), '"He\'s" - ok...\n');
    assert.equal(normalizeText('\u05d7x'), `${UNK}x`);
    assert.equal(decode(encode('ROMEO:\n')), 'ROMEO:\n');
    assert.equal(VOCAB.length, 97);
  });

  it('shapes probabilities: top-k keeps k, top-p keeps the smallest set reaching p, temperature sharpens', () => {
    const logits = Float32Array.from([2, 1, 0, -1]);
    const k2 = shapedProbabilities(logits, { temperature: 1, topK: 2, topP: 1 });
    assert.equal(k2.filter((p) => p > 0).length, 2);
    assert.ok(Math.abs(k2.reduce((s, v) => s + v, 0) - 1) < 1e-6);
    const p = shapedProbabilities(logits, { temperature: 1, topK: 0, topP: 0.5 });
    assert.deepEqual(Array.from(p.map((v) => (v > 0 ? 1 : 0))), [1, 0, 0, 0]);
    const cold = shapedProbabilities(logits, { temperature: 0.5, topK: 0, topP: 1 });
    const warm = shapedProbabilities(logits, { temperature: 1, topK: 0, topP: 1 });
    assert.ok(cold[0] > warm[0]);
    assert.equal(draw(Float32Array.from([0, 0.5, 0.5]), 0.7), 2);
  });

  it('replays the same text for the same seed and writes different text for another seed', () => {
    const options = { temperature: 0.8, topK: 0, topP: 1 };
    const a = sampleText(model, 'ROMEO:\n', 60, 7, options);
    assert.equal(sampleText(model, 'ROMEO:\n', 60, 7, options), a);
    assert.notEqual(sampleText(model, 'ROMEO:\n', 60, 8, options), a);
    assert.equal(a.length, 60);
  });

  it('forcing a character changes what follows', () => {
    const options = { temperature: 0.5, topK: 0, topP: 1 };
    const write = (forced: string) => {
      const w = new Writer(model, 3);
      w.feed(`ROMEO:\nI ${forced}`);
      let out = '';
      for (let i = 0; i < 40; i++) out += w.next(options);
      w.dispose();
      return out;
    };
    assert.notEqual(write('w'), write('s'));
  });

  it('the async writer draws the same text as the sync one; a reseeded writer continues as a fresh one would', async () => {
    const options = { temperature: 0.8, topK: 0, topP: 0.95 };
    const sync = sampleText(model, 'KING:\n', 30, 5, options);
    const w = new Writer(model, 5);
    await w.feedAsync('KING:\n');
    let out = '';
    for (let i = 0; i < 30; i++) out += await w.nextAsync(options);
    assert.equal(out, sync);
    // A branch: reseeding the live writer must match a fresh writer primed with everything so far.
    w.reseed(9);
    let branch = '';
    for (let i = 0; i < 20; i++) branch += await w.nextAsync(options);
    w.dispose();
    assert.equal(branch, sampleText(model, `KING:\n${out}`, 20, 9, options));
  });

  it('keeps the tensor count unchanged over 500 characters', () => {
    const start = tf.memory().numTensors;
    const text = sampleText(model, 'KING:\n', 500, 1, { temperature: 1, topK: 20, topP: 0.95 });
    assert.equal(text.length, 500);
    assert.equal(tf.memory().numTensors, start);
  });
});
