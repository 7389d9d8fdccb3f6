// Old links keep their pictures: links of every studio with the pixels and text the code of their day made from
// them on the CPU backend, in tests/fixtures/golden-links.json. The first eight were encoded and made by commit
// f19e72b (before studio state became a reducer); faces-v5 and faces-judge by the commit that brought the face judge
// to /faces; faces-pull by the one that brought the pull toward good faces; the lab-* ones (its four modes: the digit
// alone, made to see a 3, denoised, an InceptionV3 channel) as version-1 Lab recipes, before they became a union of
// modes, so this file alone holds them now. GOLDEN_CAPTURE=1 adds the recipes below that the file lacks and checks
// the rest (a stored golden never changes).
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import { encodeLatent, type Recipe } from '../../lib/share/recipe';
import { registryEntry } from '../../models/registry';
import { canvasPixels, downloadBytes, expectStatus, meanAbsDiff } from './helpers';

interface Golden {
  name: string;
  link: string;
  /** sha256 of the result canvas's RGBA bytes, for image studios */
  pixels?: string;
  text?: string;
}

const FILE = join(__dirname, '..', 'fixtures', 'golden-links.json');
const capture = process.env.GOLDEN_CAPTURE === '1';
const ref = (id: string) => modelRefFor(registryEntry(id));

/** The recipes (capture only: the fixture keeps the links themselves, as the code of their day encoded them). */
const recipes = (): [string, Recipe][] => [
  [
    'dream',
    {
      studio: 'dream',
      v: 1,
      model: ref('inception-v3'),
      input: { kind: 'preset', id: 'clouds' },
      size: 128,
      layers: [{ name: 'mixed3', weight: 1 }],
      octaves: 1,
      octaveScale: 1.4,
      steps: 2,
      stepSize: 0.02,
      jitter: 4,
      seed: 7,
    },
  ],
  [
    'style-algorithm-1',
    {
      studio: 'style',
      v: 1,
      model: ref('inception-v3'),
      content: { kind: 'preset', id: 'orbs' },
      styles: [{ image: { kind: 'preset', id: 'brushwork' }, weight: 1 }],
      size: 75,
      steps: 3,
      contentWeight: 200,
      styleWeight: 1000,
      tvWeight: 10,
      learningRate: 6,
      styleScale: 1,
      coarseToFine: true,
      preserveColor: 'none',
      init: 'content',
      seed: 1,
    },
  ],
  [
    'style-algorithm-2',
    {
      studio: 'style',
      v: 1,
      model: ref('inception-v3'),
      algorithm: 2,
      content: { kind: 'preset', id: 'orbs' },
      styles: [{ image: { kind: 'preset', id: 'brushwork' }, weight: 1 }],
      size: 75,
      steps: 3,
      contentWeight: 800,
      styleWeight: 1000,
      tvWeight: 10,
      learningRate: 6,
      styleScale: 1,
      coarseToFine: true,
      preserveColor: 'none',
      init: 'content',
      seed: 1,
    },
  ],
  ['faces', { studio: 'faces', v: 1, model: ref('dcgan-faces'), seeds: [100, 101, 102, 103], truncation: 0.7 }],
  ['faces-v5', { studio: 'faces', v: 1, model: ref('dcgan-faces'), seeds: [200, 201, 202, 203], truncation: 0 }],
  [
    'faces-judge',
    {
      studio: 'faces',
      v: 1,
      model: ref('dcgan-faces'),
      seeds: [200, 201, 202, 203],
      truncation: 0,
      k: 8,
      chosen: [2, 2, 0, 6], // what the face judge (version 1) chose
      judge: ref('dcgan-faces-judge'),
    },
  ],
  [
    'faces-pull',
    { studio: 'faces', v: 1, model: ref('dcgan-faces'), seeds: [300, 301, 302, 303], truncation: 0, pull: 0.5 },
  ],
  ['latent', { studio: 'latent', v: 1, model: ref('vae-mnist-2d'), z: encodeLatent([0.5, -0.75]) }],
  [
    'text',
    {
      studio: 'text',
      v: 1,
      model: ref('charrnn-shakespeare'),
      mode: 'text',
      prime: 'ROMEO:\n',
      temperature: 0.8,
      topK: 0,
      topP: 0.95,
      length: 40,
      seed: 5,
    },
  ],
];

