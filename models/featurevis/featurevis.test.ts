import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { channelMean, imageOf, pyramidOf, transformed, visualiseChannel } from './featurevis';
import { FEATURE_VIS_DEFAULTS, type FeatureVisSettings } from './settings';

// wasm: InceptionV3's gradient at 96 px is minutes on the CPU backend, seconds on wasm.
const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
before(async () => {
  await startWasmBackend();
  await net.load();
});

const settings = (channel: number): FeatureVisSettings => ({
  ...FEATURE_VIS_DEFAULTS,
  size: 96,
  layer: 'mixed3',
  channel,
  seed: 1,
});

describe('feature visualisation', () => {
  it('starts from a faint-noise grey, and views the image shifted and scaled at the size asked', () => {
    const pyramid = pyramidOf(settings(10));
    assert.deepEqual(
      pyramid.map((g) => g.shape[1]),
      [96, 48, 24, 12, 6],
    );
    const image = imageOf(pyramid, 96);
    const [mean, spread] = tf.tidy(() => [image.mean().dataSync()[0], tf.moments(image).variance.sqrt().dataSync()[0]]);
    assert.ok(Math.abs(mean - 127.5) < 1 && spread > 0.1 && spread < 3, `mean ${mean}, sd ${spread}`);
    const view = transformed(image, { dy: 3, dx: -2, scale: 1.1 }, 8);
    assert.deepEqual(view.shape, [1, 106, 106, 3]);
    tf.dispose([image, view, ...pyramid]);
  });

  it('grows a picture for a channel that is off everywhere on the starting grey (plain ReLU gives it no gradient)', async () => {
    const made = await visualiseChannel(net, { ...settings(0), size: 80 }, 24);
    assert.equal(made.start, 0);
    assert.ok(made.end > 1, `mixed3 channel 0: ${made.end}`);
    made.image.dispose();
  });

  it('raises a mixed3 channel at least 5x over the starting noise, each image its own channel most, and frees everything else', async () => {
    const start = tf.memory().numTensors;
    const made = await Promise.all([10, 50].map(async (channel) => visualiseChannel(net, settings(channel), 24)));
    assert.equal(tf.memory().numTensors, start + 2, 'only the two images are left');
    const on = (image: tf.Tensor4D, channel: number) =>
      tf.tidy(() => channelMean(net, image, 'mixed3', channel).dataSync()[0]);
    made.forEach(({ start: before, end }, i) => {
      console.log(`mixed3 channel ${[10, 50][i]}: ${before.toFixed(3)} -> ${end.toFixed(3)}`);
      assert.ok(end >= 5 * before, `channel ${[10, 50][i]}: ${before} -> ${end}`);
    });
    assert.ok(on(made[0].image, 10) > on(made[1].image, 10), 'channel 10 prefers its own image');
    assert.ok(on(made[1].image, 50) > on(made[0].image, 50), 'channel 50 prefers its own image');
    const again = await visualiseChannel(net, settings(10), 24);
    assert.equal(
      tf.tidy(() => again.image.sub(made[0].image).abs().max().dataSync()[0]),
      0,
      'the same settings make the same image',
    );
    tf.dispose([again.image, ...made.map((m) => m.image)]);
  });

  it("makes the pixels it made before the style studio shared its parameterisation (the Lab's links keep their picture)", async () => {
    const made = await visualiseChannel(net, settings(10), 8);
    const bytes = Uint8Array.from(tf.tidy(() => made.image.round().clipByValue(0, 255).toInt()).dataSync());
    // Written on wasm by the code of commit cf88475, before models/core/pyramid.ts existed.
    assert.equal(
      createHash('sha256').update(bytes).digest('hex'),
      'b48f5d8e8c3f1bdb1de555ecc5682316dd16bdd4ce15549ab065a97a1e438201',
    );
    made.image.dispose();
  });
});
