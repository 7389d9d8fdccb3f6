import { expect, test } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
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

test('the blend exports as an animated GIF', async ({ page }) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const grid = page.getByTestId('result');
  const cell = (await grid.boundingBox())!.width / 4;
  await grid.click({ position: { x: cell * 1.5, y: cell * 0.5 } });
  await grid.click({ position: { x: cell * 2.5, y: cell * 2.5 } });
  await page.getByTestId('interpolate').click();
  await expectStatus(page, 'done');
  const download = page.waitForEvent('download');
  await page.getByTestId('download-gif').click();
  const gif = await downloadBytes(download);
  expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect(gif.readUInt16LE(6)).toBe(128);
  // 14 frames (8 there, 6 back): one image descriptor (0x2c after a graphic control block) each.
  expect(gif.toString('latin1').split('\x21\xf9\x04').length - 1).toBe(14);
});

test('moving Truncation without redrawing changes nothing that is shared: link, saved creation and address remake the grid on screen', async ({
  page,
  browser,
}) => {
  await page.goto(await facesLink());
  await expectStatus(page, 'done');
  const onScreen = await canvasPixels(page, '[data-testid="result"]');
  await page.getByRole('slider', { name: /Truncation/ }).press('End'); // 2 σ, not applied
  const { shared, saved, address } = await linksOfShown(page, 'faces');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  expect(meanAbsDiff(onScreen, await pixelsInFreshContext(browser, `/faces${shared}`))).toBe(0);
  await expect(page.getByText(/Truncation changed/)).toBeVisible();
});

test('after A − B + C and a Truncation move, the shared link still remakes the arithmetic on screen', async ({
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
  await page.getByRole('slider', { name: /Truncation/ }).press('End'); // not applied: the arithmetic stays on screen
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
