import { expect, test } from '@playwright/test';
import { dreamLink, expectStatus, smallDream } from './helpers';

test('a corrupted model file gives a readable message, and the page keeps working', async ({ page }) => {
  await page.route('**/models/inception-v3/1/group1-shard2of2.bin', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[1000] ^= 0xff; // one flipped byte
    await route.fulfill({ response, body });
  });
  await page.goto('/dream');
  await expect(page.getByTestId('error')).toContainText('group1-shard2of2.bin is damaged (checksum mismatch');
  await expectStatus(page, 'error');
  await expect(page.getByTestId('run')).toBeDisabled();
  // The rest of the page still responds: presets switch, navigation works.
  await page.getByRole('button', { name: 'Green marble' }).first().click();
  await page.getByRole('link', { name: 'Models & licenses' }).click();
  await expect(page.getByRole('heading', { name: 'Models and licenses' })).toBeVisible();
});

test('a missing model file (404) says which file is missing', async ({ page }) => {
  await page.route('**/models/inception-v3/1/model.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/dream');
  await expect(page.getByTestId('error')).toContainText('the server has no model.json (HTTP 404)');
});

test('an unreadable upload gives a message and the studio keeps its settings and works', async ({ page }) => {
  await page.goto('/dream?size=128');
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is not a picture') });
  await expect(page.getByTestId('error')).toContainText('"notes.png" is not an image we can read');
  await expectStatus(page, 'error');
  // A valid PNG afterwards is accepted and clears the error.
  const png = await page.evaluate(async () => {
    const c = Object.assign(document.createElement('canvas'), { width: 96, height: 80 });
    c.getContext('2d')!.fillRect(0, 0, 40, 40);
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expectStatus(page, 'idle');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByText('Using "square.png"')).toBeVisible();
});

test('an oversized image is refused before decoding', async ({ page }) => {
  await page.goto('/dream');
  // A valid JPEG header announcing 12000 x 6000 = 72 megapixels.
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    6000 >> 8,
    6000 & 255,
    12000 >> 8,
    12000 & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]) });
  await expect(page.getByTestId('error')).toContainText('over the 50 megapixel limit');
});

test('a damaged recipe link gives a readable message and the studio stays usable', async ({ page }) => {
  const link = await dreamLink(smallDream());
  const damaged = link.slice(0, -6) + (link.endsWith('A') ? 'B' : 'A') + link.slice(-5);
  await page.goto(damaged);
  await expect(page.getByTestId('error')).toContainText('This link is damaged');
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await expect(page.getByTestId('run')).toBeEnabled();
});

test('a recipe for another studio, and one for other weights, are explained', async ({ page }) => {
  await page.goto(await dreamLink(smallDream()).then((l) => l.replace('/dream', '/text')));
  await expect(page.getByTestId('error')).toContainText('open it in the dream studio');
  await page.goto(await dreamLink(smallDream({ model: { id: 'inception-v3', fp: '0123456789abcdef' }, size: 1024 })));
  await expect(page.getByText('made with other weights of InceptionV3')).toBeVisible();
  await expect(page.getByText('Press Run when you are ready')).toBeVisible();
  await expectStatus(page, 'idle');
});
