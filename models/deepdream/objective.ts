/**
 * What DeepDream raises: the settings of the objective and the objective itself, shared by the whole-image
 * gradient (dream.ts) and the tiled one (tiles.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { type InceptionLayer, InceptionV3, preprocess } from '../inception-v3/model';

export interface DreamObjectiveSettings {
  layers: { name: InceptionLayer; weight: number }[];
  /** Maximise one channel of the (first) layer instead of whole layers: "what does channel 97 see?" */
  channel?: number;
  /** Maximise similarity to a guide image's features instead: one vector [C] per layer (spatial mean). */
  guide?: tf.Tensor1D[];
  /** Step size as a fraction of the pixel range, applied to the gradient normalised to mean |g| = 1. */
  stepSize: number;
}

/**
 * The quantity gradient ascent raises, for an image of `full` size (or a tile of it): per layer, the
 * sum over positions of act^2 (or act . guide), divided by the position count of the whole image's
 * feature map, so tiles' objectives add up to the whole image's.
 */
export function dreamObjective(
  net: InceptionV3,
  pixels: tf.Tensor4D,
  s: DreamObjectiveSettings,
  full: [number, number] = [pixels.shape[1], pixels.shape[2]],
): tf.Scalar {
  const names = s.layers.map((l) => l.name);
  const features = net.features(preprocess(pixels) as tf.Tensor4D, names);
  let total: tf.Scalar = tf.scalar(0);
  features.forEach((f, i) => {
    const [h, w] = net.featureSize(full[0], full[1], names[i]);
    let act: tf.Tensor = f;
    if (s.channel !== undefined && i === 0) act = f.slice([0, 0, 0, s.channel], [-1, -1, -1, 1]);
    const perPosition = s.guide ? act.mul(s.guide[i]).sum(-1) : act.square().sum(-1).div(act.shape[3]!);
    total = total.add(
      perPosition
        .sum()
        .div(h * w)
        .mul(s.layers[i].weight),
    );
  });
  return total;
}
