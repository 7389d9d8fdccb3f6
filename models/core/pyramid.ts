/**
 * A picture parameterised for optimisation (Mordvintsev et al. 2018, "Differentiable Image Parameterizations",
 * Distill): the sum of a Laplacian pyramid of grids, each half the side of the one before and upsampled to full
 * size, in a decorrelated colour space, squashed to pixels by a sigmoid.
 *
 * Adam moves every value by about the same amount, so a value of a coarse grid (a broad patch of the picture) moves
 * as readily as a pixel: large forms change as easily as fine texture, where on raw pixels the cheapest answer is
 * high-frequency noise. The colour basis decides which colour directions move as readily as brightness.
 * The Lab's feature visualisation (models/featurevis) and style algorithm 3 (models/style/painted.ts) share this.
 */
import * as tf from '@tensorflow/tfjs';
import { sqrtPsd } from './frechet';

/** Rows: the pyramid's three channels; columns: their contribution to R, G, B before the sigmoid. */
export type ColourBasis = number[][];

/** The grids' sizes, finest (the picture's own) first, each ceil(side / 2^k). */
export const pyramidSizes = (height: number, width: number, levels: number): [number, number][] =>
  Array.from({ length: levels }, (_, k) => [Math.ceil(height / 2 ** k), Math.ceil(width / 2 ** k)]);

/**
 * The bilinear interpolation matrix [out, in] of tf.image.resizeBilinear with alignCorners: row o holds the weights
 * of the input samples that output o is read from.
 */
export function interpolationMatrix(out: number, inSize: number): tf.Tensor2D {
  const m = new Float32Array(out * inSize);
  const scale = out > 1 ? (inSize - 1) / (out - 1) : 0;
  for (let o = 0; o < out; o++) {
    const at = o * scale;
    const i0 = Math.floor(at);
    const f = at - i0;
    m[o * inSize + i0] += 1 - f;
    if (f > 0) m[o * inSize + Math.min(i0 + 1, inSize - 1)] += f;
  }
  return tf.tensor2d(m, [out, inSize]);
}

/**
 * x [1, h, w, C] resized to [1, H, W, C], as resizeBilinear with alignCorners would, but as two matrix products:
 * their gradient is right on every backend (tfjs 4.22's CPU backend gives resizeBilinear's gradient the wrong shape
 * for pictures that are not square).
 */
export function bilinearResize(grid: tf.Tensor4D, [h, w]: [number, number]): tf.Tensor4D {
  const [, gh, gw, c] = grid.shape;
  if (gh === h && gw === w) return grid;
  return tf.tidy(() => {
    // Rows first ([gh, gw C] -> [h, gw C]), then columns, with the width axis brought to the front.
    const rows = tf.matMul(interpolationMatrix(h, gh), grid.reshape([gh, gw * c])).reshape([h, gw, c]);
    const columns = tf.matMul(interpolationMatrix(w, gw), rows.transpose([1, 0, 2]).reshape([gw, h * c]));
    return columns.reshape([w, h, c]).transpose([1, 0, 2]).expandDims(0) as tf.Tensor4D;
  });
}

/**
 * How much each grid's values count, finest first: `decay` 0 gives every grid the same say; at 1 each grid counts
 * half as much as the next coarser one, so Adam's equal steps move fine detail less (the 1/frequency scaling of a
 * Fourier parameterisation). The coarsest grid always counts 1.
 */
export const levelScales = (levels: number, decay: number): number[] =>
  Array.from({ length: levels }, (_, k) => 2 ** (-decay * (levels - 1 - k)));

/** The grids, each times its scale, upsampled to [height, width] and summed, in the pyramid's colour space. */
function pyramidSum(grids: tf.Tensor4D[], size: [number, number], scales?: number[]): tf.Tensor4D {
  const scaled = (grid: tf.Tensor4D, k: number) =>
    scales && scales[k] !== 1 ? (grid.mul(scales[k]) as tf.Tensor4D) : grid;
  return grids.map((grid, k) => bilinearResize(scaled(grid, k), size)).reduce((a, b) => a.add(b));
}

/** The picture [1, H, W, 3] in [0, 255]: the grids summed (times their scales),
 * through the colour basis and a sigmoid. */
