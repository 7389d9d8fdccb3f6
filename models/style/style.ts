/**
 * Gatys et al. (2016) style transfer on InceptionV3 features: the image itself is optimised (Adam) so that
 * its Gram matrices at several layers match the style's and its features at a deeper layer match the
 * content's, with a total-variation term for smoothness. Pure functions on tensors; the studio drives the
 * loop. Only the image is a variable: the network's weights get no gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { symmetricEigen } from '../core/frechet';
import { type ForwardOptions, InceptionV3, preprocess } from '../inception-v3/model';
import { DEFAULT_WEIGHTS, type StyleWeights } from './weights';

export { DEFAULT_WEIGHTS, type StyleWeights };

/** Gram matrix of features [1, H, W, C]: channel correlations [C, C], averaged over the H * W positions. */
export function gram(features: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w, c] = features.shape;
    const flat = features.reshape([h * w, c]);
    return flat
      .transpose()
      .matMul(flat)
      .div(h * w) as tf.Tensor2D;
  });
}

/**
 * Gram matrix of the features under a mask ([1, H', W', 1] in 0..1, any size: resized to the features'):
 * the channel correlations of the masked area only. An all-ones mask gives `gram(features)`.
 */
export function maskedGram(features: tf.Tensor4D, mask: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w, c] = features.shape;
    const m = tf.image.resizeBilinear(mask, [h, w], true);
    const flat = features.mul(m).reshape([h * w, c]);
    return flat.transpose().matMul(flat).div(m.sum().add(1e-6)) as tf.Tensor2D;
  });
}

/** A style image ([1, H, W, 3] in 0..255), its weight and, optionally, the region where it paints. */
export interface StyleSource {
  pixels: tf.Tensor4D;
  weight: number;
  /** [1, H, W, 1] in 0..1 at the result's size; every region of a run has the same size. */
  region?: tf.Tensor4D;
}

/**
 * What the optimisation aims at: the content's features, and style Grams per area. Styles without a
 * region blend by weight over whatever no region claims (everywhere, no `mask`, when none has one);
 * a style with a region paints there alone.
 */
export type StyleTargets = {
  content: tf.Tensor4D;
  areas: { mask: tf.Tensor4D | undefined; grams: tf.Tensor2D[] /* one per style layer */ }[];
};

export function styleTargets(
  net: InceptionV3,
  content: tf.Tensor4D,
  styles: StyleSource[],
  w: StyleWeights,
  forward: ForwardOptions = {},
): StyleTargets {
  return tf.tidy(() => {
    const [contentFeatures] = net.features(preprocess(content) as tf.Tensor4D, [w.contentLayer], forward);
    const names = w.styleLayers.map((l) => l.name);
    const blend = (group: StyleSource[]) => {
      const total = group.reduce((s, x) => s + x.weight, 0) || 1;
      const perStyle = group.map((s) =>
        net.features(preprocess(s.pixels) as tf.Tensor4D, names, forward).map((f) => gram(f).mul(s.weight / total)),
      );
      return names.map((_, i) => tf.addN(perStyle.map((g) => g[i])) as tf.Tensor2D);
    };
    const regional = styles.filter((s) => s.region);
    const open = styles.filter((s) => !s.region);
    const areas: StyleTargets['areas'] = regional.map((s) => ({ mask: s.region!.clone(), grams: blend([s]) }));
    if (open.length) {
      const rest = regional.length
        ? (tf
            .scalar(1)
            .sub(tf.addN(regional.map((s) => s.region!)))
            .relu() as tf.Tensor4D)
        : undefined;
      areas.push({ mask: rest, grams: blend(open) });
    }
    return { content: contentFeatures, areas };
  });
}

/** Every tensor the targets hold, to dispose. */
export const targetTensors = (t: StyleTargets): tf.Tensor[] => [
  t.content,
  ...t.areas.flatMap((a) => [...a.grams, ...(a.mask ? [a.mask] : [])]),
];

