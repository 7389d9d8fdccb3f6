import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canPull, latentDrawOf, pullFor } from './good-faces';
import { candidateLatents, latentFromSeed, pulledToward } from './latent';
import parity from './pull-parity.json';
import table from './good-latents.json';

/** The shipped generator's fingerprint (the studio's own lookup is tested end to end: tests/e2e/golden-links.spec.ts).
 */
const SHIPPED = parity.generator;
const length = (z: ArrayLike<number>) => Math.hypot(...Array.from(z));
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, v, i) => s + v * b[i], 0) / (length(a) * length(b));

describe('the pull toward good faces', () => {
  it("keeps the shipped generator's mean as it shipped: links pulled toward it exist", () => {
    const mean = (table as Record<string, { mean: number[] }>)[SHIPPED].mean;
    const digest = createHash('sha256').update(JSON.stringify(mean)).digest('hex');
    assert.equal(digest, 'eb027e6458557b73cb7faec713ada0068d24f7868f98337964c4b9ed1e07528e');
  });

  it('has a mean for the shipped generator, none for unknown weights, and nothing to do at 0', () => {
    assert.ok(canPull(SHIPPED));
    assert.equal(pullFor('0123abcd', 0.5), null);
    assert.equal(pullFor(SHIPPED, 0), null);
    assert.equal(pullFor(SHIPPED, undefined), null);
    const draw = latentDrawOf({ model: { fp: SHIPPED }, truncation: 0 });
    assert.deepEqual(candidateLatents(7, 3, draw), candidateLatents(7, 3));
  });

  it("keeps each latent's length and turns it toward the mean, further the higher the amount", () => {
    const z = latentFromSeed(64);
    const { toward } = pullFor(SHIPPED, 0.5)!;
    let last = cosine(z, toward);
    for (const amount of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const pulled = pulledToward(z, { toward, amount });
      assert.ok(Math.abs(length(pulled) / length(z) - 1) < 1e-6, `length kept at ${amount}`);
      const now = cosine(pulled, toward);
      assert.ok(now > last, `closer to the mean at ${amount}`);
      last = now;
    }
  });

  it("pulls every candidate of a seed, after its truncation, so the first is the seed's pulled face", () => {
    const pull = pullFor(SHIPPED, 0.5)!;
    const pulled = candidateLatents(9, 4, { truncation: 0.7, pull });
    const truncated = candidateLatents(9, 4, { truncation: 0.7 });
    pulled.forEach((z, j) => assert.deepEqual(z, pulledToward(truncated[j], pull)));
  });

  it('computes the latents good_latents.py computes in PyTorch (float64, then float32)', () => {
    for (const { seed, amount, pulled } of parity.cases) {
      const ours = pulledToward(latentFromSeed(seed), pullFor(SHIPPED, amount)!);
      const err = Math.max(...pulled.map((v, i) => Math.abs(v - ours[i])));
      assert.ok(err < 1e-6, `seed ${seed} at ${amount}: max abs error ${err}`);
    }
  });
});
