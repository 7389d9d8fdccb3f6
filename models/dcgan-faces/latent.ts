// The faces' latent space without tensors: seeds to vectors, blends and arithmetic. The page uses these (it never
// loads tfjs); the generator itself is model.ts.
import { seededNormals } from '../core/random';

export const LATENT_SIZE = 100;
export const FACE_SIZE = 64;
/** The studio's candidate latents per seed, of which the face judge shows one (models/dcgan-faces-judge/README.md
 * measures why this many). */
export const DEFAULT_FACE_CANDIDATES = 8;

/**
 * The latent vector of a seed: seeded standard normals; with truncation t > 0, every value beyond
 * t standard deviations is redrawn (the truncation trick: plainer, more typical faces).
 */
export function latentFromSeed(seed: number, truncation: number): Float32Array {
  return candidateLatents(seed, 1, truncation)[0];
}

/**
 * A seed's k candidate latents: the k consecutive blocks of LATENT_SIZE numbers of the seed's normal stream, each
 * truncated with its own spare stream, so candidate 0 is latentFromSeed(seed, truncation), the face the seed gives
 * without a judge.
 */
export function candidateLatents(seed: number, k: number, truncation = 0): Float32Array[] {
  const stream = seededNormals(seed, k * LATENT_SIZE);
  return Array.from({ length: k }, (_, j) => {
    const z = stream.slice(j * LATENT_SIZE, (j + 1) * LATENT_SIZE);
    return truncation > 0 ? truncate(z, truncation, seed, j) : z;
  });
}

/** Each seed's face: its own latent, or of its k candidates the one `chosen` names. */
export function seedLatents(seeds: number[], truncation: number, k = 1, chosen?: number[]): Float32Array[] {
  return seeds.map((seed, i) => candidateLatents(seed, k, truncation)[chosen?.[i] ?? 0]);
}

/** Redraws z's values beyond the truncation from spare streams of (seed, candidate); candidate 0's are the streams
 * every link made before the judge used. */
function truncate(z: Float32Array, truncation: number, seed: number, candidate: number): Float32Array {
  let spare = seededNormals((seed ^ 0x9e3779b9) + candidate * 0x632be5ab, 4 * LATENT_SIZE);
  let next = 0;
  for (let i = 0; i < z.length; i++) {
    while (Math.abs(z[i]) > truncation) {
      if (next === spare.length) {
        spare = seededNormals((seed + next + candidate * 7919) ^ 0x85ebca6b, 4 * LATENT_SIZE);
        next = 0;
      }
      z[i] = spare[next++];
    }
  }
  return z;
}

/** Latent arithmetic: a - b + c (Radford et al.: man with glasses - man + woman = woman with glasses). */
export function arithmetic(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float32Array {
  return Float32Array.from({ length: a.length }, (_, i) => a[i] - b[i] + c[i]);
}
