import { expect, test } from '@playwright/test';
import { exportedVideo, expectWalkRemade, expectWalkVideo, WALK_QPM, WALK_TUNE } from './video';
import { canvasPixels, expectStatus, linksOfShown, meanAbsDiff, pixelsInFreshContext, watchConsole } from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

const RESULT = '[data-testid="result"]';

test('moving a slider changes the decoded image, and the link it leaves reproduces it exactly', async ({
  page,
  browser,
}) => {
  const errors = watchConsole(page);
  await page.goto('/latent');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.getByTestId('view-sliders').click();
  await expectStatus(page, 'done');
  const before = await canvasPixels(page, RESULT);
  expect(before.length).toBe(28 * 28 * 4);
  await page.getByTestId('direction-0').fill('2.5');
  await expect(page.getByText('+2.50 σ')).toBeVisible();
  // The decode waits for the next animation frame: wait for the pixels, not for a status that may still say done.
  await expect.poll(async () => meanAbsDiff(before, await canvasPixels(page, RESULT))).toBeGreaterThan(3);
  await expectStatus(page, 'done');
  const moved = await canvasPixels(page, RESULT);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#r=/);
  const link = page.url();
  await expectRecipeSnapshot(page, 'latent-slider');
  // Closed first: on SwiftShader a second WebGPU device can wait minutes behind the first page's preview decodes.
  await page.close();

  const fresh = await browser.newPage();
  await fresh.goto(link);
  await expectStatus(fresh, 'done');
  await expect(fresh.getByTestId('direction-0')).toHaveValue('2.5');
  expect(meanAbsDiff(moved, await canvasPixels(fresh, RESULT))).toBe(0);
  await fresh.close();
  expect(errors).toEqual([]);
});

test('a drawn stroke is encoded: it lands on the map and its reconstruction is shown', async ({ page }) => {
  await page.goto('/latent');
  await expectStatus(page, 'done');
  const map = page.getByTestId('latent-map');
  const startMarker = await map.getAttribute('data-marker');
  const before = await canvasPixels(page, RESULT);
  // A "1": one vertical stroke down the middle of the pad.
  const pad = (await page.getByTestId('draw-pad').boundingBox())!;
  await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++)
    await page.mouse.move(pad.x + pad.width * (0.5 - 0.01 * k), pad.y + pad.height * (0.15 + 0.07 * k));
  await page.mouse.up();
  await expect(page.getByTestId('encoded-input')).toBeVisible();
  await expect(map).not.toHaveAttribute('data-marker', startMarker!);
  await expectStatus(page, 'done');
  const reconstruction = await canvasPixels(page, RESULT);
  expect(meanAbsDiff(before, reconstruction)).toBeGreaterThan(3);
  // The stroke was a "1": its code lands nearer the ones' centre than the map's centre did.
  const [fx] = (await map.getAttribute('data-marker'))!.split(',').map(Number);
  expect(fx).toBeLessThan(0.45);
  await page.screenshot({ path: 'test-results/latent-map.png', fullPage: true });
});

test('dragging on the map decodes the point under the pointer; A and B give an interpolation strip and its video', async ({
  page,
}) => {
  await page.goto('/latent');
  await expectStatus(page, 'done');
  const map = page.getByTestId('latent-map');
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width * 0.2, y: box.height * 0.5 } });
  await expectStatus(page, 'done');
  await page.getByTestId('set-a').click();
  const a = await canvasPixels(page, RESULT);
  await map.click({ position: { x: box.width * 0.75, y: box.height * 0.8 } });
  await expectStatus(page, 'done');
  await page.getByTestId('set-b').click();
  expect(meanAbsDiff(a, await canvasPixels(page, RESULT))).toBeGreaterThan(5);
  const strip = page.getByTestId('interpolation');
  await expect(strip).toBeVisible();
  await expect.poll(() => strip.evaluate((c: HTMLCanvasElement) => c.width)).toBe(8 * 28);

  // The walk as a video: 8 frames of 28 px at 4 a second, each the strip's frame.
  const video = await exportedVideo(page, [0, 4, 7], 'test-results/video-latent-walk.png');
  expect([video.codec?.slice(0, 4), video.width, video.height, video.frames]).toEqual(['avc1', 28, 28, 8]);
  expect(video.duration).toBeCloseTo(2, 2);
  const frames = await strip.evaluate((c: HTMLCanvasElement) =>
    [0, 4, 7].map((k) => Array.from(c.getContext('2d')!.getImageData(k * 28, 0, 28, 28).data)),
  );
  const differences = video.pixels.map((frame, i) => meanAbsDiff(frame, frames[i]));
  console.log(`latent walk MP4 (${video.codec}): frames 0, 4, 7 differ from the strip by ${differences.join(', ')}`);
  for (const difference of differences) expect(difference).toBeLessThan(4);
  expect(meanAbsDiff(video.pixels[0], video.pixels[2]), 'A and B differ').toBeGreaterThan(5);
});

