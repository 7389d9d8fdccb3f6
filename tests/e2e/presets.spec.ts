import { expect, test } from '@playwright/test';
import { PICTURE_PRESETS, presetCredit } from '../../lib/canvas/picture-presets';
import { presetRef } from '../../lib/canvas/presets';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import type { StyleRecipe } from '../../lib/share/recipe';
import { registryEntry } from '../../models/registry';
import { LATEST_STYLE_ALGORITHM } from '../../models/style/run';
import { DEFAULT_WEIGHTS } from '../../models/style/style';
import { canvasPixels, expectStatus, meanAbsDiff, watchConsole } from './helpers';

test('/style opens on a photo and a famous painting, with their credits, and paints them to done on WebGPU', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto('/style?size=96');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  // The defaults are a photo of Nagasaki and The Starry Night, picked and credited in their pickers.
  await expect(page.getByTestId('upload-credit')).toContainText('Boats in River, Nagasaki, Felice Beato');
  await expect(page.getByTestId('upload-style-credit')).toContainText('The Starry Night, Vincent van Gogh, 1889');
  await expect(page.getByTestId('upload-style-starry-night-1')).toHaveClass(/border-accent/);
  await expect(page.getByRole('img', { name: 'The Starry Night, Vincent van Gogh, 1889' }).first()).toBeVisible();

  // The same two presets, a few steps of the newest algorithm on WebGPU.
  const recipe: StyleRecipe = {
    studio: 'style',
    v: 1,
    model: modelRefFor(registryEntry('inception-v3')),
    algorithm: LATEST_STYLE_ALGORITHM,
    content: presetRef('nagasaki-1'),
    styles: [{ image: presetRef('starry-night-1'), weight: 1 }],
    size: 96,
    steps: 2,
    contentWeight: 800,
    styleWeight: DEFAULT_WEIGHTS.styleWeight,
    tvWeight: DEFAULT_WEIGHTS.tvWeight,
    learningRate: 6,
    styleScale: 1,
    coarseToFine: false,
    preserveColor: 'none',
    init: 'content',
    seed: 1,
  };
  await page.goto(`/style#r=${await encodeRecipe(recipe)}`);
  await page.reload();
  await expectStatus(page, 'done');
  // The photo keeps its aspect ratio (768 x 614): the working size is its long side.
  const size = await page.getByTestId('result').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  expect(size).toEqual([96, 77]);
  // Painted: far from the sepia photo it started from (its palette alone moves it towards the painting's blues).
  const result = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(result, await canvasPixels(page, '[data-testid="original"]'))).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/style-presets.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('/dream offers the photos, starting on one, with its credit', async ({ page }) => {
  await page.goto('/dream?size=128&backend=cpu');
  await expect(page.getByTestId('upload-cat-1')).toHaveClass(/border-accent/);
  await expect(page.getByTestId('upload-credit')).toContainText('Chelsea the cat, Stefan van der Walt');
  for (const p of PICTURE_PRESETS.filter((x) => x.kind === 'photo'))
    await expect(page.getByTestId(`upload-${p.id}`)).toBeVisible();
  await page.getByTestId('upload-nagasaki-1').click();
  await expect(page.getByTestId('upload-credit')).toContainText('Boats in River, Nagasaki, Felice Beato');
});

test('/about credits every preset painting and photo', async ({ page }) => {
  await page.goto('/about');
  const credits = page.getByTestId('preset-credits');
  for (const p of PICTURE_PRESETS) await expect(credits).toContainText(presetCredit(p));
});