/** Mean squared difference of each area's Grams from its targets, weighted per layer, summed over areas. */
function areaStyleLoss(
  features: tf.Tensor4D[],
  areas: StyleTargets['areas'],
  layers: StyleWeights['styleLayers'],
): tf.Scalar {
  return tf.addN(
    areas.flatMap((a) =>
      features.map((f, i) =>
        (a.mask ? maskedGram(f, a.mask) : gram(f)).sub(a.grams[i]).square().mean().mul(layers[i].weight),
      ),
    ),
  ) as tf.Scalar;
}

/** The style loss of pixels against the targets alone. */
export function styleLoss(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  areas: StyleTargets['areas'],
  layers: StyleWeights['styleLayers'],
): tf.Scalar {
  return tf.tidy(() =>
    areaStyleLoss(
      net.features(
        preprocess(pixels) as tf.Tensor4D,
        layers.map((l) => l.name),
      ),
      areas,
      layers,
    ),
  );
}

/** Total variation: mean squared difference of neighbouring pixels (in 0..1 units). */
export function totalVariation(pixels: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [, h, w] = pixels.shape;
    const x = pixels.div(255);
    const dy = x.slice([0, 1, 0, 0], [-1, h - 1, -1, -1]).sub(x.slice([0, 0, 0, 0], [-1, h - 1, -1, -1]));
    const dx = x.slice([0, 0, 1, 0], [-1, -1, w - 1, -1]).sub(x.slice([0, 0, 0, 0], [-1, -1, w - 1, -1]));
    return dy.square().mean().add(dx.square().mean()) as tf.Scalar;
  });
}

/** The three losses and their weighted total, for pixels [1, H, W, 3] in [0, 255]. */
export function styleTransferLoss(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  t: StyleTargets,
  w: StyleWeights,
  forward: ForwardOptions = {},
): { total: tf.Scalar; content: tf.Scalar; style: tf.Scalar; tv: tf.Scalar } {
  return tf.tidy(() => {
    const names = [w.contentLayer, ...w.styleLayers.map((l) => l.name)];
    const [contentFeatures, ...styleFeatures] = net.features(preprocess(pixels) as tf.Tensor4D, names, forward);
    const content = contentFeatures.sub(t.content).square().mean() as tf.Scalar;
    const style = areaStyleLoss(styleFeatures, t.areas, w.styleLayers);
    const tv = totalVariation(pixels);
    const total = content.mul(w.contentWeight).add(style.mul(w.styleWeight)).add(tv.mul(w.tvWeight)) as tf.Scalar;
    return { total, content, style, tv };
  });
}

/**
 * One Adam step on the image variable (the only variable given to the optimiser), then a clip to 0..255.
 * Returns [total, content, style, tv] before the step, for the caller to read and dispose.
 */
export function styleStep(
  net: InceptionV3,
  image: tf.Variable<tf.Rank.R4>,
  t: StyleTargets,
  w: StyleWeights,
  optimizer: tf.Optimizer,
): tf.Tensor1D {
  let losses: tf.Tensor1D | null = null;
  optimizer.minimize(
    () => {
      const parts = styleTransferLoss(net, image, t, w);
      losses = tf.keep(tf.stack([parts.total, parts.content, parts.style, parts.tv]) as tf.Tensor1D);
      return parts.total;
    },
    false,
    [image],
  );
  tf.tidy(() => image.assign(image.clipByValue(0, 255) as tf.Tensor4D));
  return losses!;
}

/** RGB [.., 3] in 0..255 to YIQ (Y: luminance; I, Q: chroma), and back. */
const RGB_TO_YIQ = [
  [0.299, 0.587, 0.114],
  [0.596, -0.274, -0.322],
  [0.211, -0.523, 0.312],
];
const YIQ_TO_RGB = [
  [1, 0.956, 0.621],
  [1, -0.272, -0.647],
  [1, -1.106, 1.703],
];
const colourMatrix = (m: number[][]) => tf.tensor2d(m).transpose();
export const toYiq = (rgb: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => rgb.reshape([-1, 3]).matMul(colourMatrix(RGB_TO_YIQ)).reshape(rgb.shape) as tf.Tensor4D);
export const fromYiq = (yiq: tf.Tensor4D): tf.Tensor4D =>
  tf.tidy(() => yiq.reshape([-1, 3]).matMul(colourMatrix(YIQ_TO_RGB)).reshape(yiq.shape) as tf.Tensor4D);

