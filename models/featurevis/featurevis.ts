/**
 * What a channel looks for (feature visualisation, Olah et al. 2017, "Feature Visualization", Distill): an image
 * grown from noise by gradient ascent on one InceptionV3 channel's mean activation.
 *
 * Ascending on raw pixels gives high-frequency noise the network happens to respond to. Two things make a picture
 * instead. The image is parameterised as a Laplacian pyramid (models/core/pyramid.ts): the sum of `levels` grids,
 * each half the side of the one before, upsampled to full size; Adam moves every grid's values at the same rate, so
 * the coarse grids (each value a broad patch) change the picture as readily as the fine ones and the result is not
 * dominated by pixel noise. (tfjs 4.22 has no FFT gradient, so the Fourier parameterisation of the paper would have
 * to be built from matrix multiplies; the pyramid is the simpler decorrelated basis.) And each step looks at the
 * image through a random shift (a slice of a padded copy) and scale (resizeBilinear), so a pattern only counts if it
 * works at any position and a range of sizes. Rotation is left out: tfjs has no gradient for its transform op.
 */
import * as tf from '@tensorflow/tfjs';
import { pyramidImage } from '../core/pyramid';
import { mulberry32, seededNormals } from '../core/random';
import { type InceptionLayer, InceptionV3, MIN_INPUT_SIDE, preprocess } from '../inception-v3/model';
import type { FeatureVisSettings } from './settings';

/** The pyramid's grids, finest first, from seeded noise of deviation 0.01
 * (the image starts a grey with faint noise). */
export function pyramidOf(settings: FeatureVisSettings): tf.Variable[] {
  return Array.from({ length: settings.levels }, (_, k) => {
    const side = Math.ceil(settings.size / 2 ** k);
    const noise = seededNormals(settings.seed * 16 + k, side * side * 3).map((v) => 0.01 * v);
    const start = tf.tensor4d(noise, [1, side, side, 3]);
    const grid = tf.variable(start);
    start.dispose(); // the variable keeps its own reference to the values
    return grid;
  });
}

/**
 * From the pyramid's three values per pixel to RGB: the first is brightness, the other two colour (YIQ's I and Q),
 * damped to CHROMA. Natural images vary far more in brightness than in hue; with equal RGB freedom the ascent paints
 * saturated rainbow noise. Rows: Y, I, Q; columns: R, G, B (YIQ's inverse, as in models/style/style.ts toYiq).
 */
const CHROMA = 0.5;
const COLOR = [
  [1, 1, 1],
  [0.956 * CHROMA, -0.272 * CHROMA, -1.106 * CHROMA],
  [0.621 * CHROMA, -0.647 * CHROMA, 1.703 * CHROMA],
];

/** The pyramid's image [1, size, size, 3] in [0, 255]: the grids upsampled and summed, through a sigmoid. */
export const imageOf = (pyramid: tf.Variable[], size: number): tf.Tensor4D =>
  pyramidImage(pyramid as tf.Tensor4D[], [size, size], COLOR);

/** One step's view of the image: a shift (px) and a scale. */
export interface View {
  dy: number;
  dx: number;
  scale: number;
}

/** The seeded views of a run: step k always gets the k-th. */
export function viewsOf(settings: FeatureVisSettings): () => View {
  const random = mulberry32(settings.seed ^ 0xfea7);
  const shift = () => Math.floor(random() * (2 * settings.jitter + 1)) - settings.jitter;
  return () => ({ dy: shift(), dx: shift(), scale: 1 + settings.scaleJitter * (2 * random() - 1) });
}

/** The image seen through a view: shifted within a grey border, rescaled (never below InceptionV3's smallest input). */
export function transformed(image: tf.Tensor4D, view: View, jitter: number): tf.Tensor4D {
  return tf.tidy(() => {
    const size = image.shape[1];
    const padded = jitter
      ? tf.pad(
          image,
          [
            [0, 0],
            [jitter, jitter],
            [jitter, jitter],
            [0, 0],
          ],
          127.5,
        )
      : image;
    const shifted = padded.slice([0, jitter + view.dy, jitter + view.dx, 0], [1, size, size, 3]);
    const side = Math.max(MIN_INPUT_SIDE, Math.round(size * view.scale));
    return (
      side === size ? shifted : tf.image.resizeBilinear(shifted as tf.Tensor4D, [side, side], true)
    ) as tf.Tensor4D;
  });
}

