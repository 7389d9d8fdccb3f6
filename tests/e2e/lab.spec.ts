// The Lab (app/lab): the digit classifier layer by layer, and "make it see a class". The layers the page shows are
// checked against a forward pass of the same digit in Node (tfjs wasm), from the shipped weights.
import { expect, type Page, test } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { decodeRecipe, recipeTextFromHash } from '../../lib/share/codec';
import { decodeDigit, type LabRecipe } from '../../lib/share/recipe';
import { EXAMPLE_DIGITS } from '../../models/classifier/examples';
import { DigitClassifier } from '../../models/classifier/model';
import { LAYER_NAMES } from '../../models/classifier/settings';
import { startWasmBackend } from '../../models/node/backends';
import { publicModel } from '../../models/node/files';
import { registryEntry } from '../../models/registry';
import { canvasPixels, expectStatus, linksOfShown, meanAbsDiff, pixelsInFreshContext, watchConsole } from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

const SPATIAL = { conv1: 16, pool1: 16, conv2: 32, pool2: 32 } as const;
const probabilityOf = async (page: Page, testId: string, digit: number) =>
  Number(await page.getByTestId(`${testId}-${digit}`).textContent());
const linked = async (page: Page) => (await decodeRecipe(recipeTextFromHash(new URL(page.url()).hash)!)) as LabRecipe;

