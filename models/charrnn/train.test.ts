import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { TextFit } from './fit';
import { alphabetNote, parameterCount, trainingTextProblem } from './own-text';
import { type CharRNNShape, initialWeights, windowLoss } from './train';
import { CharRNNTrainer } from './trainer';
import { windowGradients } from './backprop';
import { alphabetCounts, encode, VOCAB } from './vocab';

interface Fixture {
  config: CharRNNShape;
  tokens: number[][];
  loss: number;
  weights: Record<string, { shape: number[]; values: number[] }>;
  gradients: Record<string, { shape: number[]; values: number[] }>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'train-parity.json'), 'utf8')) as Fixture;

/** max |a - b| / max |b|: an error relative to the tensor's scale (elementwise, tiny gradients would be noise). */
const relativeError = (a: ArrayLike<number>, b: number[]) =>
  b.reduce((m, v, i) => Math.max(m, Math.abs(a[i] - v)), 0) / Math.max(...b.map(Math.abs));

/** windowGradients in a tidy, as the trainer calls it. */
const handGradients = (...args: Parameters<typeof windowGradients>) =>
  tf.tidy(() => {
    const { loss, grads, state } = windowGradients(...args);
    return { loss, grads, state: { h: state.h, c: state.c } };
  });

describe('CharRNN training step', () => {
  before(startWasmBackend);

  it("agrees with PyTorch's: loss and every weight's gradient within 1e-4 relative (train-parity.json)", () => {
    const weights = Object.fromEntries(
      Object.entries(fixture.weights).map(([name, { shape, values }]) => [name, tf.variable(tf.tensor(values, shape))]),
    );
    const start = tf.memory().numTensors;
    const byHand = handGradients(weights, fixture.config, fixture.tokens, null, 0, null);
    const { value, grads } = tf.variableGrads(
      () => windowLoss(weights, fixture.config, fixture.tokens, null, 0, null).loss,
      Object.values(weights),
    );
    for (const [how, loss] of [
      ['by hand', byHand.loss],
      ['tfjs', value],
    ] as const) {
      assert.ok(Math.abs(loss.dataSync()[0] - fixture.loss) / fixture.loss < 1e-4, `${how}: loss ${loss.dataSync()}`);
    }
    for (const [name, expected] of Object.entries(fixture.gradients)) {
      for (const [how, got] of [
        ['by hand', byHand.grads[name]],
        ['tfjs', grads[weights[name].name]],
      ] as const) {
        assert.deepEqual(got.shape, expected.shape, `${how}: ${name}`);
        const error = relativeError(got.dataSync(), expected.values);
        assert.ok(error < 1e-4, `${how}: ${name}: relative error ${error}`);
      }
    }
    tf.dispose([value, ...Object.values(grads), byHand.loss, ...Object.values(byHand.grads)]);
    tf.dispose([...byHand.state.h, ...byHand.state.c]);
    assert.equal(tf.memory().numTensors, start, 'the gradients leave no tensor behind');
    tf.dispose(Object.values(weights));
  });

  it("gives tfjs's gradients with dropout and a carried state: the same masks, the same state after", () => {
    const shape = { vocab: VOCAB.length, embed: 8, hidden: 16, layers: 2 };
    const weights = initialWeights(shape, 5);
    const windows = Array.from({ length: 3 }, (_, b) => encode(`stream ${b}: a window of text, `).slice(0, 13));
    const state = {
      h: [0, 1].map((k) => tf.randomNormal([3, 16], 0, 0.5, 'float32', k) as tf.Tensor2D),
      c: [2, 3].map((k) => tf.randomNormal([3, 16], 0, 0.5, 'float32', k) as tf.Tensor2D),
    };
    const byHand = handGradients(weights, shape, windows, state, 0.3, 99);
    const ended: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const out = windowLoss(weights, shape, windows, state, 0.3, 99);
      ended.push(...[...out.state.h, ...out.state.c].map((t) => tf.keep(t)));
      return out.loss;
    }, Object.values(weights));
    assert.ok(Math.abs(byHand.loss.dataSync()[0] - value.dataSync()[0]) < 1e-5);
    for (const [name, v] of Object.entries(weights)) {
      const error = relativeError(byHand.grads[name].dataSync(), Array.from(grads[v.name].dataSync()));
      assert.ok(error < 1e-5, `${name}: relative error ${error}`);
    }
    [...byHand.state.h, ...byHand.state.c].forEach((t, i) =>
      assert.ok(relativeError(t.dataSync(), Array.from(ended[i].dataSync())) < 1e-6, `state ${i}`),
    );
    // with dropout off the loss differs: the masks took part
    const plainLoss = tf.tidy(() => windowLoss(weights, shape, windows, state, 0, null).loss.dataSync()[0]);
    assert.ok(Math.abs(plainLoss - value.dataSync()[0]) > 1e-3);
    tf.dispose([value, ...Object.values(grads), byHand.loss, ...Object.values(byHand.grads), ...ended]);
    tf.dispose([...byHand.state.h, ...byHand.state.c, ...state.h, ...state.c, ...Object.values(weights)]);
  });

  it("goes on from a checkpoint with Adam's moments exactly as it would have; without them it would not", async () => {
    const shape = { vocab: VOCAB.length, embed: 8, hidden: 16, layers: 2 };
    const settings = { learningRate: 1e-2, clipNorm: 1, dropout: 0.2, weightDecay: 0.01 };
    const windows = Array.from({ length: 4 }, (_, b) =>
      encode(`window ${b} of a text to learn, `.repeat(2)).slice(0, 17),
    );
    const arraysOf = (w: Record<string, tf.Variable>) =>
      Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.dataSync().slice()]));
    const step = (t: CharRNNTrainer) => {
      const { loss, state } = t.step(windows);
      tf.dispose([loss, ...state.h, ...state.c]);
    };
    const start = tf.memory().numTensors;
    const going = new CharRNNTrainer(shape, initialWeights(shape, 3), settings);
    for (let i = 0; i < 3; i++) step(going);
    const checkpoint = { weights: arraysOf(going.weights), moments: (await going.momentsOf())!, steps: going.steps };
    assert.equal(checkpoint.moments.iterations, 3);
    const resumed = (withMoments: boolean) => {
      const weights = Object.fromEntries(
        Object.entries(checkpoint.weights).map(([k, v]) => [
          k,
          tf.tidy(() => tf.variable(tf.tensor(v, going.weights[k].shape))),
        ]),
      );
      const t = new CharRNNTrainer(shape, weights, settings);
      t.steps = checkpoint.steps;
      return withMoments ? t.restoreMoments(checkpoint.moments).then(() => t) : Promise.resolve(t);
    };
    const [restored, afresh] = [await resumed(true), await resumed(false)];
    for (const t of [going, restored, afresh]) step(t);
    const [after, fromCheckpoint, fromScratch] = [going, restored, afresh].map((t) => arraysOf(t.weights));
    for (const name of Object.keys(after)) {
      assert.ok(relativeError(fromCheckpoint[name], Array.from(after[name])) < 1e-5, `${name} with the moments`);
    }
    const drift = Math.max(...Object.keys(after).map((n) => relativeError(fromScratch[n], Array.from(after[n]))));
    assert.ok(drift > 1e-3, `afresh, Adam's first step differs (${drift})`);
    for (const t of [going, restored, afresh]) {
      tf.dispose(Object.values(t.weights));
      t.dispose();
    }
    assert.equal(tf.memory().numTensors, start);
  });

  it('counts its weights and says what is wrong with a text to train on', () => {
    const sizes = Object.values(fixture.weights).reduce((n, w) => n + w.values.length, 0);
    assert.equal(parameterCount(fixture.config), sizes);
    assert.equal(trainingTextProblem(50_000), null);
    assert.match(trainingTextProblem(12_000) ?? '', /12 KB; a model needs at least 20 KB/);
    assert.match(trainingTextProblem(6_000_000) ?? '', /6,000 KB; the studio trains on at most 5,000 KB/);
    assert.match(trainingTextProblem(50_000, true) ?? '', /not UTF-8 text/);
    // What becomes of characters outside the vocabulary is said; a text mostly of them is refused.
    const french = 'Où est l\u2019été? '.repeat(2_000);
    assert.deepEqual(alphabetCounts('Où \u2019'), { total: 4, mapped: 1, unknown: 1 });
    assert.equal(alphabetNote('plain ASCII\n'), null);
    assert.match(
      alphabetNote(french) ?? '',
      /^2,000 typographic characters .* plain forms; 6,000 characters \(21\.4%\) are outside the models' alphabet/,
    );
    assert.match(trainingTextProblem(50_000, false, french) ?? '', /^21% of this text's characters are outside/);
    assert.match(trainingTextProblem(50_000, false, '漢字のテキスト'.repeat(5_000)) ?? '', /^100% of/);
    assert.equal(trainingTextProblem(50_000, false, 'Où est la gare? '.repeat(3_000)), null);
  });

  it('learns a text by truncated BPTT: a 1 x 64 model beats the unigram entropy of its held-out last 10%', async () => {
    const text = readFileSync(join(__dirname, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8').slice(0, 30_000);
    const shape = { vocab: VOCAB.length, embed: 16, hidden: 64, layers: 1 };
    const fit = new TextFit(encode(text), shape, {
      ...{ learningRate: 1e-2, clipNorm: 1, dropout: 0, weightDecay: 0.01 },
      ...{ batch: 16, window: 32, seed: 1 },
    });
    const untrained = await fit.heldOutLoss();
    await fit.step();
    const afterFirst = tf.memory().numTensors; // the weights and, from the first step on, Adam's moments
    while (fit.steps < 150) await fit.step();
    const [held, unigram] = [await fit.heldOutLoss(), fit.unigramEntropy()];
    const sample = fit.sample('The ', 60, 1, { temperature: 0.5, topK: 0, topP: 1 });
    console.log(
      `held-out ${held.toFixed(3)} nats/char (untrained ${untrained.toFixed(3)}, unigram ${unigram.toFixed(3)}) ` +
        `after ${fit.charsRead} characters; it writes ${JSON.stringify(sample)}`,
    );
    assert.ok(untrained > unigram, 'an untrained model is worse than character frequencies');
    assert.ok(held < unigram - 0.3, `held-out ${held} against the unigram's ${unigram}`);
    assert.equal(sample.length, 60);
    assert.equal(tf.memory().numTensors, afterFirst, 'as many tensors after 150 steps and a sample as after one step');
    fit.dispose();
  });
});