/**
 * ReLU whose gradient, where plain ReLU lets none through at all, also flows where a unit is off if it would turn it
 * on (Lucid's "redirected ReLU"). A channel that is zero everywhere on the starting grey gives plain ReLU no
 * gradient, and its picture would stay grey; the first REDIRECTED_STEPS steps use this, then the true ReLU.
 */
const redirectedRelu = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x]);
  return {
    value: tf.relu(x),
    gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => {
      const plain = dy.mul(input.greater(0).toFloat());
      // dy is the loss's gradient: positive where raising x would raise the loss; those stay blocked on off units.
      const redirected = dy.mul(tf.logicalAnd(input.lessEqual(0), dy.greater(0)).logicalNot().toFloat());
      const anyThrough = plain.abs().sum().greater(0).toFloat();
      return plain.mul(anyThrough).add(redirected.mul(tf.scalar(1).sub(anyThrough)));
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor4D) => tf.Tensor4D;
const REDIRECTED_STEPS = 16;

/** The channel's mean activation over positions for an image [1, H, W, 3] in [0, 255]. */
export function channelMean(
  net: InceptionV3,
  image: tf.Tensor4D,
  layer: InceptionLayer,
  channel: number,
  redirected = false,
): tf.Scalar {
  return tf.tidy(() => {
    const [features] = net.features(
      preprocess(image) as tf.Tensor4D,
      [layer],
      redirected ? { relu: redirectedRelu } : {},
    );
    return features.slice([0, 0, 0, channel], [-1, -1, -1, 1]).mean() as tf.Scalar;
  });
}

/** Ascent step `step` (from 1) on the pyramid (Adam, in place); returns the objective through this step's view. */
export function featureVisStep(
  net: InceptionV3,
  pyramid: tf.Variable[],
  optimizer: tf.Optimizer,
  settings: FeatureVisSettings,
  view: View,
  step: number,
): number {
  const redirected = step <= REDIRECTED_STEPS;
  const objective = () =>
    channelMean(
      net,
      transformed(imageOf(pyramid, settings.size), view, settings.jitter),
      settings.layer,
      settings.channel,
      redirected,
    );
  const loss = optimizer.minimize(() => objective().neg() as tf.Scalar, true, pyramid);
  const value = -loss!.dataSync()[0];
  loss!.dispose();
  return value;
}

/** What a finished visualisation made: the image, and the channel's mean activation on the starting noise and on it. */
export interface Visualised {
  image: tf.Tensor4D;
  start: number;
  end: number;
}

/**
 * `steps` ascent steps from the seeded noise. `onStep` sees the image after steps it asks for (`every`) and may stop
 * the run early by returning false. The caller owns the result's image; everything else is freed.
 */
export async function visualiseChannel(
  net: InceptionV3,
  settings: FeatureVisSettings,
  steps: number,
  onStep: (step: number, image: tf.Tensor4D) => Promise<boolean> = async () => true,
  every = 4,
): Promise<Visualised> {
  const pyramid = pyramidOf(settings);
  const optimizer = tf.train.adam(settings.learningRate);
  const meanOf = (image: tf.Tensor4D) =>
    tf.tidy(() => channelMean(net, image, settings.layer, settings.channel).dataSync()[0]);
  try {
    const first = imageOf(pyramid, settings.size);
    const start = meanOf(first);
    first.dispose();
    const views = viewsOf(settings);
    for (let step = 1; step <= steps; step++) {
      featureVisStep(net, pyramid, optimizer, settings, views(), step);
      if (step === steps || step % every !== 0) continue;
      const image = imageOf(pyramid, settings.size);
      const going = await onStep(step, image);
      image.dispose();
      if (!going) break;
    }
    const image = imageOf(pyramid, settings.size);
    return { image, start, end: meanOf(image) };
  } finally {
    optimizer.dispose();
    tf.dispose(pyramid);
  }
}
