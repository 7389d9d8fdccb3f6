// The denoise studio (app/denoise/, written from the kit): on wasm, its opening damage (MNIST's 3, a bar through its
// middle rubbed out, noise 0.5) comes back closer to the digit than what the autoencoder was given, the classifier
// reads the cleaned digit as a 3, and the link, a saved creation and a fresh browser remake it.
import { expect, type Page, test } from '@playwright/test';
import { canvasPixels, expectStatus, linksOfShown, pixelsInFreshContext, watchConsole } from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

/** Mean squared difference of two 28x28 RGBA canvases' red channels, in grey levels squared. */
const squaredError = (a: number[], b: number[]) =>
  a.reduce((sum, v, i) => sum + (i % 4 === 0 ? (v - b[i]) ** 2 : 0), 0) / (28 * 28);
const topClass = async (page: Page, testId: string) => {
  const ps = await Promise.all(
    Array.from({ length: 10 }, async (_, d) => Number(await page.getByTestId(`${testId}-${d}`).textContent())),
  );
  return ps.indexOf(Math.max(...ps));
};

test('the opening damage comes back closer to the digit and is read as a 3; another digit runs; links remake it', async ({
  page,
  browser,
}) => {
  const errors = watchConsole(page);
  await page.goto('/denoise?backend=wasm');
  await expectStatus(page, 'done');
  const [original, noisy, cleaned] = [
    await canvasPixels(page, '[data-testid="original"]'),
    await canvasPixels(page, '[data-testid="noisy"]'),
    await canvasPixels(page, '[data-testid="result"]'),
  ];
  const [before, after] = [squaredError(noisy, original), squaredError(cleaned, original)];
  console.log(`denoise studio: ${before.toFixed(0)} damaged, ${after.toFixed(0)} cleaned (levels squared)`);
  expect(after).toBeLessThan(before / 3);
  expect(await topClass(page, 'cleaned-probabilities')).toBe(3);
  await expect(page.getByTestId('erased-count')).toHaveText('64 pixels erased'); // the pad starts with the damage
  await expectRecipeSnapshot(page, 'denoise-default');
  const { shared, saved, address } = await linksOfShown(page, 'denoise');
  expect([saved, address]).toEqual([shared, shared]);
  expect(await pixelsInFreshContext(browser, `/denoise?backend=wasm${shared}`)).toEqual(cleaned);

  await page.getByTestId('example-7').click();
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  expect(await canvasPixels(page, '[data-testid="original"]')).not.toEqual(original);
  expect(await topClass(page, 'cleaned-probabilities')).toBe(7);
  await page.screenshot({ path: 'test-results/denoise.png', fullPage: true });
  expect(errors).toEqual([]);
});
