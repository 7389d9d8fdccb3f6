import { expect, test } from '@playwright/test';
import { canvasPixels, dreamLink, expectStatus, meanAbsDiff, smallDream, watchConsole } from './helpers';

test('a recipe link dreams to done by itself, visibly changes the image, and replays identically', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(await dreamLink(smallDream()));
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expectStatus(page, 'done');
  const first = await canvasPixels(page, '[data-testid="result"]');
  const original = await canvasPixels(page, 'canvas.invisible');
  expect(first.length).toBe(128 * 128 * 4);
  // The test fails if the dream returns its input: the mean change must be far above rounding.
  expect(meanAbsDiff(first, original)).toBeGreaterThan(3);
  const longest = Number(await page.getByTestId('longest-task').textContent());
  console.log(`longest main-thread task during the run: ${longest} ms`);
  await page.screenshot({ path: 'test-results/dream-done.png', fullPage: true });

  await page.getByTestId('run').click();
  await expectStatus(page, 'running', 10_000);
  await expectStatus(page, 'done');
  const second = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(first, second)).toBe(0);
  expect(errors).toEqual([]);
});

test('cancel mid-run returns to idle and the studio can run again', async ({ page }) => {
  await page.goto(await dreamLink(smallDream({ steps: 20 })));
  await expect(page.getByText('step 1 / 20')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('cancel').click();
  await expectStatus(page, 'idle', 60_000);
  await expect(page.getByTestId('run')).toBeEnabled();
});
