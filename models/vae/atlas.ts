/**
 * A VAE's latent atlas (written by scripts/latent-atlas.ts from the encoded training set) and the pure
 * latent-space moves the studio makes with it: slider coordinates along principal directions, the class map.
 */

export interface LatentAtlas {
  model: string;
  version: string;
  /** Which data file was encoded, and how many images it held. */
  data: string;
  images: number;
  /** Mean of the encoded means [latent]. */
  mean: number[];
  /** Principal directions of the encoded means, largest variance first: unit vectors and their std. */
  directions: { sigma: number; vector: number[] }[];
  /** 2-D latents only: where each class lands, as a histogram over [-extent, extent]^2. */
  map?: {
    extent: number;
    /** Cells per side; cell (row, col) covers y from the top down and x from the left. */
    cells: number;
    /** One character per cell: the most frequent class (base 36), or '.' where nothing landed. */
    labels: string;
    /** Images per cell. */
    counts: number[];
    /** Mean position of each class. */
    centroids: [number, number][];
  };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>, offset: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - offset[i]) * b[i];
  return s;
};

/** Where z sits along each principal direction, in that direction's standard deviations. */
export function sliderCoordinates(atlas: LatentAtlas, z: ArrayLike<number>): number[] {
  return atlas.directions.map((d) => dot(z, d.vector, atlas.mean) / d.sigma);
}

/** z moved along direction `index` so that its coordinate there becomes `to` (other coordinates kept). */
export function moveAlong(atlas: LatentAtlas, z: ArrayLike<number>, index: number, to: number): Float32Array {
  const d = atlas.directions[index];
  const by = (to - dot(z, d.vector, atlas.mean) / d.sigma) * d.sigma;
  return Float32Array.from(z, (v, i) => v + by * d.vector[i]);
}

/** Straight line from a to b at t in [0, 1]. */
export function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  return Float32Array.from(a, (v, i) => v + (b[i] - v) * t);
}

/** A map position (fractions of the map's width and height, y from the top) as a 2-D latent, and back. */
export function latentAtMap(map: NonNullable<LatentAtlas['map']>, fx: number, fy: number): Float32Array {
  return Float32Array.of((2 * fx - 1) * map.extent, (1 - 2 * fy) * map.extent);
}

export function mapPosition(map: NonNullable<LatentAtlas['map']>, z: ArrayLike<number>): { fx: number; fy: number } {
  return { fx: (z[0] / map.extent + 1) / 2, fy: (1 - z[1] / map.extent) / 2 };
}
