// Share a creation made from an uploaded photo, open it in a fresh browser, remix it, delete it.
import { expect, test } from '@playwright/test';
import { decodeRecipe, recipeTextFromHash } from '../../lib/share/codec';
import { jpegWithGps, metadataBlocks } from '../support/exif';
import { canvasPixels, dreamLink, expectStatus, smallDream, watchConsole } from './helpers';

test('dream on a photo -> share -> a fresh browser sees the same image and recipe -> remix remakes it -> delete removes it', async ({
  page,
  browser,
  baseURL,
}) => {
  const errors = watchConsole(page);
  const recipe = smallDream({ input: { kind: 'upload', name: 'holiday.jpg' } });
  await page.goto(await dreamLink(recipe));
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(160, 120) });
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  const made = await canvasPixels(page, '[data-testid="result"]');

  await page.getByTestId('share').click();
  await page.getByTestId('share-listed').check();
  await page.getByTestId('share-confirm').click();
  const link = await page.getByTestId('share-link').inputValue({ timeout: 60_000 });
  expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{22}$/);
  const id = link.split('/').pop()!;

  // A stranger: another browser context, with no token and nothing saved.
  const stranger = await (await browser.newContext()).newPage();
  const strangerErrors = watchConsole(stranger);
  await stranger.goto(link);
  await expect(stranger.getByTestId('shared-title')).toHaveText(/Dream on an image/);
  await expect(stranger.getByTestId('delete-shared')).toHaveCount(0);
  const shown = await stranger.getByTestId('shared-output').evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const ctx = Object.assign(document.createElement('canvas'), {
      width: img.naturalWidth,
      height: img.naturalHeight,
    }).getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data);
  });
  expect(shown.length).toBe(made.length);
  expect(
    shown.every((v, i) => v === made[i]),
    "the shared image is the studio's pixels exactly",
  ).toBe(true);
  await expect(stranger.getByTestId('shared-recipe')).toContainText('mixed3');
  await stranger.screenshot({ path: 'test-results/share-page.png', fullPage: true });

  // The recipe is the one that made it, its photo now stored with the creation; the photo lost its GPS.
  const remixHref = (await stranger.getByTestId('remix').getAttribute('href'))!;
  const shared = await decodeRecipe(recipeTextFromHash(remixHref.split('#')[1])!);
  expect(shared).toEqual({ ...recipe, input: { kind: 'shared', creation: id, slot: 0 } });
  const photo = new Uint8Array(await (await fetch(`${baseURL}/api/creations/${id}/files/input-0`)).arrayBuffer());
  expect(metadataBlocks(photo)).toEqual({ exif: false, gps: false });

  await stranger.goto('/gallery');
  await expect(stranger.getByTestId('gallery-item').first()).toBeVisible();
  await stranger.screenshot({ path: 'test-results/gallery.png', fullPage: true });
  await stranger.goto(link);

  // Remix: the studio opens with the recipe, fetches the stored photo and makes the same dream.
  await stranger.getByTestId('remix').click();
  await expect(stranger).toHaveURL(/\/dream#r=/);
  await expectStatus(stranger, 'done');
  const remade = await canvasPixels(stranger, '[data-testid="result"]');
  expect(
    remade.every((v, i) => v === made[i]),
    'the remix makes the same pixels',
  ).toBe(true);

  // The author deletes it; the stranger's link then says it is gone.
  page.on('dialog', (d) => void d.accept());
  await page.goto(link);
  await page.getByTestId('delete-shared').click();
  await expect(page.getByTestId('deleted')).toBeVisible();
  await stranger.goto(link);
  await expect(stranger.getByTestId('share-missing')).toBeVisible();
  expect((await fetch(`${baseURL}/api/creations/${id}/files/output`)).status).toBe(404);
  expect([...errors, ...strangerErrors].filter((e) => !e.includes('404'))).toEqual([]);
});
