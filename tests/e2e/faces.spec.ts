import { expect, test } from '@playwright/test';
import { decodeRecipe, encodeRecipe } from '../../lib/share/codec';
import { type FacesRecipe, MAX_FACE_PULL } from '../../lib/share/recipe';
import { DEFAULT_FACE_CANDIDATES } from '../../models/dcgan-faces/latent';
import { exportedVideo, expectWalkRemade, expectWalkVideo, FACES_WALK } from './video';
import { modelRefFor } from '../../lib/share/model-ref';
import { registryEntry } from '../../models/registry';
import {
  canvasPixels,
  downloadBytes,
  expectStatus,
  linksOfShown,
  meanAbsDiff,
  pixelsInFreshContext,
  watchConsole,
} from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

const facesLink = async () =>
  `/faces#r=${await encodeRecipe({ studio: 'faces', v: 1, model: modelRefFor(registryEntry('dcgan-faces')), seeds: Array.from({ length: 16 }, (_, i) => 100 + i), truncation: 0 })}`;

test('a recipe link renders 16 faces to done, identical pixels on a second open', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(await facesLink());
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expectStatus(page, 'done');
  const first = await canvasPixels(page, '[data-testid="result"]');
  expect(first.length).toBe((4 * 132 + 4) ** 2 * 4); // 4 x 4 faces at 128 px with gutters
  await page.screenshot({ path: 'test-results/faces-grid.png', fullPage: true });
  await page.goto('/');
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  expect(meanAbsDiff(first, await canvasPixels(page, '[data-testid="result"]'))).toBe(0);
  expect(errors).toEqual([]);
});

test("a new grid shows the judge's choice of each seed's candidates; its link replays the choice without the judge, and arithmetic starts from the faces on screen", async ({
  page,
  browser,
}) => {
  await page.goto('/faces?backend=wasm');
  await expectStatus(page, 'done');
  // The address bar takes the recipe on screen just after the run is done (it is encoded asynchronously).
  await expect.poll(() => page.url()).toContain('#r=');
  const address = (await decodeRecipe(page.url().split('#r=')[1])) as FacesRecipe;
  expect(address.k).toBe(DEFAULT_FACE_CANDIDATES);
  expect(address.judge).toEqual(modelRefFor(registryEntry('dcgan-faces-judge')));
  expect(address.chosen).toHaveLength(address.seeds.length);
  expect(address.chosen!.some((c) => c > 0)).toBe(true); // the judge passed over some seeds' first faces
  const grid = await canvasPixels(page, '[data-testid="result"]');

  // A fresh page given the link draws the same faces and never fetches the judge: the choice is in the link.
  const fresh = await (await browser.newContext()).newPage();
  const judgeFiles: string[] = [];
  fresh.on('request', (r) => r.url().includes('/models/dcgan-faces-judge/') && judgeFiles.push(r.url()));
  await fresh.goto(`/faces?backend=wasm${new URL(page.url()).hash}`);
  await expectStatus(fresh, 'done');
  expect(meanAbsDiff(grid, await canvasPixels(fresh, '[data-testid="result"]'))).toBe(0);
  expect(judgeFiles).toEqual([]);
  await fresh.context().close();

  // A - B + C from three picks: A, B and C come back as the chosen faces on screen (their latents as float16).
  const result = page.getByTestId('result');
  const cell = (await result.boundingBox())!.width / 4;
  for (const x of [0.5, 1.5, 2.5]) await result.click({ position: { x: cell * x, y: cell * 0.5 } });
  await page.getByTestId('arithmetic').click();
  await expectStatus(page, 'done');
  const row = await canvasPixels(page, '[data-testid="result"]');
  /** Face i of a grid `columns` wide (128 px cells, 4 px gutters), as RGBA. */
  const face = (pixels: number[], columns: number, i: number) =>
    Array.from({ length: 128 }, (_, y) => {
      const from = ((4 + Math.floor(i / columns) * 132 + y) * (columns * 132 + 4) + 4 + (i % columns) * 132) * 4;
      return pixels.slice(from, from + 128 * 4);
    }).flat();
  for (const i of [0, 1, 2]) expect(meanAbsDiff(face(row, 2, i), face(grid, 4, i))).toBeLessThan(2);
});

test('interpolating between two picked faces gives frames that differ from both ends', async ({ page }) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const grid = page.getByTestId('result');
  const box = (await grid.boundingBox())!;
  const cell = box.width / 4;
  await grid.click({ position: { x: cell * 0.5, y: cell * 0.5 } });
  await grid.click({ position: { x: cell * 3.5, y: cell * 3.5 } });
  await page.getByTestId('interpolate').click();
  await expectStatus(page, 'done');
  const strip = await page.getByTestId('interpolation').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const frame = (k: number) => Array.from(ctx.getImageData(4 + k * 132, 4, 128, 128).data);
    return [0, 3, 7].map(frame);
  });
  const [a, mid, b] = strip;
  expect(meanAbsDiff(a, b)).toBeGreaterThan(10);
  expect(meanAbsDiff(mid, a)).toBeGreaterThan(5);
  expect(meanAbsDiff(mid, b)).toBeGreaterThan(5);
});

