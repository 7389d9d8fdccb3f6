import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { cpuBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { registryEntry } from '../registry';
import { DigitClassifier } from './model';
import { seeClassJitter, seeClassStep } from './see-class';
import { SEE_CLASS_DEFAULTS, SEE_CLASS_FIRST, type SeeClassSettings } from './settings';

/** A drawn "1": one vertical stroke, two pixels wide with soft edges, as [1, 28, 28, 1] in [0, 1]. */
function drawnOne(): tf.Tensor4D {
  const pixels = new Float32Array(784);
  for (let y = 5; y <= 22; y++)
    for (const [x, ink] of [
      [12, 0.5],
      [13, 1],
      [14, 1],
      [15, 0.5],
    ])
      pixels[y * 28 + x] = ink;
  return tf.tensor4d(pixels, [1, 28, 28, 1]);
}

const STEPS = 30;

/** `steps` ascent steps from x; the caller owns the result. */
function ascend(classifier: DigitClassifier, x: tf.Tensor4D, settings: SeeClassSettings, steps: number): tf.Tensor4D {
  const shifts = seeClassJitter(settings);
  let image = x.clone();
  for (let step = 0; step < steps; step++) {
    const next = seeClassStep(classifier, image, settings, shifts());
    image.dispose();
    image = next;
  }
  return image;
}

describe('make the classifier see a class', () => {
  const [seer, judge] = ['digit-cnn', 'digit-cnn-b'].map(
    (id) => new DigitClassifier(publicModel(id, registryEntry(id).version)),
  );
  before(async () => {
    await cpuBackend();
    await Promise.all([seer.load(), judge.load()]);
  });
  after(() => [seer, judge].forEach((c) => c.dispose()));
  const p = (classifier: DigitClassifier, x: tf.Tensor4D, digit: number) =>
    tf.tidy(() => classifier.probabilities(x).dataSync()[digit]);

  it('turns a drawn 1 into a picture both classifiers see as 3, replays it exactly, and leaks no tensor', () => {
    const one = drawnOne();
    const settings: SeeClassSettings = { ...SEE_CLASS_DEFAULTS, target: 3, seed: 1 };
    assert.equal(
      tf.tidy(() => seer.probabilities(one).argMax(1).dataSync()[0]),
      1,
      'a vertical stroke is a 1',
    );
    const before = p(seer, one, 3);
    assert.ok(before < 0.2, `p(3) of the drawn 1 is ${before}`);

    const start = tf.memory().numTensors;
    const three = ascend(seer, one, settings, STEPS);
    assert.equal(tf.memory().numTensors, start + 1, 'only the result is left');
    const [seen, judged] = [p(seer, three, 3), p(judge, three, 3)];
    const changed = tf.tidy(() => three.sub(one).abs().mean().dataSync()[0]);
    console.log(
      `p(3): ${before.toFixed(3)} -> ${seen.toFixed(3)}; the other classifier: ${judged.toFixed(3)}; mean pixel change ${changed.toFixed(3)}`,
    );
    assert.ok(seen >= 0.9, `p(3) = ${seen}`);
    assert.ok(judged >= 0.5, `the other classifier gives p(3) = ${judged}: an adversarial speck, not a 3`);
    assert.ok(changed > 0.05, `mean pixel change ${changed}`);

    const again = ascend(seer, one, settings, STEPS);
    assert.equal(
      tf.tidy(() => again.sub(three).abs().max().dataSync()[0]),
      0,
      'the same settings replay the same pixels',
    );
    tf.dispose([one, three, again]);
  });

  it('replays a link made before the logit objective with the first method, to the same pixels', () => {
    const one = drawnOne();
    // The settings every link had then (tvWeight 4), read as the Lab reads a link without objective or decay.
    const first: SeeClassSettings = { stepSize: 0.08, jitter: 1, tvWeight: 4, target: 3, seed: 1, ...SEE_CLASS_FIRST };
    const three = ascend(seer, one, first, STEPS);
    // Written by the code of commit 215a3e7 (before `objective` and `decay`) on this backend, from this digit.
    assert.equal(
      createHash('sha256').update(Buffer.from(three.dataSync().buffer)).digest('hex'),
      'f6ee4eab3814dc61d83751daa180ef588934aa287b3b64a8044d3c6b8e41435a',
    );
    tf.dispose([one, three]);
  });
});
