// The recipes the studios' pages make, kept in tests/fixtures/recipe-snapshots.json: a change to a page's code must
// leave the recipe it makes as it was. A stored recipe is read the way a link is (lib/share/codec.ts validateRecipe),
// so one stored in an older recipe version is compared in the form that version is read as today.
// GOLDEN_CAPTURE=1 adds the names the file lacks and checks the rest.
import { expect, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRecipe, recipeTextFromHash, validateRecipe } from '../../lib/share/codec';

const FILE = join(__dirname, '..', 'fixtures', 'recipe-snapshots.json');

/** The address bar's recipe equals the one stored under `name`. */
export async function expectRecipeSnapshot(page: Page, name: string) {
  const made = await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!);
  const stored: Record<string, unknown> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
  if (name in stored) expect(made, name).toEqual(validateRecipe(stored[name]));
  else if (process.env.GOLDEN_CAPTURE === '1')
    writeFileSync(FILE, `${JSON.stringify({ ...stored, [name]: made }, null, 1)}\n`);
  else
    throw new Error(`tests/fixtures/recipe-snapshots.json has no recipe "${name}": capture it with GOLDEN_CAPTURE=1`);
}
