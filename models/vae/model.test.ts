import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { cpuBackend } from '../node/backends';
import { registryEntry } from '../registry';
import { type LatentAtlas, moveAlong } from './atlas';
import { VAE } from './model';

interface Fixture {
  inputShape: number[];
  outputShape: number[];
  inputs: number[];
  outputs: number[];
}
const fixture = (id: string, name: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', id, `${name}.json`), 'utf8')) as Fixture;

function maxAbsError(got: tf.Tensor, want: number[]): number {
  const values = got.dataSync();
  assert.equal(values.length, want.length);
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] - want[i]));
  return max;
}

const SHIPPED = ['vae-mnist', 'vae-mnist-2d', 'vae-fashion', 'vae-fashion-2d', 'vae-faces', 'vae-mnist-denoise'];

describe('VAEs: the shipped weights reproduce their PyTorch parity fixtures (max abs error < 1e-3)', () => {
  before(cpuBackend);
  for (const id of SHIPPED) {
    it(id, async () => {
      const entry = registryEntry(id);
      const vae = new VAE(publicModel(entry.id, entry.version));
      await vae.load();
      const enc = fixture(id, 'parity-encoder');
      const dec = fixture(id, 'parity-decoder');
      const start = tf.memory().numTensors;
      const x = tf.tensor4d(enc.inputs, enc.inputShape as [number, number, number, number]);
      const { mu, logvar } = vae.encode(x);
      const both = tf.concat([mu, logvar], 1);
      assert.deepEqual(both.shape, enc.outputShape);
      assert.ok(maxAbsError(both, enc.outputs) < 1e-3, `encoder error ${maxAbsError(both, enc.outputs)}`);
      const z = tf.tensor2d(dec.inputs, dec.inputShape as [number, number]);
      const images = vae.decode(z);
      assert.deepEqual(images.shape, dec.outputShape);
      assert.ok(maxAbsError(images, dec.outputs) < 1e-3, `decoder error ${maxAbsError(images, dec.outputs)}`);
      assert.equal(vae.latentSize, dec.inputShape[1]);
      tf.dispose([x, mu, logvar, both, z, images]);
      assert.equal(tf.memory().numTensors, start);
      vae.dispose();
    });
  }
});

describe('VAE memory', () => {
  const entry = registryEntry('vae-mnist');
  const vae = new VAE(publicModel(entry.id, entry.version));
  const atlas = JSON.parse(readFileSync(join(__dirname, '..', entry.id, 'atlas.json'), 'utf8')) as LatentAtlas;
  before(async () => {
    await cpuBackend();
    await vae.load();
  });
  after(() => vae.dispose());

  it('keeps the tensor count unchanged over 200 slider moves and encodes (as the latent studio makes them)', async () => {
    const start = tf.memory().numTensors;
    let z: Float32Array = Float32Array.from(atlas.mean);
    for (let i = 0; i < 200; i++) {
      z = moveAlong(atlas, z, i % atlas.directions.length, Math.sin(i / 10) * 2);
      // Counted outside any tidy: only the input and the output are ours to dispose.
      const point = tf.tensor2d(z, [1, z.length]);
      const images = vae.decode(point);
      point.dispose();
      await images.data();
      images.dispose();
      if (i % 50 === 0) {
        const drawing = tf.zeros([1, ...vae.imageShape]) as tf.Tensor4D;
        const { mu, logvar } = vae.encode(drawing);
        drawing.dispose();
        await mu.data();
        tf.dispose([mu, logvar]);
      }
    }
    assert.equal(tf.memory().numTensors, start);
  });

  it('moving a latent coordinate changes the decoded pixels', () => {
    const [a, b] = [0, 2].map((v) =>
      tf.tidy(() => vae.decode(tf.tensor2d([v, ...new Array(vae.latentSize - 1).fill(0)], [1, vae.latentSize]))),
    );
    const diff = tf.tidy(() => a.sub(b).abs().mean().dataSync()[0]);
    assert.ok(diff > 0.01, `mean pixel change ${diff}`);
    tf.dispose([a, b]);
  });
});
