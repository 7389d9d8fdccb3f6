import { expect, test } from '@playwright/test';
import { exportedVideo } from './video';
import { decodeRecipe, recipeTextFromHash } from '../../lib/share/codec';
import type { DreamRecipe } from '../../lib/share/recipe';
import {
  canvasPixels,
  downloadBytes,
  dreamLink,
  expectStatus,
  gradientPng,
  linksOfShown,
  meanAbsDiff,
  paintStroke,
  pixelsInFreshContext,
  smallDream,
  watchConsole,
} from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

test('a recipe link dreams to done by itself, visibly changes the image, replays identically, and a guide image steers it', async ({
  page,
}) => {
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
  // Hold to compare, by keyboard: Space held shows the input over the dream, released the dream again.
  await page.getByTestId('hold-to-compare').focus();
  await page.keyboard.down(' ');
  await expect(page.locator('[data-testid="original"]')).toBeVisible();
  await page.keyboard.up(' ');
  await expect(page.locator('[data-testid="original"]')).toBeHidden();

  await page.getByTestId('run').click();
  await expectStatus(page, 'running', 10_000);
  await expectStatus(page, 'done');
  const second = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(first, second)).toBe(0);

  // The same dream guided by another image's features grows something else (in the same page: a fresh one
  // would build every WebGPU pipeline again, slow on SwiftShader).
  await page.getByTestId('guide-orbs').click();
  await expect(page.getByText('Dreaming towards')).toBeVisible();
  await page.getByTestId('run').click();
  await expectStatus(page, 'running', 10_000);
  await expectStatus(page, 'done');
  const guided = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(guided, original)).toBeGreaterThan(3);
  expect(meanAbsDiff(guided, first)).toBeGreaterThan(2);
  // The link it leaves carries the guide.
  const linked = await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!);
  expect(linked).toMatchObject({ studio: 'dream', guide: { kind: 'preset', id: 'orbs' }, seed: 7 });
  expect(errors).toEqual([]);
});

// This and the tests after it run on wasm: they check what the studio does around the dream, which is the same on
// every backend (the last test shows a WebGPU step and a CPU step agree within 2/255), and on SwiftShader a fresh
// page's WebGPU pipelines alone cost more than their whole run on wasm.
test('cancel mid-run returns to idle and the studio can run again', async ({ page }) => {
  // 60 steps: on wasm a step takes a fraction of a second, so a single step's label can come and go between two
  // looks; any step of the 60 shows the run is under way, and the run is far from its end when Cancel lands.
  const underWay = page.getByText(/^step \d+ \/ 60$/);
  await page.goto(await dreamLink(smallDream({ steps: 60 }), '?backend=wasm'));
  await expect(underWay).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('cancel').click();
  await expectStatus(page, 'idle', 60_000);
  await page.getByTestId('run').click(); // and it runs again
  await expectStatus(page, 'running');
  await expect(underWay).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('cancel').click();
  await expectStatus(page, 'idle', 60_000);
});

test('a painted mask travels in the link: only the painted half dreams', async ({ page }) => {
  // One thick vertical stroke over the left third; feathered edge.
  const mask = { feather: 0.02, strokes: [{ size: 0.3, points: [150, 0, 150, 1000] }] };
  await page.goto(await dreamLink(smallDream({ mask }), '?backend=wasm'));
  await expectStatus(page, 'done');
  const result = await canvasPixels(page, '[data-testid="result"]');
  const original = await canvasPixels(page, 'canvas.invisible');
  const columns = (pixels: number[], from: number, to: number) =>
    pixels.filter((_, i) => Math.floor(i / 4) % 128 >= from && Math.floor(i / 4) % 128 < to);
  expect(meanAbsDiff(columns(result, 0, 30), columns(original, 0, 30))).toBeGreaterThan(3);
  const right = columns(result, 80, 128).map((v, i) => Math.abs(v - columns(original, 80, 128)[i]));
  expect(Math.max(...right)).toBeLessThanOrEqual(2);
});

test('painting with the brush records strokes for the next run', async ({ page }) => {
  await page.goto(await dreamLink(smallDream(), '?backend=wasm'));
  await expectStatus(page, 'done');
  await page.getByTestId('paint-mask').click();
  await page.getByTestId('mask-painter').scrollIntoViewIfNeeded();
  await paintStroke(page, [0.2, 0.2], [0.5, 0.6]);
  await expect(page.getByText('clear (1)')).toBeVisible();
  await expect(page.getByText('Only painted areas dream')).toBeVisible();
  await page.screenshot({ path: 'test-results/dream-mask.png', fullPage: true });
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  // The address bar is written once the finished recipe is encoded (a moment after "done").
  const made = async () => (await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!)) as DreamRecipe;
  await expect.poll(async () => (await made()).mask?.strokes.length, { timeout: 10_000 }).toBe(1);
  expect((await made()).mask!.strokes[0].points.length).toBeGreaterThanOrEqual(4);
});

