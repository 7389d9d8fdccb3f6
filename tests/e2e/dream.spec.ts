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

test('a painted mask travels in the link: only the painted half dreams', async ({ page }) => {
  // One thick vertical stroke over the left third; feathered edge.
  const mask = { feather: 0.02, strokes: [{ size: 0.3, points: [150, 0, 150, 1000] }] };
  await page.goto(await dreamLink(smallDream({ mask })));
  await expectStatus(page, 'done');
  const result = await canvasPixels(page, '[data-testid="result"]');
  const original = await canvasPixels(page, 'canvas.invisible');
  const columns = (pixels: number[], from: number, to: number) => pixels.filter((_, i) => Math.floor(i / 4) % 128 >= from && Math.floor(i / 4) % 128 < to);
  expect(meanAbsDiff(columns(result, 0, 30), columns(original, 0, 30))).toBeGreaterThan(3);
  const right = columns(result, 80, 128).map((v, i) => Math.abs(v - columns(original, 80, 128)[i]));
  expect(Math.max(...right)).toBeLessThanOrEqual(2);
});

test('painting with the brush records strokes for the next run', async ({ page }) => {
  await page.goto('/dream?size=128');
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page.getByTestId('paint-mask').click();
  await page.getByTestId('mask-painter').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('mask-painter').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByText('clear (1)')).toBeVisible();
  await expect(page.getByText('Only painted areas dream')).toBeVisible();
  await page.screenshot({ path: 'test-results/dream-mask.png', fullPage: true });
});
