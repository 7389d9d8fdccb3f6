// FD-mixed5 features: InceptionV3 mixed5, spatially averaged, on images resized bilinearly to 128 px with
// Keras [-1, 1] preprocessing. The measure of every image generator we train
// (reference points in docs/ARCHITECTURE.md).
import * as tf from '@tensorflow/tfjs';
import { type InceptionV3, preprocess } from './model';

export const FD_IMAGE_SIZE = 128;
export const FD_DIM = 768;

/** pixels [N, H, W, 3] in [0, 255] -> features [N, 768]. The input is not disposed. */
export function mixed5Features(net: InceptionV3, pixels: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(pixels, [FD_IMAGE_SIZE, FD_IMAGE_SIZE]);
    return net.features(preprocess(resized) as tf.Tensor4D, ['mixed5'])[0].mean([1, 2]) as tf.Tensor2D;
  });
}

/** Features of many images, `batch` at a time, produced by `pixelsOf(start, count)`; returns N x 768 floats. */
export async function featuresInBatches(
  net: InceptionV3,
  total: number,
  pixelsOf: (start: number, count: number) => tf.Tensor4D,
  batch = 25,
): Promise<Float32Array> {
  const out = new Float32Array(total * FD_DIM);
  for (let start = 0; start < total; start += batch) {
    const count = Math.min(batch, total - start);
    const pixels = pixelsOf(start, count);
    const features = mixed5Features(net, pixels);
    out.set(await features.data(), start * FD_DIM);
    tf.dispose([pixels, features]);
  }
  return out;
}
