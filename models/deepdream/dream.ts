/**
 * DeepDream (Mordvintsev et al. 2015): gradient ascent on the image to make chosen InceptionV3 layers
 * fire harder. Pure functions on tensors; the studio drives the loop, one step per animation frame.
 */
import * as tf from '@tensorflow/tfjs';
import { type InceptionLayer, InceptionV3, MIN_INPUT_SIDE, preprocess } from '../inception-v3/model';
import { type DreamObjectiveSettings, dreamObjective } from './objective';
import { type Tiling, tiledValueAndGrad } from './tiles';

/** Circularly shifts an image [1, H, W, C] by (dy, dx): the jitter that keeps grid artefacts away. */
export function roll(image: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = image.shape;
    const y = ((dy % h) + h) % h;
    const x = ((dx % w) + w) % w;
    let out = y ? tf.concat([image.slice([0, h - y], [-1, y]), image.slice([0, 0], [-1, h - y])], 1) : image;
    out = x ? tf.concat([out.slice([0, 0, w - x], [-1, -1, x]), out.slice([0, 0, 0], [-1, -1, w - x])], 2) : out;
    return out as tf.Tensor4D;
  });
}

/**
 * A fixed, invisible ramp pattern (at most 0.01 of 255) added before the gradient. Flat areas (a clipped
 * sky, a drawn background) make max-pooling windows tie, and a tie's gradient may go to any of the tied
 * inputs: backends choose differently, so one step on WebGPU and on the CPU could differ by 16/255 there.
 * With the ties broken the same way everywhere, the step is one function on every backend. Integer maths
 * (exact on every backend) of the absolute position, so tiles and the whole image see the same pattern.
 */
export function tieBreaker(height: number, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.range(0, height, 1, 'int32').reshape([height, 1, 1]).mul(13);
    const x = tf.range(0, width, 1, 'int32').reshape([1, width, 1]).mul(7);
    const c = tf.tensor3d([0, 5, 11], [1, 1, 3], 'int32');
    return tf.mod(y.add(x).add(c), 17).toFloat().div(16).sub(0.5).mul(0.02).expandDims(0) as tf.Tensor4D;
  });
}

/** The objective and its gradient with respect to the image, whole or tile by tile. */
export function dreamGradient(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  s: DreamObjectiveSettings,
  tiling?: Tiling,
): { value: tf.Scalar; grad: tf.Tensor4D } {
  if (tiling) return tiledValueAndGrad(net, pixels, s, tiling);
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => dreamObjective(net, x as tf.Tensor4D, s))(pixels);
  return { value: value as tf.Scalar, grad: grad as tf.Tensor4D };
}

/**
 * One ascent step on pixels [1, H, W, 3] in [0, 255]: jitter by `shift`, follow the gradient normalised
 * to mean |g| = 1, shift back, clip. With a mask [1, H, W, 1] in [0, 1] only painted pixels move.
 * Returns the new image and the objective before the step; the inputs are not disposed.
 */
export function dreamStep(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  s: DreamObjectiveSettings,
  shift: [number, number],
  mask?: tf.Tensor4D,
  tiling?: Tiling,
): { image: tf.Tensor4D; objective: tf.Scalar } {
  return tf.tidy(() => {
    const { value, grad } = dreamGradient(
      net,
      roll(pixels.add(tieBreaker(pixels.shape[1], pixels.shape[2])) as tf.Tensor4D, shift[0], shift[1]),
      s,
      tiling,
    );
    const g = roll(grad, -shift[0], -shift[1]);
    let delta = g.div(g.abs().mean().add(1e-8)).mul(s.stepSize * 255);
    if (mask) delta = delta.mul(mask);
    return { image: pixels.add(delta).clipByValue(0, 255) as tf.Tensor4D, objective: value };
  });
}

/** Octave sizes, smallest first; none below the 75 px InceptionV3's stem needs. */
export function octaveSizes(height: number, width: number, octaves: number, scale: number): [number, number][] {
  const sizes: [number, number][] = [];
  for (let i = octaves - 1; i >= 0; i--) {
    const f = scale ** -i;
    const size: [number, number] = [Math.round(height * f), Math.round(width * f)];
    if (Math.min(...size) >= MIN_INPUT_SIDE) sizes.push(size);
  }
  return sizes.length ? sizes : [[height, width]];
}

/** Moves to the next octave: the base at the new size plus the dream detail found so far, upscaled. */
export function enterOctave(base: tf.Tensor4D, detail: tf.Tensor4D | null, size: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const shrunk = tf.image.resizeBilinear(base, size, true);
    return (detail ? shrunk.add(tf.image.resizeBilinear(detail, size, true)) : shrunk) as tf.Tensor4D;
  });
}

/** The detail an octave added over its base, carried up to the next octave. */
export function octaveDetail(base: tf.Tensor4D, dreamed: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(
    () => dreamed.sub(tf.image.resizeBilinear(base, [dreamed.shape[1], dreamed.shape[2]], true)) as tf.Tensor4D,
  );
}

/** A guide image's features for the guide objective: per layer, the spatial mean of its activations [C]. */
export function guideVectors(net: InceptionV3, guide: tf.Tensor4D, layers: InceptionLayer[]): tf.Tensor1D[] {
  return tf.tidy(() =>
    net.features(preprocess(guide) as tf.Tensor4D, layers).map((f) => f.mean([0, 1, 2]) as tf.Tensor1D),
  );
}

/** The zoom animation's move between frames: the centre 1/factor of the image, scaled back to full size. */
export function zoomIn(image: tf.Tensor4D, factor: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = image.shape;
    const [ch, cw] = [h / factor, w / factor];
    const box = [[(h - ch) / 2 / (h - 1), (w - cw) / 2 / (w - 1), (h + ch) / 2 / (h - 1), (w + cw) / 2 / (w - 1)]];
    return tf.image.cropAndResize(image, box, [0], [h, w], 'bilinear') as tf.Tensor4D;
  });
}

/**
 * A dream made at a working size carried onto the full-size original: what the dream changed (dreamed -
 * input, both at the working size), upscaled and added to the original. Unpainted (masked-out) pixels
 * stay exactly as they were, since nothing changed there.
 */
export function dreamAtFullSize(original: tf.Tensor4D, input: tf.Tensor4D, dreamed: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const change = tf.image.resizeBilinear(
      dreamed.sub(input) as tf.Tensor4D,
      [original.shape[1], original.shape[2]],
      true,
    );
    return original.add(change).clipByValue(0, 255) as tf.Tensor4D;
  });
}
