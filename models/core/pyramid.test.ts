import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { cpuBackend } from '../node/backends';
import {
  basisFromCovariance,
  IMAGENET_BASIS,
  PIXEL_MARGIN,
  pyramidFromImage,
  pyramidImage,
  pyramidSizes,
} from './pyramid';
import { mulberry32 } from './random';

before(async () => {
  await cpuBackend();
});

/** A picture with content at every scale: a gradient, a blob, a stripe and seeded noise, in 0..255. */
function testPicture(h: number, w: number): tf.Tensor4D {
  const r = mulberry32(3);
  const values = Float32Array.from({ length: h * w * 3 }, (_, i) => {
    const [y, x, c] = [Math.floor(i / (w * 3)), Math.floor(i / 3) % w, i % 3];
    const blob = Math.exp(-((y - h / 3) ** 2 + (x - w / 2) ** 2) / (2 * (h / 6) ** 2));
    return (
      255 *
      Math.min(
        1,
        Math.max(
          0,
          0.2 +
            0.5 * (x / w) * (c === 0 ? 1 : 0.3) +
            0.4 * blob * (c === 2 ? 1 : 0.5) +
            (x % 7 < 2 ? 0.15 : 0) +
            0.1 * (r() - 0.5),
        ),
      )
    );
  });
  return tf.tensor4d(values, [1, h, w, 3]);
}

const maxAbs = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);

describe('the Laplacian-pyramid parameterisation', () => {
  it('halves each grid, rounding up, for pictures of any shape', () => {
    assert.deepEqual(pyramidSizes(75, 100, 4), [
      [75, 100],
      [38, 50],
      [19, 25],
      [10, 13],
    ]);
  });

  it('inverts its picture within 1e-4 of a level, in both colour bases, and leaves only the grids', () => {
    const start = tf.memory().numTensors;
    const picture = testPicture(37, 50);
    const painting = [0.05, 0.02, -0.01, 0.02, 0.04, 0.01, -0.01, 0.01, 0.03];
    for (const basis of [IMAGENET_BASIS, basisFromCovariance(painting)]) {
      const grids = pyramidFromImage(picture, 5, basis);
      assert.deepEqual(
        grids.map((g) => g.shape.slice(1, 3)),
        pyramidSizes(37, 50, 5),
      );
      const again = pyramidImage(grids, [37, 50], basis);
      const inside = tf.tidy(() => picture.clipByValue(PIXEL_MARGIN, 255 - PIXEL_MARGIN));
      assert.ok(maxAbs(again, inside) < 1e-4 * 255, `largest error ${maxAbs(again, inside)} levels`);
      // The coarsest grid carries the low-pass: its upsampled picture alone is already near the photo.
      const coarse = pyramidImage([grids[4]], [37, 50], basis);
      const far = tf.tidy(() => coarse.sub(inside).abs().mean().dataSync()[0]);
      assert.ok(far < 40, `the coarsest grid alone is ${far} levels off on average`);
      tf.dispose([...grids, again, inside, coarse]);
    }
    picture.dispose();
    assert.equal(tf.memory().numTensors, start);
  });

  it('normalises a covariance basis so its longest column is 1, and it is the covariance square root up to that scale', () => {
    const cov = [0.04, 0.01, 0, 0.01, 0.09, 0.02, 0, 0.02, 0.01];
    const b = basisFromCovariance(cov);
    const norms = [0, 1, 2].map((c) => Math.hypot(b[0][c], b[1][c], b[2][c]));
    assert.ok(Math.abs(Math.max(...norms) - 1) < 1e-9);
    const square = [0, 1, 2].map((r) => [0, 1, 2].map((c) => [0, 1, 2].reduce((s, k) => s + b[r][k] * b[k][c], 0)));
    const scale = square[0][0] / cov[0];
    square
      .flat()
      .forEach((v, i) => assert.ok(Math.abs(v - scale * cov[i]) < 1e-4, `entry ${i}: ${v} vs ${scale * cov[i]}`));
  });

  it('gives a grey painting (no colour variance at all) a basis that still inverts', () => {
    const grey = 0.02; // every channel varies together: one direction of variance, two of none
    const basis = basisFromCovariance([grey, grey, grey, grey, grey, grey, grey, grey, grey]);
    const picture = testPicture(20, 24);
    const grids = pyramidFromImage(picture, 3, basis);
    const again = pyramidImage(grids, [20, 24], basis);
    const inside = tf.tidy(() => picture.clipByValue(PIXEL_MARGIN, 255 - PIXEL_MARGIN));
    assert.ok(maxAbs(again, inside) < 0.05, `largest error ${maxAbs(again, inside)} levels`);
    tf.dispose([picture, ...grids, again, inside]);
  });

  it('has the gradient a finite difference measures, for a value of every grid', () => {
    const basis = IMAGENET_BASIS;
    const picture = testPicture(20, 24);
    const grids = pyramidFromImage(picture, 3, basis);
    const weights = tf.randomNormal([1, 20, 24, 3], 0, 1, 'float32', 7);
    const loss = (gs: tf.Tensor4D[]) => pyramidImage(gs, [20, 24], basis).mul(weights).sum().div(255) as tf.Scalar;
    const grads = tf.grads((...gs: tf.Tensor[]) => loss(gs as tf.Tensor4D[]))(grids);
    const eps = 1e-2;
    for (let k = 0; k < grids.length; k++) {
      const at = [0, 1, 1, 2];
      const nudged = (d: number) =>
        tf.tidy(() => {
          const delta = tf.buffer(grids[k].shape);
          delta.set(d, ...at);
          return loss(grids.map((g, j) => (j === k ? g.add(delta.toTensor()) : g)) as tf.Tensor4D[]).dataSync()[0];
        });
      const numeric = (nudged(eps) - nudged(-eps)) / (2 * eps);
      const analytic = grads[k].bufferSync().get(...at);
      assert.ok(
        Math.abs(numeric - analytic) < 2e-2 * Math.max(1, Math.abs(analytic)),
        `grid ${k}: ${analytic} vs finite difference ${numeric}`,
      );
    }
    tf.dispose([picture, weights, ...grids, ...grads]);
  });
});