export function pyramidImage(
  grids: tf.Tensor4D[],
  size: [number, number],
  basis: ColourBasis,
  scales?: number[],
): tf.Tensor4D {
  return tf.tidy(() => {
    const sum = pyramidSum(grids, size, scales);
    const rgb = sum
      .reshape([-1, 3])
      .matMul(tf.tensor2d(basis))
      .reshape([1, ...size, 3]);
    return tf.sigmoid(rgb).mul(255) as tf.Tensor4D;
  });
}

/** Pixels come in clamped this far inside 0..255: the sigmoid reaches 0 and 255 only at infinity. */
export const PIXEL_MARGIN = 0.5;

/** 3x3 inverse (row-major rows as given). */
function inverse3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-12) throw new Error('the colour basis is singular');
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

/**
 * The grids whose picture is `pixels` ([1, H, W, 3] in 0..255, clamped PIXEL_MARGIN inside): the inverse of
 * pyramidImage with the same scales. The coarsest grid holds the picture's low-pass (2x2 average pools), each finer
 * grid what the coarser ones leave out at its scale, and the finest grid the rest, so the sum is exact to float
 * precision.
 */
export function pyramidFromImage(
  pixels: tf.Tensor4D,
  levels: number,
  basis: ColourBasis,
  scales?: number[],
): tf.Tensor4D[] {
  return tf.tidy(() => {
    const [, h, w] = pixels.shape;
    const sizes = pyramidSizes(h, w, levels);
    const p = pixels.clipByValue(PIXEL_MARGIN, 255 - PIXEL_MARGIN).div(255);
    const logit = p.div(tf.scalar(1).sub(p)).log();
    const target = logit
      .reshape([-1, 3])
      .matMul(tf.tensor2d(inverse3(basis)))
      .reshape([1, h, w, 3]) as tf.Tensor4D;
    const lowPass: tf.Tensor4D[] = [target];
    for (let k = 1; k < levels; k++) lowPass.push(tf.avgPool(lowPass[k - 1], 2, 2, 'same'));
    const grids: tf.Tensor4D[] = new Array(levels);
    let covered = tf.zeros([1, h, w, 3]) as tf.Tensor4D;
    for (let k = levels - 1; k >= 1; k--) {
      // This scale's band: the low-pass at its size less what the coarser grids already give there.
      grids[k] = lowPass[k].sub(bilinearResize(covered, sizes[k])) as tf.Tensor4D;
      covered = covered.add(bilinearResize(grids[k], [h, w]));
    }
    grids[0] = target.sub(covered) as tf.Tensor4D;
    return scales ? grids.map((g, k) => g.div(scales[k]) as tf.Tensor4D) : grids;
  });
}

/**
 * A colour basis from a colour covariance ([3x3] row-major, of pixels in 0..1): its square root, scaled so its
 * largest column has length 1 (Lucid's normalisation). Decorrelated values of equal size then move the picture
 * along the colours' principal directions in proportion to how much they vary.
 */
export function basisFromCovariance(cov: ArrayLike<number>): ColourBasis {
  // A floor on every direction's variance, so a painting with no colour (a grey one) still gives an invertible basis.
  const root = sqrtPsd(
    Float64Array.from(cov, (v, i) => v + (i % 4 === 0 ? 1e-6 : 0)),
    3,
  );
  const norm = Math.max(...[0, 1, 2].map((c) => Math.hypot(root[c], root[3 + c], root[6 + c]))) || 1;
  return [0, 1, 2].map((r) => [0, 1, 2].map((c) => root[3 * r + c] / norm));
}

/**
 * ImageNet's colour correlation square root as Lucid measured it (optvis/param/color.py), normalised the same way;
 * transposed into this module's convention (rows: pyramid channels).
 */
export const IMAGENET_BASIS: ColourBasis = (() => {
  const svdSqrt = [
    [0.26, 0.09, 0.02],
    [0.27, 0.0, -0.05],
    [0.27, -0.09, 0.03],
  ];
  const norm = Math.max(...[0, 1, 2].map((c) => Math.hypot(svdSqrt[0][c], svdSqrt[1][c], svdSqrt[2][c])));
  return [0, 1, 2].map((r) => [0, 1, 2].map((c) => svdSqrt[c][r] / norm));
})();
