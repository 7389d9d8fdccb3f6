// The faces' latent space without tensors: seeds to vectors, blends and arithmetic. The page uses these (it never
// loads tfjs); the generator itself is model.ts.
import { seededNormals } from '../core/random';

export const LATENT_SIZE = 100;
export const FACE_SIZE = 64;
/** The studio's candidate latents per seed, of which the face judge shows one (models/dcgan-faces-judge/README.md
 * measures why this many). */
export const DEFAULT_FACE_CANDIDATES = 8;
/** The studio's pull toward good faces (pulledToward; the card measures the choice). */
export const DEFAULT_FACE_PULL = 0;

/**
 * The latent vector of a seed: seeded standard normals; with truncation t > 0, every value beyond
 * t standard deviations is redrawn (the truncation trick: plainer, more typical faces).
 */
export function latentFromSeed(seed: number, truncation = 0): Float32Array {
  return candidateLatents(seed, 1, { truncation })[0];
}

/** How a seed's latents are drawn: values beyond `truncation` standard deviations redrawn (0: off, the first links'
 * truncation), then pulled toward good faces (`pull`, absent: off). */
export interface LatentDraw {
  truncation?: number;
  pull?: Pull | null;
}

/** Each latent moved `amount` (0-1) of the way toward `toward`, the mean latent of the faces the judge rates best for
 * this generator (models/dcgan-faces/good-latents.json), its length kept. */
export interface Pull {
  toward: ArrayLike<number>;
  amount: number;
}

/**
 * A seed's k candidate latents: the k consecutive blocks of LATENT_SIZE numbers of the seed's normal stream, each
 * truncated with its own spare stream and then pulled, so with neither candidate 0 is latentFromSeed(seed), the face
 * the seed gives without a judge.
 */
export function candidateLatents(seed: number, k: number, { truncation = 0, pull }: LatentDraw = {}): Float32Array[] {
  const stream = seededNormals(seed, k * LATENT_SIZE);
  return Array.from({ length: k }, (_, j) => {
    const z = stream.slice(j * LATENT_SIZE, (j + 1) * LATENT_SIZE);
    const truncated = truncation > 0 ? truncate(z, truncation, seed, j) : z;
    return pull && pull.amount > 0 ? pulledToward(truncated, pull) : truncated;
  });
}

/** Each seed's face: its own latent, or of its k candidates the one `chosen` names. */
export function seedLatents(seeds: number[], draw: LatentDraw, k = 1, chosen?: number[]): Float32Array[] {
  return seeds.map((seed, i) => candidateLatents(seed, k, draw)[chosen?.[i] ?? 0]);
}

/**
 * (1 - amount) z + amount toward, scaled back to z's length. The generator learnt from latents about sqrt(100) long;
 * a plain average is shorter and gives the blurred, brown faces of truncation toward zero. In float64 with a fixed
 * order of sums, so every browser computes the same float32 latent (good_latents.py pulled_toward agrees within 1e-6).
 */
export function pulledToward(z: Float32Array, { toward, amount }: Pull): Float32Array {
  const moved = Float64Array.from(z, (v, i) => (1 - amount) * v + amount * toward[i]);
  const scale = lengthOf(z) / lengthOf(moved);
  return Float32Array.from(moved, (v) => v * scale);
}

function lengthOf(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return Math.sqrt(sum);
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
