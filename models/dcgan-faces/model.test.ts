import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { cpuBackend } from '../node/backends';
import { registryEntry } from '../registry';
import { latentFromSeed, LATENT_SIZE } from './latent';
import { DCGANFaces } from './model';

const fixture = JSON.parse(readFileSync(join(__dirname, 'parity.json'), 'utf8')) as {
  inputShape: number[];
  outputShape: number[];
  inputs: number[];
  outputs: number[];
};

describe('DCGAN faces', () => {
  const entry = registryEntry('dcgan-faces');
  const gan = new DCGANFaces(publicModel(entry.id, entry.version));
  before(async () => {
    await cpuBackend();
    await gan.load();
  });

  it('reproduces the PyTorch parity fixture with the shipped weights (max abs error < 1e-3)', () => {
    const z = tf.tensor2d(fixture.inputs, fixture.inputShape as [number, number]);
    const out = gan.generate(z);
    assert.deepEqual(out.shape, fixture.outputShape);
    const got = out.dataSync();
    let maxErr = 0;
    for (let i = 0; i < got.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - fixture.outputs[i]));
    assert.ok(maxErr < 1e-3, `max abs error ${maxErr}`);
    tf.dispose([z, out]);
  });

  it('draws the same latent for the same seed, different ones for different seeds, truncated as asked', () => {
    assert.deepEqual(latentFromSeed(42, 0), latentFromSeed(42, 0));
    assert.notDeepEqual(latentFromSeed(42, 0), latentFromSeed(43, 0));
    const t = latentFromSeed(42, 1);
    assert.equal(t.length, LATENT_SIZE);
    assert.ok(t.every((v) => Math.abs(v) <= 1));
  });

  it('keeps the tensor count unchanged over 100 generations, and after load then dispose', async () => {
    const start = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      // Counted outside any tidy: only the input and the output are ours to dispose.
      const z = tf.tensor2d(latentFromSeed(i, 0), [1, LATENT_SIZE]);
      const faces = gan.pixels(z);
      tf.dispose([z, faces]);
    }
    assert.equal(tf.memory().numTensors, start);
    const other = new DCGANFaces(publicModel(entry.id, entry.version));
    await other.load();
    other.dispose();
    assert.equal(tf.memory().numTensors, start);
  });
});
