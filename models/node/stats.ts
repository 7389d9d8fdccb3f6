// Committed feature statistics (mean + covariance, float32) that quality tests compare against.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Gaussian } from '../../models/core/frechet';

/** Binary layout: dim x float32 mean, then dim x dim float32 covariance (row-major), little-endian. */
export function writeGaussian(path: string, g: Gaussian): void {
  const out = new Float32Array(g.dim + g.dim * g.dim);
  out.set(g.mean, 0);
  out.set(g.cov, g.dim);
  writeFileSync(path, Buffer.from(out.buffer));
}

export function readGaussian(path: string, dim: number): Gaussian {
  const b = readFileSync(path);
  const floats = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  if (floats.length !== dim + dim * dim)
    throw new Error(`${path}: expected ${dim + dim * dim} floats, found ${floats.length}`);
  return { dim, mean: Float64Array.from(floats.subarray(0, dim)), cov: Float64Array.from(floats.subarray(dim)) };
}