test('golden links open to the pixels and text they made when captured', async ({ page }) => {
  test.setTimeout(600_000);
  const stored: Golden[] = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : [];
  const missing = capture ? recipes().filter(([name]) => !stored.some((g) => g.name === name)) : [];
  const added = await Promise.all(
    missing.map(async ([name, r]) => ({ name, link: `/${r.studio}?backend=cpu#r=${await encodeRecipe(r)}` })),
  );
  const goldens: Golden[] = [...stored, ...added];
  for (const golden of goldens) {
    await page.goto('/');
    await page.goto(golden.link);
    await expectStatus(page, 'done');
    const made: Golden = { name: golden.name, link: golden.link };
    if (golden.name === 'text')
      made.text = (await page.locator('[data-testid="result"], [data-testid="output"]').first().textContent())!;
    else
      made.pixels = createHash('sha256')
        .update(Uint8Array.from(await canvasPixels(page, '[data-testid="result"]')))
        .digest('hex');
    if (added.includes(golden)) Object.assign(golden, made);
    else expect(made, golden.name).toEqual(golden);
  }
  if (added.length) writeFileSync(FILE, `${JSON.stringify(goldens, null, 1)}\n`);
});

// A creations file exported before a change imports after it, and each creation's link remakes the picture or
// text stored beside it. tests/fixtures/creations-export.json holds the faces and text golden links saved as
// creations (GOLDEN_CAPTURE=1 exports it when it is missing; the export format is lib/store/creations.ts's, version 1).
test('an exported creations file imports, and its creations reopen to the pictures and text stored in it', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const file = join(__dirname, '..', 'fixtures', 'creations-export.json');
  const goldens = (JSON.parse(readFileSync(FILE, 'utf8')) as Golden[]).filter(
    (g) => g.name === 'faces' || g.name === 'text',
  );
  if (capture && !existsSync(file)) {
    for (const golden of goldens) {
      await page.goto(golden.link);
      await expectStatus(page, 'done');
      await page.getByTestId('save').click();
    }
    await page.getByTestId('creations-toggle').click();
    const download = page.waitForEvent('download');
    await page.getByText('Export all').click();
    writeFileSync(file, await downloadBytes(download));
    return;
  }
  // A page with the drawer; wasm, since the studio's own opening grid is not what this checks.
  await page.goto('/faces?backend=wasm');
  await expectStatus(page, 'done');
  await page.getByTestId('creations-toggle').click();
  await page.locator('input[type="file"][accept="application/json"]').setInputFiles(file);
  await expect(page.getByText('Imported 2 creations.')).toBeVisible();
  // Clicked in the drawer of the studio it belongs to, a creation opens (only the fragment changes).
  const reloaded = page.waitForEvent('load');
  await page.locator('a[href^="/faces#r="]').click();
  await reloaded; // the studio reloads: 'done' before this would be the page that was there
  await expectStatus(page, 'done');
  expect(await page.getByTestId('result').evaluate((c: HTMLCanvasElement) => c.width)).toBe(2 * 132 + 4); // its 4 faces
  await page.getByTestId('creations-toggle').click();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    creations: { studio: string; recipe: string; image?: string; text?: string }[];
  };
  for (const c of exported.creations) {
    const href = await page.locator(`a[href="/${c.studio}#r=${c.recipe}"]`).getAttribute('href');
    await page.goto('/'); // a new document: a changed fragment alone is not a new page
    await page.goto(`${baseURL}/${c.studio}?backend=cpu${href!.slice(href!.indexOf('#'))}`);
    await expectStatus(page, 'done');
    if (c.text !== undefined) expect(await page.getByTestId('result').textContent()).toBe(c.text);
    else {
      const stored = await page.evaluate(async (dataUrl) => {
        const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
        const ctx = Object.assign(document.createElement('canvas'), {
          width: bitmap.width,
          height: bitmap.height,
        }).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return Array.from(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data);
      }, c.image!);
      expect(meanAbsDiff(stored, await canvasPixels(page, '[data-testid="result"]'))).toBe(0);
    }
    await page.goto('/faces?backend=wasm');
    await page.getByTestId('creations-toggle').click();
  }
});
