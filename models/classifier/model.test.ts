import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { cpuBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { registryEntry } from '../registry';
import { DigitClassifier } from './model';
import { LAYER_NAMES } from './settings';

interface Fixture {
  inputShape: number[];
  outputShape: number[];
  inputs: number[];
  outputs: number[];
}

const SHIPPED = ['digit-cnn', 'digit-cnn-b'];
const load = async (id: string) => {
  const entry = registryEntry(id);
  const classifier = new DigitClassifier(publicModel(entry.id, entry.version));
  await classifier.load();
  return classifier;
};

describe('digit classifiers: the shipped weights reproduce their PyTorch parity fixtures (max abs error < 1e-3)', () => {
  before(cpuBackend);
  for (const id of SHIPPED) {
    it(id, async () => {
      const classifier = await load(id);
      const fixture = JSON.parse(readFileSync(join(__dirname, '..', id, 'parity.json'), 'utf8')) as Fixture;
      const start = tf.memory().numTensors;
      const x = tf.tensor4d(fixture.inputs, fixture.inputShape as [number, number, number, number]);
      const logits = classifier.logits(x);
      assert.deepEqual(logits.shape, fixture.outputShape);
      const got = logits.dataSync();
      const error = Math.max(...fixture.outputs.map((v, i) => Math.abs(v - got[i])));
      assert.ok(error < 1e-3, `max abs error ${error}`);
      tf.dispose([x, logits]);
      assert.equal(tf.memory().numTensors, start);
      classifier.dispose();
    });
  }
});

describe('digit classifier layers', () => {
  let classifier: DigitClassifier;
  before(async () => {
    await cpuBackend();
    classifier = await load('digit-cnn');
  });
  after(() => classifier.dispose());

  it('gives every shown layer at its shape, the last one the logits, and leaks no tensor', () => {
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const start = tf.memory().numTensors;
    const layers = classifier.layers(x);
    assert.deepEqual(
      LAYER_NAMES.map((n) => layers[n].shape),
      [
        [2, 28, 28, 16],
        [2, 14, 14, 16],
        [2, 14, 14, 32],
        [2, 7, 7, 32],
        [2, 64],
        [2, 10],
      ],
    );
    const logits = classifier.logits(x);
    assert.ok(tf.tidy(() => layers.logits.sub(logits).abs().max().dataSync()[0]) < 1e-5);
    const probabilities = classifier.probabilities(x);
    assert.ok(tf.tidy(() => probabilities.sum(1).sub(1).abs().max().dataSync()[0]) < 1e-5);
    tf.dispose([...Object.values(layers), logits, probabilities]);
    assert.equal(tf.memory().numTensors, start);
    x.dispose();
  });
});
