import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../../tests/support/node-files';
import { cpuBackend } from '../../tests/support/tf-node';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { octaveSizes, roll } from './dream';
import { dream, type DreamPlan } from './run';

/** A fixed, structured 128x128 input: smooth colour gradients and a disc. */
function fixedInput(): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.linspace(0, 1, 128).reshape([128, 1, 1]);
    const x = tf.linspace(0, 1, 128).reshape([1, 128, 1]);
    const disc = y.sub(0.5).square().add(x.sub(0.4).square()).less(0.06).toFloat();
    const rgb = tf.concat([y.add(x.mul(0)).mul(200), x.add(y.mul(0)).mul(180), disc.mul(150).add(40)], 2);
    return rgb.expandDims(0) as tf.Tensor4D;
  });
}

describe('DeepDream', () => {
  const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
  before(async () => {
    await cpuBackend();
    await net.load();
  });

  it('raises the objective at every step and changes the image, leaking no tensor', async () => {
    const input = fixedInput();
    const start = tf.memory().numTensors;
    const plan: DreamPlan = { layers: [{ name: 'mixed3', weight: 1 }], stepSize: 0.01, octaves: 1, octaveScale: 1.4, steps: 6, jitter: 0, seed: 1 };
    const objectives: number[] = [];
    const out = await dream(net, input, plan, (r) => {
      objectives.push(r.objective);
    });
    // objectives[k] is measured before step k+1: rising values mean every step raised it.
    for (let i = 1; i < objectives.length; i++) assert.ok(objectives[i] > objectives[i - 1], `step ${i}: ${objectives.join(', ')}`);
    const meanAbsDiff = tf.tidy(() => out.sub(input).abs().mean().dataSync()[0]);
    assert.ok(meanAbsDiff > 2, `mean |change| ${meanAbsDiff} of 255 is no dream`);
    out.dispose();
    assert.equal(tf.memory().numTensors, start);
    input.dispose();
  });

  it('rolls images circularly and back exactly', () => {
    const img = tf.range(0, 2 * 3 * 4).reshape([1, 3, 4, 2]) as tf.Tensor4D;
    const back = roll(roll(img, 2, -3), -2, 3);
    assert.deepEqual(back.dataSync(), img.dataSync());
    assert.deepEqual(Array.from(roll(img, 1, 0).slice([0, 0, 0, 0], [1, 1, 1, 1]).dataSync()), [16]);
    tf.dispose([img, back]);
  });

  it('plans octaves smallest first and never below 75 px', () => {
    assert.deepEqual(octaveSizes(512, 512, 3, 2), [[128, 128], [256, 256], [512, 512]]);
    assert.deepEqual(octaveSizes(128, 200, 4, 1.5), [[85, 133], [128, 200]]);
  });
});