test('an upload larger than the working size downloads at its own size; the zoom animation exports an MP4 and a GIF', async ({
  page,
}) => {
  await page.goto(await dreamLink(smallDream({ input: { kind: 'upload', name: 'wide.png' } }), '?backend=wasm'));
  await expect(page.getByText('links cannot carry')).toBeVisible();
  const png = await gradientPng(page, 600, 400, true);
  await page.getByTestId('upload').setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  const result = page.getByTestId('result');
  expect(await result.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([128, 85]);

  const download = page.waitForEvent('download');
  await page.getByTestId('download').click();
  const file = await downloadBytes(download);
  expect(file.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([600, 400]);

  // The zoom's frames at the working size (128 x 85, cut to an even 128 x 84) as an MP4, and as a GIF.
  await page.getByLabel('Zoom frames').fill('4');
  await page.getByTestId('zoom').click();
  await expectStatus(page, 'done');
  const video = await exportedVideo(page, [0, 3], 'test-results/video-dream-zoom.png');
  expect([video.codec?.slice(0, 4), video.width, video.height, video.frames]).toEqual(['avc1', 128, 84, 4]);
  expect(video.duration).toBeCloseTo(4 / 12, 2);
  const lastFrame = (await canvasPixels(page, '[data-testid="zoom-frames"]')).slice(0, 128 * 84 * 4);
  // A dream's pixel-sized colour texture at 128 px comes back 4.6 levels off on average (no bias): H.264 keeps colour
  // at half resolution (4:2:0), and Chromium's encoder (OpenH264) makes nearly the same bytes at a tenfold bitrate.
  // The faces' smooth frames come back within 2.
  const difference = meanAbsDiff(video.pixels[1], lastFrame);
  console.log(`dream zoom MP4 (${video.codec}): the last frame differs from the zoom on screen by ${difference}`);
  expect(difference, 'the last frame is the zoom on screen').toBeLessThan(6);
  expect(meanAbsDiff(video.pixels[0], video.pixels[1]), 'it zooms').toBeGreaterThan(5);
  const gifDownload = page.waitForEvent('download');
  await page.getByTestId('video-gif').click();
  const gif = await downloadBytes(gifDownload);
  expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect(gif.toString('latin1').split('\x21\xf9\x04').length - 1).toBe(4);

  // The zoom drew in its own canvas: Download still makes the full-size dream of the shown recipe.
  const again = page.waitForEvent('download');
  await page.getByTestId('download').click();
  expect((await downloadBytes(again)).equals(file)).toBe(true);
});

test('changing a control without dreaming changes nothing that is shared: link, saved creation and address remake the picture', async ({
  page,
  browser,
}) => {
  await page.goto(await dreamLink(smallDream(), '?backend=wasm')); // SwiftShader compiles cost minutes per fresh context
  await expectStatus(page, 'done');
  const onScreen = await canvasPixels(page, '[data-testid="result"]');
  await page.getByRole('slider', { name: /Steps per octave/ }).press('End'); // not applied
  await expect(page.getByText(/Settings changed/)).toBeVisible();
  await expectRecipeSnapshot(page, 'dream-settings-changed');
  const { shared, saved, address } = await linksOfShown(page, 'dream');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  expect(meanAbsDiff(onScreen, await pixelsInFreshContext(browser, `/dream?backend=wasm${shared}`))).toBe(0);
});

test('one step on WebGPU and on the CPU backend agree within 2/255', async ({ page }) => {
  const link = async (backend: string) =>
    `/dream?backend=${backend}#r=${(await dreamLink(smallDream({ steps: 1 }))).split('#r=')[1]}`;
  await page.goto(await link('webgpu'));
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expectStatus(page, 'done');
  const gpu = await canvasPixels(page, '[data-testid="result"]');
  const input = await canvasPixels(page, 'canvas.invisible');
  await page.goto('/');
  await page.goto(await link('cpu'));
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  await expectStatus(page, 'done');
  const cpu = await canvasPixels(page, '[data-testid="result"]');
  const worst = gpu.reduce((m, v, i) => (i % 4 === 3 ? m : Math.max(m, Math.abs(v - cpu[i]))), 0);
  console.log(
    `one step, WebGPU vs CPU: worst pixel ${worst}/255, mean ${meanAbsDiff(gpu, cpu).toFixed(4)}; the step itself moved pixels by ${meanAbsDiff(gpu, input).toFixed(2)} on average`,
  );
  expect(meanAbsDiff(gpu, input)).toBeGreaterThan(1);
  expect(worst).toBeLessThanOrEqual(2);
});

test('a panorama at a small working size dreams at the raised size that InceptionV3 needs, says so, and its link records it', async ({
  page,
}) => {
  await page.goto(await dreamLink(smallDream({ input: { kind: 'upload', name: 'panorama.png' } }), '?backend=wasm'));
  const png = await gradientPng(page, 1865, 880, false);
  await page.getByTestId('upload').setInputFiles({ name: 'panorama.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  const [width, height] = await page.getByTestId('result').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  expect(height).toBeGreaterThanOrEqual(75); // 128 x 60 at the asked 128 px
  expect(width).toBeLessThan(170);
  await expect(page.getByText(/working size went up from 128 to \d+ px/)).toBeVisible();
  const made = (await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!)) as DreamRecipe;
  expect(made.size).toBe(width);
});
