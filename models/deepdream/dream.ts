/**
 * DeepDream (Mordvintsev et al. 2015): gradient ascent on the image to make chosen InceptionV3 layers
 * fire harder. Pure functions on tensors; the studio drives the loop, one step per animation frame.
 */
import * as tf from '@tensorflow/tfjs';
import { type InceptionLayer, InceptionV3, MIN_INPUT_SIDE, preprocess } from '../inception-v3/model';

export interface DreamSettings {
  layers: { name: InceptionLayer; weight: number }[];
  /** Maximise one channel of the (first) layer instead of whole layers: "what does channel 97 see?" */
  channel?: number;
  /** Step size as a fraction of the pixel range, applied to the gradient normalised to mean |g| = 1. */
  stepSize: number;
}

/** The quantity gradient ascent raises: weighted mean squared activation of the chosen layers. */
export function dreamObjective(net: InceptionV3, pixels: tf.Tensor4D, s: DreamSettings): tf.Scalar {
  const names = s.layers.map((l) => l.name);
  const features = net.features(preprocess(pixels) as tf.Tensor4D, names);
  let total: tf.Scalar = tf.scalar(0);
  features.forEach((f, i) => {
    const act = s.channel !== undefined && i === 0 ? f.slice([0, 0, 0, s.channel], [-1, -1, -1, 1]) : f;
    total = total.add(act.square().mean().mul(s.layers[i].weight));
  });
  return total;
}

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
 * One ascent step on pixels [1, H, W, 3] in [0, 255]: jitter by `shift`, follow the normalised gradient,
 * shift back, clip. Returns the new image and the objective before the step; the input is not disposed.
 */
export function dreamStep(net: InceptionV3, pixels: tf.Tensor4D, s: DreamSettings, shift: [number, number]): { image: tf.Tensor4D; objective: tf.Scalar } {
  return tf.tidy(() => {
    const rolled = roll(pixels, shift[0], shift[1]);
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => dreamObjective(net, x as tf.Tensor4D, s))(rolled);
    const normalised = grad.div(grad.abs().mean().add(1e-8));
    const stepped = rolled.add(normalised.mul(s.stepSize * 255)).clipByValue(0, 255) as tf.Tensor4D;
    return { image: roll(stepped, -shift[0], -shift[1]), objective: value as tf.Scalar };
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
  return tf.tidy(() => dreamed.sub(tf.image.resizeBilinear(base, [dreamed.shape[1], dreamed.shape[2]], true)) as tf.Tensor4D);
}
