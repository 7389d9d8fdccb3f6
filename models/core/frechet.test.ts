import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitGaussian, frechetDistance, type Gaussian, symmetricEigen } from './frechet';
import { mulberry32, seededNormals } from './random';

function randomSymmetric(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) m[i * n + j] = m[j * n + i] = r() * 2 - 1;
  return m;
}

describe('Fréchet distance', () => {
  it('finds eigenpairs of a symmetric matrix: A v = lambda v for every pair', () => {
    const n = 40;
    const a = randomSymmetric(n, 3);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[j * n + k];
        assert.ok(Math.abs(av - values[k] * vectors[i * n + k]) < 1e-9, `pair ${k}`);
      }
    }
  });

  it('is 0 between a Gaussian and itself, and matches the closed form for diagonal covariances', () => {
    const n = 5;
    const diag = (mean: number[], variances: number[]): Gaussian => {
      const cov = new Float64Array(n * n);
      variances.forEach((v, i) => (cov[i * n + i] = v));
      return { dim: n, mean: Float64Array.from(mean), cov };
    };
    const a = diag([0, 1, 2, 3, 4], [1, 4, 9, 0.25, 2]);
    const b = diag([1, 1, 2, 3, 2], [4, 1, 9, 1, 2]);
    assert.ok(Math.abs(frechetDistance(a, a)) < 1e-9);
    // |mu|^2 = 1 + 4; sum (sqrt a - sqrt b)^2 = 1 + 1 + 0 + 0.25 + 0
    assert.ok(Math.abs(frechetDistance(a, b) - 7.25) < 1e-9);
  });

  it('fits mean and covariance from samples', () => {
    const count = 20_000;
    const z = seededNormals(9, count * 2);
    const samples = new Float64Array(count * 2);
    for (let i = 0; i < count; i++) {
      samples[2 * i] = 3 + 2 * z[2 * i];
      samples[2 * i + 1] = z[2 * i] + z[2 * i + 1];
    }
    const g = fitGaussian(samples, count, 2);
    assert.ok(Math.abs(g.mean[0] - 3) < 0.05 && Math.abs(g.mean[1]) < 0.05);
    assert.ok(Math.abs(g.cov[0] - 4) < 0.15 && Math.abs(g.cov[1] - 2) < 0.1 && Math.abs(g.cov[3] - 2) < 0.1);
  });
});
