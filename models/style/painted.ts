/**
 * Style algorithm 3: the picture is optimised as a Laplacian pyramid in a decorrelated colour space, squashed to
 * pixels by a sigmoid (models/core/pyramid.ts; Mordvintsev et al. 2018 made Gatys' method work on GoogLeNet this
 * way), instead of as free pixels.
 *
 * On free pixels, Adam moves every pixel by about the same amount, and the cheapest match of a Gram matrix is fine
 * multicoloured texture laid over the photo. In the pyramid, one value of the coarsest grid moves a patch 16 pixels
 * wide as readily as a pixel moves: the large forms of the painting (swirls, bands, outlines) become as cheap as its
 * texture. The colour basis is the square root of the painting's own colour covariance, so the picture moves most
 * readily along the colours the painting has, and the sigmoid keeps every value inside 0..255 without a clip.
 * Each step sees the picture through a seeded random shift (reflect-padded, up to 8 px) and scale (0.9-1.1), with the
 * content target under the same view, so only patterns that hold at every position and a range of sizes pay off.
 * The run starts from the photo with the painting's palette (algorithm 2's start), decomposed into the pyramid.
 */
import * as tf from '@tensorflow/tfjs';
import {
  basisFromCovariance,
  bilinearResize,
  type ColourBasis,
  IMAGENET_BASIS,
  levelScales,
  pyramidFromImage,
  pyramidImage,
} from '../core/pyramid';
import { mulberry32 } from '../core/random';
import { type ForwardOptions, type InceptionV3, MIN_INPUT_SIDE, preprocess } from '../inception-v3/model';
import { JITTER_PX, shiftImage } from './painterly';
import { type ColourStats, type StyleTargets, styleTransferLoss, type StyleWeights } from './style';

/** What algorithm 3 does, as measured and chosen (models/style/README.md); the ablation overrides a part at a time. */
export interface PaintedOptions {
  /** grids in the pyramid; 1 is free pixels through the sigmoid */
  levels: number;
  /** how much less each finer grid counts (models/core/pyramid.ts levelScales) */
  decay: number;
  /** the colour basis: the square root of the painting's colour covariance, or ImageNet's (Lucid's) */
  basis: 'painting' | 'imagenet';
  /** largest change of scale each step, as a fraction (0.1: 90% to 110%); 0 for none */
  scaleJitter: number;
  /** largest shift of a view, in pixels each way; 0 for none */
  shift: number;
  /** InceptionV3's max pools become average pools (models/inception-v3/model.ts ForwardOptions) */
  averagePooling: boolean;
  /** InceptionV3's first convolution at stride 1 (ForwardOptions), 4x the work of every later layer */
  stemStride1: boolean;
}

export const PAINTED_DEFAULTS: PaintedOptions = {
  levels: 5,
  decay: 0.5,
  basis: 'painting',
  scaleJitter: 0.1,
  shift: JITTER_PX,
  averagePooling: false,
  stemStride1: false,
};

/** The forward pass a run's options ask for; algorithms 1 and 2 (no options) use the network as it is. */
export const forwardOf = (options: PaintedOptions | null): ForwardOptions => ({
  averagePooling: options?.averagePooling,
  stemStride1: options?.stemStride1,
});

/**
 * Adam's step on the pyramid's values per pixel level of a recipe's learning rate (which algorithms 1 and 2 take in
 * pixel levels): the studio's default of 6 becomes 0.05, the rate Mordvintsev et al. and the measurements here use.
 */
export const PYRAMID_STEP_PER_LEVEL = 0.05 / 6;

/** A view's scales: five steps over the range, so the GPU compiles the network for five sizes, not one a step. */
const SCALE_STEPS = [-1, -0.5, 0, 0.5, 1];

/** The scales a run's views take (warmUpStyle compiles the network at each). */
export const viewScales = (scaleJitter: number) => [...new Set(SCALE_STEPS.map((s) => 1 + scaleJitter * s))];

/** One step's view of the picture: a shift in pixels and a scale. */
export interface View {
  dy: number;
  dx: number;
  scale: number;
}

/** The seeded views of a run: step k always gets the k-th, shifted up to `jitter` px each way. */
export function viewSequence(seed: number, scaleJitter: number, jitter = JITTER_PX): () => View {
  const random = mulberry32(seed ^ 0xa173);
  const shift = () => Math.floor(random() * (2 * jitter + 1)) - jitter;
  const scales = viewScales(scaleJitter);
  const scale = () => scales[Math.floor(random() * scales.length)];
  return () => ({ dy: shift(), dx: shift(), scale: scale() });
}

/** x [1, H, W, 3] seen through a view: shifted (the border reflected), then rescaled (never below 75 px a side). */
export function viewed(x: tf.Tensor4D, view: View): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const shifted = shiftImage(x, [view.dy, view.dx]);
    if (view.scale === 1) return shifted;
    const side = (n: number) => Math.max(MIN_INPUT_SIDE, Math.round(n * view.scale));
    return bilinearResize(shifted, [side(h), side(w)]);
  });
}

/** The colour basis of a run: from the styles' pooled colour statistics (pixels 0..255), or ImageNet's. */
export function colourBasis(options: PaintedOptions, palette: ColourStats): ColourBasis {
  if (options.basis === 'imagenet') return IMAGENET_BASIS;
  return basisFromCovariance(Array.from(palette.cov, (v) => v / 255 ** 2));
}

/** A picture being painted: the pyramid's grids (Adam's variables) and how they become pixels. */
export interface Canvas {
  grids: tf.Variable<tf.Rank.R4>[];
  scales: number[];
  size: [number, number];
  basis: ColourBasis;
}

/** The canvas whose picture is `start` ([1, H, W, 3] in 0..255, not disposed). */
export function canvasFrom(start: tf.Tensor4D, options: PaintedOptions, basis: ColourBasis): Canvas {
  const scales = levelScales(options.levels, options.decay);
  const grids = pyramidFromImage(start, options.levels, basis, scales);
  const variables = grids.map((g) => tf.variable(g));
  tf.dispose(grids);
  return { grids: variables, scales, size: [start.shape[1], start.shape[2]], basis };
}

/** The canvas's picture [1, H, W, 3] in 0..255 (a new tensor). */
export const canvasImage = (c: Canvas): tf.Tensor4D => pyramidImage(c.grids, c.size, c.basis, c.scales);

/**
 * One algorithm-3 step: the losses of the picture seen through `view` against the content seen the same way, and
 * Adam on the grids. Returns [total, content, style, tv] before the step, for the caller to read and dispose.
 */
export function paintedStep(
  net: InceptionV3,
  canvas: Canvas,
  t: StyleTargets,
  w: StyleWeights,
  optimizer: tf.Optimizer,
  view: View,
  content: tf.Tensor4D,
  forward: ForwardOptions,
): tf.Tensor1D {
  let losses: tf.Tensor1D | null = null;
  tf.tidy(() => {
    const [contentSeen] = net.features(preprocess(viewed(content, view)) as tf.Tensor4D, [w.contentLayer], forward);
    const targets = { ...t, content: contentSeen };
    const { grads } = tf.variableGrads(() => {
      const parts = styleTransferLoss(net, viewed(canvasImage(canvas), view), targets, w, forward);
      losses = tf.keep(tf.stack([parts.total, parts.content, parts.style, parts.tv]) as tf.Tensor1D);
      return parts.total;
    }, canvas.grids);
    optimizer.applyGradients(grads);
  });
  return losses!;
}
