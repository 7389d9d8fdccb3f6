/**
 * The DCGAN face generator in the browser: z (100 numbers, N(0, I)) -> a 64x64 RGB face. The same
 * architecture as model.py, exported by export.py; parity.test.ts proves the two agree.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { loadLayers, onceLoaded } from '../core/layers';
import { seededNormals } from '../core/random';

export const LATENT_SIZE = 100;
export const FACE_SIZE = 64;

export class DCGANFaces {
  private net: tf.LayersModel | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly files: ModelFiles) {}

  load(): Promise<void> {
    this.loading = onceLoaded(this.loading, async () => {
      this.net = await loadLayers(this.files);
    }, () => (this.loading = null));
    return this.loading;
  }

  /** z [B, 100] -> faces [B, 64, 64, 3] in [-1, 1]. */
  generate(z: tf.Tensor2D): tf.Tensor4D {
    if (!this.net) throw new Error('DCGAN is not loaded');
    return this.net.predict(z) as tf.Tensor4D;
  }

  /** z [B, 100] -> faces [B, 64, 64, 3] as pixels in [0, 255]. */
  pixels(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => this.generate(z).add(1).mul(127.5).clipByValue(0, 255) as tf.Tensor4D);
  }

  dispose(): void {
    this.net?.dispose();
    this.net = null;
    this.loading = null;
  }
}

/**
 * The latent vector of a seed: seeded standard normals; with truncation t > 0, every value beyond
 * t standard deviations is redrawn (the truncation trick: plainer, more typical faces).
 */
export function latentFromSeed(seed: number, truncation: number): Float32Array {
  const z = seededNormals(seed, LATENT_SIZE);
  if (truncation <= 0) return z;
  let spare = seededNormals(seed ^ 0x9e3779b9, 4 * LATENT_SIZE);
  let next = 0;
  for (let i = 0; i < z.length; i++) {
    while (Math.abs(z[i]) > truncation) {
      if (next === spare.length) {
        spare = seededNormals((seed + next) ^ 0x85ebca6b, 4 * LATENT_SIZE);
        next = 0;
      }
      z[i] = spare[next++];
    }
  }
  return z;
}

/** Spherical interpolation (White 2016): stays on the shell where Gaussian latents live. */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const omega = Math.acos(Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb || 1))));
  const out = new Float32Array(a.length);
  if (omega < 1e-6) {
    for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
    return out;
  }
  const sa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const sb = Math.sin(t * omega) / Math.sin(omega);
  for (let i = 0; i < a.length; i++) out[i] = sa * a[i] + sb * b[i];
  return out;
}

/** Latent arithmetic: a - b + c (Radford et al.: man with glasses - man + woman = woman with glasses). */
export function arithmetic(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float32Array {
  return Float32Array.from({ length: a.length }, (_, i) => a[i] - b[i] + c[i]);
}
