// The camera as an image source (app/_components/CameraCapture.tsx), in Chromium's fake camera: a still dreams to done
// and its dream reopens from My creations; where the camera is refused, the picker says so and the studio goes on.
import { type Browser, chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { canvasPixels, dreamLink, expectStatus, meanAbsDiff, smallDream } from './helpers';

const FAKE_CAMERA = '--use-fake-device-for-media-stream';
const ALLOW_WITHOUT_ASKING = '--use-fake-ui-for-media-stream';
const launch = (...args: string[]) =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });

async function dreamPage(browser: Browser, baseURL: string | undefined) {
  const page = await browser.newPage({ baseURL, serviceWorkers: 'block' });
  await page.goto(await dreamLink(smallDream(), '?backend=wasm'));
  await expectStatus(page, 'done');
  return page;
}

test('a still from the camera dreams to done and reopens from My creations; a refused camera is said and the studio still dreams', async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  const allowed = await launch(FAKE_CAMERA, ALLOW_WITHOUT_ASKING);
  try {
    const page = await dreamPage(allowed, baseURL);
    await page.getByTestId('upload-camera').click();
    await expect(page.getByTestId('upload-camera-shoot')).toBeEnabled({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/camera-preview.png' });
    await page.getByTestId('upload-camera-shoot').click();
    await expect(page.getByText(/Using "camera-.*\.png"/)).toBeVisible();
    await page.getByTestId('run').click();
    await expectStatus(page, 'done');
    const dreamed = await canvasPixels(page, '[data-testid="result"]');
    // The fake camera's 1280 x 720 still, at the working size: a 16:9 dream where the preset's was square.
    const [width, height] = await page.getByTestId('result').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(width / height, `${width} x ${height}`).toBeCloseTo(16 / 9, 1);
    await page.getByTestId('save').click();
    await page.getByTestId('creations-toggle').click();
    // Its link names the still as an upload, which a link cannot carry; this browser keeps the still, so the
    // creation dreams again (on wasm, as it was made) to the same picture.
    const saved = (await page.locator('a[href^="/dream#r="]').first().getAttribute('href'))!;
    await page.goto(saved.replace('/dream#', '/dream?backend=wasm#'));
    await expectStatus(page, 'done');
    expect(meanAbsDiff(dreamed, await canvasPixels(page, '[data-testid="result"]'))).toBe(0);
  } finally {
    await allowed.close();
  }

  const refused = await launch(FAKE_CAMERA);
  try {
    const page = await dreamPage(refused, baseURL);
    await page.getByTestId('upload-camera').click();
    await expect(page.getByTestId('upload-camera-problem')).toContainText('not allowed');
    await page.getByTestId('upload-camera-panel').getByText('Close').click();
    await page.getByTestId('upload-marble').click();
    await page.getByTestId('run').click();
    await expectStatus(page, 'done');
  } finally {
    await refused.close();
  }
});
