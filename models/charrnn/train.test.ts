import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { CharRNNTrainer, type CharRNNShape, initialWeights, windowLoss } from './train';
import { encode, VOCAB } from './vocab';

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

describe('CharRNN training step', () => {
  before(startWasmBackend);

  it("agrees with PyTorch's: loss and every weight's gradient within 1e-4 relative (train-parity.json)", () => {
    const weights = Object.fromEntries(
      Object.entries(fixture.weights).map(([name, { shape, values }]) => [name, tf.variable(tf.tensor(values, shape))]),
    );
    const batch = tf.tensor2d(fixture.tokens, undefined, 'int32');
    const start = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => windowLoss(weights, fixture.config, batch, null, 0, null).loss,
      Object.values(weights),
    );
    assert.ok(Math.abs(value.dataSync()[0] - fixture.loss) / fixture.loss < 1e-4, `loss ${value.dataSync()[0]}`);
    for (const [name, expected] of Object.entries(fixture.gradients)) {
      const got = grads[weights[name].name];
      assert.deepEqual(got.shape, expected.shape, name);
      const error = relativeError(got.dataSync(), expected.values);
      assert.ok(error < 1e-4, `${name}: relative error ${error}`);
    }
    tf.dispose([value, ...Object.values(grads)]);
    assert.equal(tf.memory().numTensors, start, 'the gradient leaves no tensor behind');
    tf.dispose([batch, ...Object.values(weights)]);
  });

  it('learns a text: a 1 x 64 model beats the unigram entropy on its held-out last 10% within 150 steps', () => {
    const ids = encode(readFileSync(join(__dirname, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8').slice(0, 30_000));
    const cut = Math.floor(ids.length * 0.9);
    const [train, held] = [ids.slice(0, cut), ids.slice(cut)];
    // The unigram model: each character's training frequency (add-one), scored on the held-out text.
    const counts = new Float64Array(VOCAB.length).fill(1);
    train.forEach((t) => counts[t]++);
    const total = counts.reduce((a, b) => a + b, 0);
    const unigram = -held.reduce((s, t) => s + Math.log(counts[t] / total), 0) / held.length;

    const shape = { vocab: VOCAB.length, embed: 16, hidden: 64, layers: 1 };
    const trainer = new CharRNNTrainer(shape, initialWeights(shape, 1), {
      learningRate: 1e-2,
      clipNorm: 1,
      dropout: 0,
      weightDecay: 0.01,
    });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const window = (text: number[], at: number) => text.slice(at, at + 33);
    let afterFirst = 0; // the weights and, from the first step on, Adam's moments
    for (let step = 0; step < 150; step++) {
      const windows = Array.from({ length: 16 }, () => window(train, Math.floor(random() * (train.length - 33))));
      const { loss, state } = trainer.step(windows);
      tf.dispose([loss, ...state.h, ...state.c]);
      if (step === 0) afterFirst = tf.memory().numTensors;
    }
    const heldWindows = Array.from({ length: Math.floor((held.length - 1) / 32) }, (_, i) => window(held, 32 * i));
    const heldLoss = tf.tidy(
      () =>
        windowLoss(
          trainer.weights,
          shape,
          tf.tensor2d(heldWindows, undefined, 'int32'),
          null,
          0,
          null,
        ).loss.dataSync()[0],
    );
    console.log(`held-out ${heldLoss.toFixed(3)} nats/char against the unigram's ${unigram.toFixed(3)}`);
    assert.ok(heldLoss < unigram - 0.3, `held-out ${heldLoss} against the unigram's ${unigram}`);
    assert.equal(tf.memory().numTensors, afterFirst, 'as many tensors after 150 steps as after the first');
    trainer.dispose();
    tf.dispose(Object.values(trainer.weights));
  });
});
