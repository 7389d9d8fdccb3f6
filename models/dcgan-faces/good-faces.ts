// Where the studio's pull toward good faces points, for each generator version that has one.
import table from './good-latents.json';
import type { LatentDraw, Pull } from './latent';

type GoodLatents = Record<string, { mean: number[] }>;

/** The pull of `amount` toward the good faces' mean latent of the generator with this fingerprint (the recipe's
 * model fingerprint; good_latents.py writes the table), or null when it has none or amount is 0. */
export function pullFor(generatorFingerprint: string, amount: number | undefined): Pull | null {
  const entry = (table as GoodLatents)[generatorFingerprint];
  return entry && amount ? { toward: Float32Array.from(entry.mean), amount } : null;
}

/** Whether this generator has a good faces' mean to pull toward. */
export const canPull = (generatorFingerprint: string): boolean => generatorFingerprint in table;

/** How a faces recipe's latents are drawn (lib/share/recipe.ts facesRecipe's truncation and pull). */
export const latentDrawOf = (recipe: { model: { fp: string }; truncation: number; pull?: number }): LatentDraw => ({
  truncation: recipe.truncation,
  pull: pullFor(recipe.model.fp, recipe.pull),
});
