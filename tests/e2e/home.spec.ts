import { expect, test } from '@playwright/test';
import { decodeRecipe, recipeTextFromHash } from '../../lib/share/codec';
import showcase from '../../lib/showcase/showcase.json';
import type { ShowcaseCard } from '../../lib/showcase/types';
import { MODELS } from '../../models/registry';
import { expectStatus, meanAbsDiff, watchConsole } from './helpers';

const EXAMPLES = showcase as ShowcaseCard[];

test('the home page shows an example picture for each of the five studios', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  expect(EXAMPLES.map((e) => e.studio).sort()).toEqual(['dream', 'faces', 'latent', 'style', 'text']);
  for (const example of EXAMPLES) {
    const picture = page.getByTestId(`showcase-${example.studio}`).locator('img');
    await expect(picture).toBeVisible();
    await expect(picture).toHaveAttribute('alt', example.alt);
    // Loaded and decoded, at the size the showcase wrote.
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight]))
      .toEqual([true, example.width, example.height]);
  }
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('following the faces example opens the studio with its recipe and remakes its picture', async ({ page }) => {
  const faces = EXAMPLES.find((e) => e.studio === 'faces')!;
  await page.goto('/');
  await page.getByTestId('showcase-faces').click();
  await expect(page).toHaveURL(/\/faces#r=/);
  const opened = await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!);
  expect(opened).toEqual(await decodeRecipe(recipeTextFromHash(new URL(faces.link, 'http://x').hash)!));
  await expectStatus(page, 'done');
  // The picture was rendered in Node (wasm); the page renders on WebGPU. Both at half size, so the 2x upscale
  // filters of the two sides do not count, then compared pixel by pixel.
  const [shown, picture] = await page.evaluate(async (src) => {
    const img = Object.assign(new Image(), { src });
    await img.decode();
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="result"]')!;
    const half = (source: CanvasImageSource, w: number, h: number) => {
      const ctx = Object.assign(document.createElement('canvas'), { width: w / 2, height: h / 2 }).getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, w / 2, h / 2);
      return Array.from(ctx.getImageData(0, 0, w / 2, h / 2).data);
    };
    if (canvas.width !== img.naturalWidth || canvas.height !== img.naturalHeight)
      throw new Error(`sizes differ: ${canvas.width}x${canvas.height} vs ${img.naturalWidth}x${img.naturalHeight}`);
    return [half(canvas, canvas.width, canvas.height), half(img, img.naturalWidth, img.naturalHeight)];
  }, faces.picture);
  expect(meanAbsDiff(shown, picture)).toBeLessThanOrEqual(3);
});

test('/about renders the model cards as pages: headings, tables and their pictures, no raw Markdown', async ({
  page,
}) => {
  await page.goto('/about');
  await expect(page.getByRole('heading', { name: 'Measured quality' }).first()).toBeVisible();
  await expect(page.locator('table').first()).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toContain('**');
  expect(text).not.toMatch(/^#+ /m);
  // Every card that references a picture shows it, loaded.
  const pictures = page.locator('[data-testid^="card-"] img');
  expect(await pictures.count()).toBeGreaterThanOrEqual(MODELS.filter((m) => m.id.startsWith('vae-')).length + 1);
  for (const img of await pictures.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  }
  await page.screenshot({ path: 'test-results/about.png', fullPage: true });
});
