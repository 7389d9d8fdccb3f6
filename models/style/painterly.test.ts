import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { startWasmBackend } from '../node/backends';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { gaussianBlur, JITTER_PX, jitterSequence, shiftImage } from './painterly';
import { type StylePlan, transferStyle } from './run';
import { DEFAULT_WEIGHTS, type StyleWeights, toYiq } from './style';
import { blobsImage, stripesImage } from './test-images';

// 152 px: the smallest side whose half (76 px) still takes a coarse stage, so coarse-to-fine runs.
const SIDE = 152;
const WEIGHTS: StyleWeights = {
  ...DEFAULT_WEIGHTS,
  contentLayer: 'mixed2',
  styleLayers: [
    { name: 'mixed0', weight: 1 },
    { name: 'mixed1', weight: 1 },
    { name: 'mixed2', weight: 1 },
  ],
};
const PLAN: StylePlan = {
  algorithm: 1,
  weights: WEIGHTS,
  steps: 4,
  learningRate: 6,
  init: 'content',
  seed: 1,
  styleScale: 1,
  coarseToFine: true,
  preserveColor: 'none',
};

const uint8Sha256 = (x: tf.Tensor) =>
  createHash('sha256')
    .update(Uint8Array.from(tf.tidy(() => x.round().clipByValue(0, 255).toInt()).dataSync()))
    .digest('hex');
/** Mean squared 5-point Laplacian of the luminance: the high-frequency energy that speckle is made of. */
const laplacianEnergy = (x: tf.Tensor4D) =>
  tf.tidy(() => {
    const y = toYiq(x).slice([0, 0, 0, 0], [-1, -1, -1, 1]) as tf.Tensor4D;
    return tf
      .conv2d(y, tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]), 1, 'valid')
      .square()
      .mean()
      .dataSync()[0];
  });

const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
before(async () => {
  await startWasmBackend();
  await net.load();
});

describe('style algorithm 2 (painterly)', () => {
  it('algorithm 1 still makes the pixels it made before algorithm 2 existed (old links keep their picture)', async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const out = await transferStyle(net, c, [{ pixels: s, weight: 1 }], PLAN, () => undefined);
    // Written by the code of commit 325f197 (before algorithm 2) on wasm, with these inputs and plan (on the CPU
    // backend it makes b8cdab29...; the backends round differently).
    assert.equal(uint8Sha256(out), 'c4dc32dc46e4c7bc7e8a6c9b426db09038185efa0859e0b1c839669dc317fa84');
    tf.dispose([c, s, out]);
  });

  it('algorithm 2 still makes the pixels it made before algorithm 3 existed', async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const out = await transferStyle(net, c, [{ pixels: s, weight: 1 }], { ...PLAN, algorithm: 2 }, () => undefined);
    assert.equal(uint8Sha256(out), 'c6811dc624ddddc95285b2ffbc9b90c86e07e5788d8a93788f139b7018b6ec7c'); // commit cf88475, wasm
    tf.dispose([c, s, out]);
  });

  it('shifts move pixels by exactly the shift, filling the border by reflection; the seeded shifts replay', () => {
    const x = tf.tidy(() =>
      tf
        .range(0, 20 * 20)
        .reshape([1, 20, 20, 1])
        .toFloat(),
    ) as tf.Tensor4D;
    const moved = shiftImage(x, [3, -2]);
    const [a, b] = [x.arraySync()[0], moved.arraySync()[0]];
    assert.equal(b[10][10][0], a[7][12][0]);
    assert.equal(b[0][10][0], a[3][12][0], 'the uncovered top row mirrors rows inside the image');
    const [first, again] = [jitterSequence(5), jitterSequence(5)];
    const shifts = Array.from({ length: 50 }, () => first());
    assert.deepEqual(
      shifts,
      Array.from({ length: 50 }, () => again()),
    );
    assert.ok(shifts.flat().every((d) => Math.abs(d) <= JITTER_PX) && new Set(shifts.map(String)).size > 20);
    tf.dispose([x, moved]);
  });

  it('the gradient blur keeps the total and spreads a point over its neighbours', () => {
    const delta = tf.tidy(() =>
      tf
        .oneHot(10 * 21 + 10, 21 * 21)
        .reshape([1, 21, 21, 1])
        .toFloat(),
    ) as tf.Tensor4D;
    const blurred = gaussianBlur(delta, 1);
    const row = Array.from(blurred.slice([0, 10, 0, 0], [1, 1, -1, 1]).dataSync());
    assert.ok(Math.abs(blurred.sum().dataSync()[0] - 1) < 1e-5, 'a normalised blur keeps the total');
    assert.ok(
      row[10] < 0.2 && row[9] > 0.05 && row[9] === row[11],
      `the centre row: ${row.slice(7, 14).map((v) => v.toFixed(3))}`,
    );
    tf.dispose([delta, blurred]);
  });

  it('paints with less speckle than algorithm 1, replays a stopped run exactly and leaks no tensor with coarse-to-fine on', async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const plan: StylePlan = { ...PLAN, algorithm: 2, steps: 6 };
    const start = tf.memory().numTensors;
    const painterly = await transferStyle(net, c, [{ pixels: s, weight: 1 }], plan, () => undefined);
    assert.equal(tf.memory().numTensors, start + 1, 'only the result is left');
    const plain = await transferStyle(net, c, [{ pixels: s, weight: 1 }], { ...plan, algorithm: 1 }, () => undefined);
    const [e2, e1] = [laplacianEnergy(painterly), laplacianEnergy(plain)];
    assert.ok(e2 < 0.6 * e1, `Laplacian energy ${e2.toFixed(1)} (algorithm 2) vs ${e1.toFixed(1)} (algorithm 1)`);

    const byHand = await transferStyle(net, c, [{ pixels: s, weight: 1 }], plan, (r) => r.step < 4);
    const replayed = await transferStyle(
      net,
      c,
      [{ pixels: s, weight: 1 }],
      { ...plan, stopAfter: 4 },
      () => undefined,
    );
    assert.equal(
      tf.tidy(() => byHand.sub(replayed).abs().max().dataSync()[0]),
      0,
    );
    tf.dispose([c, s, painterly, plain, byHand, replayed]);
  });
});