/** Luminance-only transfer: the result's luminance with the content's chroma (same size). */
export function keepContentChroma(result: tf.Tensor4D, content: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [y] = tf.split(toYiq(result), [1, 2], 3);
    const [, iq] = tf.split(toYiq(content), [1, 2], 3);
    return fromYiq(tf.concat([y, iq], 3) as tf.Tensor4D).clipByValue(0, 255) as tf.Tensor4D;
  });
}

/** Symmetric 3x3 matrix to a power (via its eigen-decomposition; eigenvalues floored for stability). */
function symmetricPower(m: Float64Array, power: number): number[][] {
  const { values, vectors } = symmetricEigen(m, 3);
  return [0, 1, 2].map((r) =>
    [0, 1, 2].map((c) =>
      [0, 1, 2].reduce((s, k) => s + vectors[r * 3 + k] * Math.max(values[k], 1e-3) ** power * vectors[c * 3 + k], 0),
    ),
  );
}

/** Mean [3] and covariance [3x3, row-major] of an image's RGB colours. */
export interface ColourStats {
  mean: number[];
  cov: Float64Array;
}

export async function colourStats(x: tf.Tensor4D): Promise<ColourStats> {
  const [mean, cov] = tf.tidy(() => {
    const flat = x.reshape([-1, 3]);
    const m = flat.mean(0);
    const centred = flat.sub(m);
    return [m, centred.transpose().matMul(centred).div(flat.shape[0])];
  });
  const out = { mean: Array.from(await mean.data()), cov: Float64Array.from(await cov.data()) };
  tf.dispose([mean, cov]);
  return out;
}

/** The colours of several images pooled by weight (a mixture's mean and covariance). */
export function pooledColourStats(parts: { stats: ColourStats; weight: number }[]): ColourStats {
  const total = parts.reduce((s, p) => s + p.weight, 0) || 1;
  const mean = [0, 1, 2].map((i) => parts.reduce((s, p) => s + (p.weight / total) * p.stats.mean[i], 0));
  const cov = Float64Array.from({ length: 9 }, (_, k) => {
    const [r, c] = [Math.floor(k / 3), k % 3];
    const second = parts.reduce(
      (s, p) => s + (p.weight / total) * (p.stats.cov[k] + p.stats.mean[r] * p.stats.mean[c]),
      0,
    );
    return second - mean[r] * mean[c];
  });
  return { mean, cov };
}

/** `x` recoloured so its colours' mean and covariance go from `from` (its own) to `to`; texture is kept. */
export function recolour(x: tf.Tensor4D, from: ColourStats, to: ColourStats): tf.Tensor4D {
  const a = symmetricPower(to.cov, 0.5);
  const b = symmetricPower(from.cov, -0.5);
  const transform = a.map((row) => [0, 1, 2].map((j) => row.reduce((sum, v, k) => sum + v * b[k][j], 0)));
  return tf.tidy(
    () =>
      x
        .reshape([-1, 3])
        .sub(from.mean)
        .matMul(tf.tensor2d(transform).transpose())
        .add(to.mean)
        .clipByValue(0, 255)
        .reshape(x.shape) as tf.Tensor4D,
  );
}

/**
 * Colour histogram matching (Gatys et al. 2016, "Preserving colour"): the style image recoloured so its
 * colours' mean and covariance are the content's; its brush strokes and texture are kept.
 */
export async function matchColours(style: tf.Tensor4D, content: tf.Tensor4D): Promise<tf.Tensor4D> {
  return recolour(style, await colourStats(style), await colourStats(content));
}
