/**
 * Style algorithm 2: what turns InceptionV3's speckle into brush strokes.
 *
 * Gatys' optimisation on a network with strided convolutions and peaky activations (Inception, ResNet)
 * finds high-frequency, checkerboard-like answers: every pixel is free, and the cheapest way to match a
 * Gram matrix is fine multicoloured noise. Algorithm 2 changes only how the image is updated:
 * - each step sees the image shifted by a random few pixels (reflect-padded), and the content target is taken
 *   from the content under the same shift, so no pattern tied to the network's stride grid pays off (the jitter of
 *   feature visualisation) while the content stays where it is;
 * - the image gradient is blurred (Gaussian, sigma 1 px) before Adam uses it, which damps the highest
 *   frequencies as a Fourier or Laplacian-pyramid parameterisation does, at the cost of one small conv;
 * - the run starts from the content with the styles' palette (the chroma of the content recoloured to the mean and
 *   covariance of the styles' colours, on the content's own luminance), since Gram matching alone moves colours
 *   slowly from a content start.
 * The losses are algorithm 1's (style.ts). The shifts come from the plan's seed, so a run replays exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import { type StyleTargets, styleTransferLoss, type StyleWeights } from './style';
import { type InceptionV3, preprocess } from '../inception-v3/model';

/** Largest shift of the image each step, in pixels (either way, both axes). */
export const JITTER_PX = 8;
/** Standard deviation of the Gaussian blur applied to the image gradient, in pixels. */
export const GRADIENT_BLUR_SIGMA = 1;

/** The seeded shifts of a run: step k of a run always gets the k-th [dy, dx]. */
export function jitterSequence(seed: number): () => [number, number] {
  const random = mulberry32(seed ^ 0x5eed);
  const draw = () => Math.floor(random() * (2 * JITTER_PX + 1)) - JITTER_PX;
  return () => [draw(), draw()];
}

/** A normalised 1-D Gaussian of `sigma`, radius 2 sigma. */
function gaussianTaps(sigma: number): number[] {
  const radius = Math.max(1, Math.round(2 * sigma));
  const taps = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / sum);
}

/** Gaussian blur of each channel of x [1, H, W, C], reflect-padded so the borders keep their weight. */
export function gaussianBlur(x: tf.Tensor4D, sigma: number): tf.Tensor4D {
  return tf.tidy(() => {
    const taps = gaussianTaps(sigma);
    const r = (taps.length - 1) / 2;
    const c = x.shape[3];
    const padded = tf.mirrorPad(
      x,
      [
        [0, 0],
        [r, r],
        [r, r],
        [0, 0],
      ],
      'reflect',
    );
    const row = tf.tensor4d(taps, [1, taps.length, 1, 1]).tile([1, 1, c, 1]) as tf.Tensor4D;
    const col = tf.tensor4d(taps, [taps.length, 1, 1, 1]).tile([1, 1, c, 1]) as tf.Tensor4D;
    return tf.depthwiseConv2d(tf.depthwiseConv2d(padded, row, 1, 'valid'), col, 1, 'valid');
  });
}

/** x [1, H, W, C] moved by [dy, dx] pixels, the uncovered border filled by reflection. */
export function shiftImage(x: tf.Tensor4D, [dy, dx]: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w, c] = x.shape;
    const p = JITTER_PX;
    const padded = tf.mirrorPad(
      x,
      [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ],
      'reflect',
    );
    return padded.slice([0, p - dy, p - dx, 0], [1, h, w, c]);
  });
}

/**
 * One algorithm-2 step: the losses of the shifted image against the equally shifted `content` (the stage's content
 * pixels), its gradient blurred, then Adam and a clip to 0..255.
 * Returns [total, content, style, tv] before the step, for the caller to read and dispose.
 */
export function painterlyStep(
  net: InceptionV3,
  image: tf.Variable<tf.Rank.R4>,
  t: StyleTargets,
  w: StyleWeights,
  optimizer: tf.Optimizer,
  shift: [number, number],
  content: tf.Tensor4D,
): tf.Tensor1D {
  let losses: tf.Tensor1D | null = null;
  tf.tidy(() => {
    // The content's features under the same shift: the content loss compares like with like.
    const [shiftedContent] = net.features(preprocess(shiftImage(content, shift)) as tf.Tensor4D, [w.contentLayer]);
    const targets = { ...t, content: shiftedContent };
    const { grads } = tf.variableGrads(() => {
      const parts = styleTransferLoss(net, shiftImage(image, shift), targets, w);
      losses = tf.keep(tf.stack([parts.total, parts.content, parts.style, parts.tv]) as tf.Tensor1D);
      return parts.total;
    }, [image]);
    optimizer.applyGradients({ [image.name]: gaussianBlur(grads[image.name] as tf.Tensor4D, GRADIENT_BLUR_SIGMA) });
  });
  tf.tidy(() => image.assign(image.clipByValue(0, 255) as tf.Tensor4D));
  return losses!;
}
