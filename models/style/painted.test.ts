import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { startWasmBackend } from '../node/backends';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { viewed, viewSequence } from './painted';
import { type StylePlan, transferStyle } from './run';
import { DEFAULT_WEIGHTS, type StyleWeights } from './style';
import { blobsImage, stripesImage } from './test-images';
import { strengthWeights } from './weights';

// 152 px: the smallest side whose half (76 px) still takes a coarse stage, so coarse-to-fine runs.
const SIDE = 152;
const WEIGHTS: StyleWeights = {
  ...DEFAULT_WEIGHTS,
  contentWeight: 800,
  contentLayer: 'mixed2',
  styleLayers: [
    { name: 'mixed0', weight: 1 },
    { name: 'mixed1', weight: 1 },
    { name: 'mixed2', weight: 1 },
  ],
};
const PLAN: StylePlan = {
  algorithm: 3,
  weights: WEIGHTS,
  steps: 6,
  learningRate: 6,
  init: 'content',
  seed: 1,
  styleScale: 1,
  coarseToFine: true,
  preserveColor: 'none',
  strength: 1,
};

const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
before(async () => {
  await startWasmBackend();
  await net.load();
});

const meanAbs = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().mean().dataSync()[0]);

describe("style algorithm 3 (a pyramid in the painting's colours)", () => {
  it('sees the picture through seeded views that replay: shifts within 8 px, five scales within 10%, at least 75 px', () => {
    const [a, b] = [viewSequence(3, 0.1), viewSequence(3, 0.1)];
    const views = Array.from({ length: 60 }, () => a());
    assert.deepEqual(
      views,
      Array.from({ length: 60 }, () => b()),
    );
    assert.ok(
      views.every((v) => Math.abs(v.dy) <= 8 && Math.abs(v.dx) <= 8 && v.scale >= 0.9 - 1e-9 && v.scale <= 1.1 + 1e-9),
    );
    assert.equal(new Set(views.map((v) => v.scale.toFixed(3))).size, 5);
    const x = tf.zeros([1, 80, 100, 3]) as tf.Tensor4D;
    const seen = viewed(x, { dy: 2, dx: -3, scale: 0.9 });
    assert.deepEqual(seen.shape, [1, 75, 90, 3], "scaled, never below InceptionV3's 75 px");
    tf.dispose([x, seen]);
  });

  it("paints the style in: moves the picture toward the painting's colours, replays a stopped run exactly, leaks no tensor", async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const start = tf.memory().numTensors;
    const painted = await transferStyle(net, c, [{ pixels: s, weight: 1 }], PLAN, () => undefined);
    assert.equal(tf.memory().numTensors, start + 1, 'only the result is left');
    const colourGap = (x: tf.Tensor4D) =>
      tf.tidy(
        () =>
          x
            .mean([0, 1, 2])
            .sub(s.mean([0, 1, 2]))
            .abs()
            .mean()
            .dataSync()[0],
      );
    assert.ok(
      colourGap(painted) < 0.5 * colourGap(c),
      `mean colour ${colourGap(c).toFixed(1)} levels from the painting's before, ${colourGap(painted).toFixed(1)} after`,
    );
    assert.ok(meanAbs(painted, c) > 5, 'the picture changed');

    const byHand = await transferStyle(net, c, [{ pixels: s, weight: 1 }], PLAN, (r) => r.step < 4);
    const replayed = await transferStyle(
      net,
      c,
      [{ pixels: s, weight: 1 }],
      { ...PLAN, stopAfter: 4 },
      () => undefined,
    );
    assert.equal(
      tf.tidy(() => byHand.sub(replayed).abs().max().dataSync()[0]),
      0,
    );
    tf.dispose([c, s, painted, byHand, replayed]);
  });

  it('makes the pixels it made when it shipped: a change to what it computes is a new algorithm number', async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const out = await transferStyle(
      net,
      c,
      [{ pixels: s, weight: 1 }],
      { ...PLAN, steps: 4, strength: 0.8 },
      () => undefined,
    );
    const bytes = Uint8Array.from(tf.tidy(() => out.round().clipByValue(0, 255).toInt()).dataSync());
    assert.equal(
      createHash('sha256').update(bytes).digest('hex'),
      'a0c5a83daed5103c84c950160af966868b01252712fa3f456d286c0a23530408',
    ); // wasm
    tf.dispose([c, s, out]);
  });

  it("at strength 0 keeps the photo; the style's weight rises with the strength", async () => {
    const [c, s] = [blobsImage(SIDE), stripesImage(SIDE)];
    const kept = await transferStyle(
      net,
      c,
      [{ pixels: s, weight: 1 }],
      { ...PLAN, strength: 0, coarseToFine: false, steps: 3 },
      () => undefined,
    );
    assert.ok(meanAbs(kept, c) < 1, `strength 0: ${meanAbs(kept, c).toFixed(2)} levels from the photo on average`);
    const factors = [0, 0.25, 0.5, 0.75, 1].map((v) => strengthWeights(WEIGHTS, v).styleWeight / WEIGHTS.styleWeight);
    assert.equal(factors[0], 0);
    assert.equal(factors[4], 1);
    assert.ok(factors.every((f, i) => i === 0 || f > factors[i - 1]));
    assert.equal(
      strengthWeights(WEIGHTS, 0.5).contentWeight,
      WEIGHTS.contentWeight,
      'the content term is what strength leaves alone',
    );
    tf.dispose([c, s, kept]);
  });
});