test('every layer of the opening digit equals a Node forward pass; a conv2 unit shows its 8x8 receptive field and the weighted maps that feed it; the layers follow the pen; a drawn stroke is a 1; "make it see 3" convinces both networks; a rubbed-out, noisy digit comes back closer; links replay both', async ({
  page,
  browser,
}) => {
  const errors = watchConsole(page);
  await page.goto('/lab');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expectStatus(page, 'done');
  await expect(page.getByTestId('layer-pool2')).toBeVisible();

  // The same digit through the shipped weights in Node: each tile is its channel scaled to its own largest value.
  await startWasmBackend();
  const entry = registryEntry('digit-cnn');
  const classifier = new DigitClassifier(publicModel(entry.id, entry.version));
  await classifier.load();
  const opening = (await linkedOrDefault(page)).digit;
  const digit = decodeDigit(opening);
  const x = tf.tensor4d(digit, [1, 28, 28, 1]);
  const layers = classifier.layers(x);
  let worst = 0;
  for (const [name, channels] of Object.entries(SPATIAL) as [keyof typeof SPATIAL, number][]) {
    const values = await layers[name].data();
    for (let k = 0; k < channels; k++) {
      const shown = await canvasPixels(page, `[data-testid="tile-${name}-${k}"]`);
      let top = 0;
      for (let i = k; i < values.length; i += channels) top = Math.max(top, values[i]);
      for (let p = 0; p < values.length / channels; p++) {
        const level = top > 0 ? Math.round((255 * Math.max(0, values[p * channels + k])) / top) : 0;
        worst = Math.max(worst, Math.abs(level - shown[p * 4]));
      }
    }
  }
  expect(worst, 'largest difference of a tile pixel from Node, in levels').toBeLessThanOrEqual(1);
  const probabilities = await tf.softmax(layers.logits).data();
  for (let d = 0; d < 10; d++)
    expect(Math.abs((await probabilityOf(page, 'probabilities', d)) - probabilities[d]), `p(${d})`).toBeLessThanOrEqual(
      1e-3,
    );
  // Every layer has its section on the page, not only the ones compared above.
  for (const name of LAYER_NAMES) await expect(page.getByTestId(`layer-${name}`), name).toBeVisible();
  const conv2Values = await layers.conv2.data();
  tf.dispose([x, ...Object.values(layers)]);

  // Hovering a unit of the second conv layer lights up what it sees on the input: 3x3 over 2x2 pools over 3x3, 8x8 px.
  await page.getByTestId('tile-conv2-0').hover();
  const field = page.getByTestId('receptive-field');
  await expect(field).toHaveAttribute('data-size', '8x8');
  const box = (await field.boundingBox())!;
  expect([Math.round(box.width), Math.round(box.height)], 'eight input pixels of 8 screen px each').toEqual([64, 64]);
  // ... and opens: the 16 pool1 maps that feed it are highlighted, each with the 3x3 weights of the shipped kernel,
  // and bias plus what each map adds is the unit's value before its ReLU.
  await expect(page.locator('[data-testid^="feed-pool1-"]')).toHaveCount(16);
  const kernel = (await classifier.weights('conv2').kernel.data()) as Float32Array;
  for (const c of [0, 7, 15]) {
    const shown = JSON.parse((await page.getByTestId(`weights-${c}`).getAttribute('data-weights'))!) as number[];
    shown.forEach((w, tap) =>
      expect(Math.abs(w - kernel[(tap * 16 + c) * 32]), `weight ${tap} of map ${c}`).toBeLessThan(1e-6),
    );
  }
  const conv2At77 = conv2Values[(7 * 14 + 7) * 32];
  const sum = Number(await page.getByTestId('unit-sum').getAttribute('data-sum'));
  expect(Math.abs(Math.max(0, sum) - conv2At77), 'ReLU(bias + the maps) is the unit Node computes').toBeLessThan(1e-4);
  await page.screenshot({ path: 'test-results/lab-layers.png', fullPage: true });
  await page.mouse.move(0, 0);
  classifier.dispose();

  // A vertical stroke drawn on the pad is a 1.
  await page.getByTestId('draw-pad').scrollIntoViewIfNeeded();
  const pad = (await page.getByTestId('draw-pad').boundingBox())!;
  const openingTile = await canvasPixels(page, '[data-testid="tile-conv1-0"]');
  const openingHash = new URL(page.url()).hash;
  await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.15);
  await page.mouse.down();
  for (let t = 1; t <= 10; t++) await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * (0.15 + 0.07 * t));
  // While the pen is down the layers follow the drawing (once per frame), and nothing is shared yet.
  await expect
    .poll(async () => meanAbsDiff(await canvasPixels(page, '[data-testid="tile-conv1-0"]'), openingTile), {
      timeout: 30_000,
    })
    .toBeGreaterThan(1);
  expect(new URL(page.url()).hash).toBe(openingHash);
  await page.mouse.up();
  await expectStatus(page, 'done');
  await expect.poll(() => linked(page).then((r) => r.digit), 'the link holds the drawn digit').not.toBe(opening);
  const drawn = await canvasPixels(page, '[data-testid="result"]');
  const ps = await Promise.all(Array.from({ length: 10 }, (_, d) => probabilityOf(page, 'probabilities', d)));
  expect(ps.indexOf(Math.max(...ps)), 'the top class of a drawn vertical stroke').toBe(1);
  expect(ps[3]).toBeLessThan(0.2);

  // Make it see 3: the pixels change until this network is sure, and the other seed agrees.
  await page.getByTestId('target-3').click();
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  expect(await probabilityOf(page, 'seen', 3)).toBeGreaterThanOrEqual(0.9);
  expect(await probabilityOf(page, 'judged', 3), 'the other classifier sees a 3 too').toBeGreaterThanOrEqual(0.5);
  const made = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(made, drawn)).toBeGreaterThan(10);
  expect((await linked(page)).shows).toMatchObject({ kind: 'see', target: 3 });
  await expectRecipeSnapshot(page, 'lab-see');
  await page.screenshot({ path: 'test-results/lab-see.png', fullPage: true });
  expect(await pixelsInFreshContext(browser, page.url())).toEqual(made);

  // Denoising: strokes rubbed out by hand and noise added; the autoencoder's digit is closer to the drawn one than
  // the damaged one is, and the link remakes both.
  await page.getByTestId('erase-pad').scrollIntoViewIfNeeded();
  const pad2 = (await page.getByTestId('erase-pad').boundingBox())!;
  await page.mouse.move(pad2.x + pad2.width * 0.3, pad2.y + pad2.height * 0.45);
  await page.mouse.down();
  await page.mouse.move(pad2.x + pad2.width * 0.7, pad2.y + pad2.height * 0.45, { steps: 8 });
  await page.mouse.up();
  expect(Number((await page.getByTestId('erased-count').textContent())!.split(' ')[0])).toBeGreaterThanOrEqual(40);
  await page.getByTestId('denoise').click();
  await expectStatus(page, 'done');
  await expect(page.getByTestId('cleaned')).toBeVisible();
  const clean = await canvasPixels(page, '[data-testid="result"]');
  expect(meanAbsDiff(clean, drawn), 'the drawn digit is shown beside its denoising').toBe(0);
  const squaredError = (a: number[]) =>
    a.reduce((sum, v, i) => sum + (i % 4 === 0 ? (v - clean[i]) ** 2 : 0), 0) / (28 * 28);
  const [noisy, cleaned] = [
    await canvasPixels(page, '[data-testid="noisy"]'),
    await canvasPixels(page, '[data-testid="cleaned"]'),
  ];
  console.log(
    `denoising: mean squared error ${squaredError(noisy).toFixed(0)} erased and noisy, ${squaredError(cleaned).toFixed(0)} cleaned (levels squared)`,
  );
  expect(squaredError(cleaned)).toBeLessThan(squaredError(noisy));
  await expect.poll(async () => (await linked(page)).shows).toMatchObject({ kind: 'denoise', sd: 0.3 });
  await expectRecipeSnapshot(page, 'lab-denoise');
  await page.screenshot({ path: 'test-results/lab-denoise.png', fullPage: true });
  const { shared, saved, address } = await linksOfShown(page, 'lab');
  expect([saved, address]).toEqual([shared, shared]);
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(`/lab${shared}`);
  await expectStatus(fresh, 'done');
  expect(await canvasPixels(fresh, '[data-testid="cleaned"]')).toEqual(cleaned);
  expect(await canvasPixels(fresh, '[data-testid="noisy"]')).toEqual(noisy);
  await fresh.context().close();

  // Or pick a digit: MNIST's 7 is read as a 7, and the link holds it.
  await page.getByTestId('example-7').click();
  await expectStatus(page, 'done');
  await expect.poll(async () => (await linked(page)).digit).toBe(EXAMPLE_DIGITS[7]);
  await expectRecipeSnapshot(page, 'lab-example-7');
  const picked = await Promise.all(Array.from({ length: 10 }, (_, d) => probabilityOf(page, 'probabilities', d)));
  expect(picked.indexOf(Math.max(...picked))).toBe(7);
  expect(errors).toEqual([]);
});

/** The recipe of what is on screen: the link's once the page wrote one, else the opening digit's. */
async function linkedOrDefault(page: Page): Promise<LabRecipe> {
  await expect.poll(() => new URL(page.url()).hash.length).toBeGreaterThan(0);
  return linked(page);
}
