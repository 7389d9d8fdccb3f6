import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { cpuBackend } from '../node/backends';
import { INCEPTION_LAYERS, InceptionV3, preprocess } from './model';
import { readNsfwjs } from '../../scripts/extract-inception.mjs';
import { registryEntry } from '../registry';

const files = () => publicModel('inception-v3', registryEntry('inception-v3').version);

describe('InceptionV3 (extracted from nsfwjs)', () => {
  const net = new InceptionV3(files());
  before(async () => {
    await cpuBackend();
    await net.load();
  });

  for (const [h, w] of [
    [128, 128],
    [200, 300],
  ]) {
    it(`gives mixed3 and mixed5 of the right shapes for ${w}x${h}`, () => {
      // Valid convs and pools: 128 -> 13 -> 6, 300 -> 35 -> 17, 200 -> 23 -> 11 (Keras shape rules).
      const [m3, m5] = tf.tidy(() => net.features(tf.zeros([1, h, w, 3]), ['mixed3', 'mixed5']).map((t) => tf.keep(t)));
      const reduce = (n: number) => Math.floor((n - 3) / 2) + 1; // 3x3 stride-2 valid conv or pool
      const mixed3Side = (n: number) => reduce(reduce(reduce(reduce(n) - 2) - 2)); // stem, then mixed3's reduction
      assert.deepEqual(m3.shape, [1, mixed3Side(h), mixed3Side(w), 768]);
      assert.deepEqual(m5.shape, [1, mixed3Side(h), mixed3Side(w), 768]);
      tf.dispose([m3, m5]);
    });
  }

  it('matches a tfjs-layers forward pass of the same file (the BatchNorm folding is exact)', async () => {
    const json = JSON.parse(new TextDecoder().decode(await files().bytes('model.json')));
    const parts = await Promise.all(json.weightsManifest[0].paths.map((p: string) => files().bytes(p)));
    const layersModel = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: parts,
      }),
    );
    const image = tf.randomUniform([1, 96, 96, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const ours = net.features(image, INCEPTION_LAYERS);
    const theirs = layersModel.predict(image) as tf.Tensor[];
    for (let i = 0; i < ours.length; i++) {
      const err = tf.max(tf.abs(ours[i].sub(theirs[i]))).dataSync()[0];
      const scale = tf.max(tf.abs(theirs[i])).dataSync()[0];
      assert.ok(err / scale < 1e-4, `${INCEPTION_LAYERS[i]} relative error ${err / scale}`);
    }
    tf.dispose([image, ...ours, ...theirs]);
    layersModel.dispose();
  });

  it("keeps nsfwjs's weights for named layers, and gamma = 1 where nsfwjs had none", async () => {
    const { model, weights } = readNsfwjs();
    const original = tf.io.decodeWeights(
      weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length),
      model.weightsManifest[0].weights,
    );
    const json = JSON.parse(new TextDecoder().decode(await files().bytes('model.json')));
    const parts = await Promise.all(json.weightsManifest[0].paths.map((p: string) => files().bytes(p)));
    const shipped = tf.io.decodeWeights(parts, json.weightsManifest[0].weights);
    for (const name of [
      'conv2d_1/kernel',
      'batch_normalization_1/beta',
      'conv2d_30/kernel',
      'batch_normalization_50/moving_variance',
      'conv2d_50/kernel',
    ]) {
      assert.deepEqual(shipped[name].shape, original[name].shape, name);
      assert.deepEqual(shipped[name].dataSync(), original[name].dataSync(), name);
    }
    assert.equal(original['batch_normalization_1/gamma'], undefined);
    assert.deepEqual([...new Set(shipped['batch_normalization_1/gamma'].dataSync())], [1]);
    assert.equal(shipped['conv2d_51/kernel'], undefined, 'nothing past mixed5 is shipped');
    tf.dispose([...Object.values(original), ...Object.values(shipped)]);
  });

  it('gives a finite, non-zero gradient with respect to the input image', () => {
    const image = tf.randomUniform([1, 80, 80, 3], 0, 255, 'float32', 5);
    const grad = tf.grad((x: tf.Tensor) => net.features(preprocess(x) as tf.Tensor4D, ['mixed5'])[0].mean())(image);
    const values = grad.dataSync();
    assert.ok(values.every(Number.isFinite));
    assert.ok(tf.tidy(() => grad.abs().max().dataSync()[0]) > 0);
    tf.dispose([image, grad]);
  });

  it('returns the tensor count to where it began after load and dispose, and a forward pass leaks nothing', async () => {
    const start = tf.memory().numTensors;
    const other = new InceptionV3(files());
    await other.load();
    await other.load(); // idempotent
    // Counted outside any tidy: only the input and the outputs are ours to dispose.
    const image = tf.zeros([1, 80, 80, 3]) as tf.Tensor4D;
    const features = other.features(image, ['mixed3', 'mixed5']);
    tf.dispose([image, ...features]);
    other.dispose();
    assert.equal(tf.memory().numTensors, start);
  });
});
