/**
 * What the Lab does to a digit before the denoising autoencoder cleans it, as train.py's `--denoise` did to its
 * training digits: pixels wiped, then Gaussian noise added (seeded, so a link makes the same noise again), clipped to
 * [0, 1]. No tfjs: the engine's runner and the tests share it.
 */
import { seededNormals } from '../core/random';

export interface Corruption {
  /** standard deviation of the noise, in 0..1 pixel units */
  sd: number;
  /** the noise's seed */
  seed: number;
  /** [784] of 0 and 1: the pixels wiped to black before the noise */
  erased: ArrayLike<number>;
}

/** pixels [784] in [0, 1] -> the corrupted digit [784] in [0, 1]. */
export function corruptDigit(pixels: Float32Array, { sd, seed, erased }: Corruption): Float32Array {
  const noise = seededNormals(seed, pixels.length);
  return pixels.map((v, i) => Math.min(1, Math.max(0, (erased[i] ? 0 : v) + sd * noise[i])));
}