test("the blend exports as an H.264 MP4 whose frames are the strip's, and as a GIF", async ({ page }) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const grid = page.getByTestId('result');
  const cell = (await grid.boundingBox())!.width / 4;
  await grid.click({ position: { x: cell * 1.5, y: cell * 0.5 } });
  await grid.click({ position: { x: cell * 2.5, y: cell * 2.5 } });
  await page.getByTestId('interpolate').click();
  await expectStatus(page, 'done');
  const video = await exportedVideo(page, [0, 7, 13], 'test-results/video-faces-blend.png');
  await expect(page.getByTestId('video-done')).toContainText('H.264');
  await page.getByTestId('video-panel').screenshot({ path: 'test-results/video-export-done.png' });
  // 14 frames at 8 a second (8 there, 6 back), 128 px: the first is A, the middle B, the last the second of A -> B.
  expect([video.codec?.slice(0, 4), video.width, video.height, video.frames]).toEqual(['avc1', 128, 128, 14]);
  expect(video.duration).toBeCloseTo(14 / 8, 2);
  const strip = await page.getByTestId('interpolation').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    return [0, 7, 1].map((k) => Array.from(ctx.getImageData(4 + k * 132, 4, 128, 128).data));
  });
  const differences = video.pixels.map((frame, i) => meanAbsDiff(frame, strip[i]));
  console.log(`faces blend MP4 (${video.codec}): frames 0, 7, 13 differ from the strip by ${differences.join(', ')}`);
  for (const [i, difference] of differences.entries()) expect(difference, `frame ${[0, 7, 13][i]}`).toBeLessThan(4);
  expect(meanAbsDiff(video.pixels[0], video.pixels[1]), 'A and B differ').toBeGreaterThan(10);

  const gifDownload = page.waitForEvent('download');
  await page.getByTestId('video-gif').click();
  const gif = await downloadBytes(gifDownload);
  expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect(gif.readUInt16LE(6)).toBe(128);
  // 14 frames: one graphic control block each.
  expect(gif.toString('latin1').split('\x21\xf9\x04').length - 1).toBe(14);
});

test('moving the pull toward good faces without redrawing changes nothing that is shared; Redraw applies it, and its link remakes the pulled faces', async ({
  page,
  browser,
}) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const onScreen = await canvasPixels(page, '[data-testid="result"]');
  await page.getByRole('slider', { name: /Toward good faces/ }).press('End'); // the most pull, not applied
  await expectRecipeSnapshot(page, 'faces-pull-moved');
  const { shared, saved, address } = await linksOfShown(page, 'faces');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  expect(meanAbsDiff(onScreen, await pixelsInFreshContext(browser, `/faces${shared}`))).toBe(0);
  await expect(page.getByText(/Settings changed/)).toBeVisible();

  // Redraw: the same seeds' faces (the link has no judge), pulled as far as the slider goes.
  await page.getByTestId('redraw').click();
  await expectStatus(page, 'done');
  await expect
    .poll(async () => ((await decodeRecipe(page.url().split('#r=')[1])) as FacesRecipe).pull)
    .toBe(MAX_FACE_PULL);
  const pulled = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(onScreen, pulled), 'the pulled faces differ').toBeGreaterThan(5);
  expect(meanAbsDiff(pulled, await pixelsInFreshContext(browser, `/faces${new URL(page.url()).hash}`))).toBe(0);
});

test('after A − B + C and a pull move, the shared link still remakes the arithmetic on screen', async ({
  page,
  browser,
}) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const grid = page.getByTestId('result');
  const cell = (await grid.boundingBox())!.width / 4;
  for (const [x, y] of [
    [0.5, 0.5],
    [1.5, 0.5],
    [2.5, 0.5],
  ])
    await grid.click({ position: { x: cell * x, y: cell * y } });
  await page.getByTestId('arithmetic').click();
  await expectStatus(page, 'done');
  const onScreen = await canvasPixels(page, '[data-testid="result"]');
  expect(onScreen.length).toBe((2 * 132 + 4) ** 2 * 4); // A, B, C and the result
  await page.getByRole('slider', { name: /Toward good faces/ }).press('End'); // not applied: the arithmetic stays
  await expectRecipeSnapshot(page, 'faces-arithmetic');
  const { shared, saved, address } = await linksOfShown(page, 'faces');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  expect(meanAbsDiff(onScreen, await pixelsInFreshContext(browser, `/faces${shared}`))).toBe(0);
});

test('a damaged link shows its error alone: no faces drawn, and the address keeps the link', async ({ page }) => {
  const damaged = `${await facesLink()}`.slice(0, -6);
  await page.goto(damaged);
  await expectStatus(page, 'error');
  await expect(page.getByTestId('error')).toBeVisible();
  await page.waitForTimeout(3_000); // the model has loaded by now: nothing may be drawn after the error
  await expectStatus(page, 'error');
  expect(await page.getByTestId('result').evaluate((c: HTMLCanvasElement) => c.width)).toBe(1);
  expect(new URL(page.url()).hash).toBe(new URL(damaged, 'http://x').hash);
});

test('a walk set to a tune exports with the tune as its sound, and its link remakes the same frames and tune', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const link = `/faces?backend=wasm#r=${await encodeRecipe(FACES_WALK)}`;
  await page.goto(link);
  await expectStatus(page, 'done');
  await expect(page.getByTestId('walk-length')).toContainText('72 frames, 6.0 s');
  await page.getByTestId('walk-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/faces-walk.png', fullPage: true });
  const video = await exportedVideo(page, [0, 36], 'test-results/video-faces-walk.png');
  expect([video.codec?.slice(0, 4), video.width, video.frames]).toEqual(['avc1', 128, 72]);
  await expectWalkVideo(page, video, 'faces walk');
  // A new tune from the tune network, ready to walk to.
  await page.getByTestId('walk-write').click();
  await expect(page.getByTestId('walk-tune')).toHaveValue(/^X: 1\nT:[^]*\nK:/, { timeout: 60_000 });

  await expectWalkRemade(browser, link, video, 'test-results/video-faces-walk-fresh.png');
});