test('the face sliders show preview strips, and a broken face upload gets a message', async ({ page }) => {
  await page.goto('/latent');
  await page.getByTestId('dataset-faces').click();
  await expectStatus(page, 'done');
  const strip = page.locator('[title^="What this direction does"]').first();
  await expect.poll(() => strip.evaluate((c: HTMLCanvasElement) => c.width), { timeout: 120_000 }).toBe(5 * 64);
  // The strip's ends (-2 and +2 sigma along the first direction) are different faces.
  const [low, high] = await strip.evaluate((c: HTMLCanvasElement) =>
    [0, 4].map((k) => Array.from(c.getContext('2d')!.getImageData(k * 64, 0, 64, 64).data)),
  );
  expect(meanAbsDiff(low, high)).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/latent-face-sliders.png', fullPage: true });
  await page
    .getByTestId('upload-face')
    .setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
  await expect(page.getByTestId('error')).toBeVisible();
  await page.getByTestId('direction-1').fill('-1.5');
  await expectStatus(page, 'done');
});

test('a broken link says so and keeps the studio usable', async ({ page }) => {
  await page.goto('/latent#r=1.not-a-recipe');
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  await expect(page.getByTestId('error')).toBeHidden();
});

test('Random point (the run) decodes a point whose link, saved creation and address remake it exactly', async ({
  page,
  browser,
}) => {
  await page.goto('/latent');
  await expectStatus(page, 'done');
  await page.getByTestId('run').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#r=/);
  await expectStatus(page, 'done');
  const onScreen = await canvasPixels(page, RESULT);
  const { shared, saved, address } = await linksOfShown(page, 'latent');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  expect(meanAbsDiff(onScreen, await pixelsInFreshContext(browser, `/latent${shared}`))).toBe(0);
});

test('a loop set to a tune from the point on screen: its video has the tune, its link remakes frames and tune', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The sound renders in a Worker of its own: the page's fallback (the same sound, the page held meanwhile) warns.
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/latent?backend=wasm');
  await expectStatus(page, 'done');
  await page.getByText('Set the points to music').click();
  await page.getByTestId('walk-tune').fill(WALK_TUNE);
  await page.getByRole('spinbutton', { name: 'Tempo, quarter notes a minute' }).fill(String(WALK_QPM));
  await page.getByTestId('walk-make').click();
  await expect(page.getByTestId('walk-length')).toContainText('72 frames, 6.0 s');
  await expectStatus(page, 'done');
  const walk = await page.evaluate(() => location.hash);
  await page.getByTestId('walk-preview').scrollIntoViewIfNeeded();
  const video = await exportedVideo(
    page,
    [0, 36],
    'test-results/video-latent-music-walk.png',
    'test-results/latent-walk-encoding.png',
  );
  expect([video.codec?.slice(0, 4), video.width, video.frames]).toEqual(['avc1', 128, 72]);
  await expectWalkVideo(page, video, 'latent walk');
  expect(warnings.filter((w) => w.includes("tune's sound"))).toEqual([]);

  // A move drops the walk (Centre, even back to the point it started from) and leaves the tune in the panel.
  await page.getByRole('button', { name: 'Centre' }).click();
  await expect(page.getByTestId('walk-length')).toHaveCount(0);
  await expectStatus(page, 'done');
  expect(await page.evaluate(() => location.hash)).not.toBe(walk);
  await expect(page.getByTestId('walk-tune')).toHaveValue(WALK_TUNE);

  await expectWalkRemade(
    browser,
    `/latent?backend=wasm${walk}`,
    video,
    'test-results/video-latent-music-walk-fresh.png',
  );
});
