// The Lab's "what a channel looks for" (models/featurevis/featurevis.ts), on wasm (what it checks does not depend on
// the backend; SwiftShader's WebGPU gradient through InceptionV3 is minutes). The pictures are judged in Node by
// the same network: each one must raise its own channel, and more than the other picture does.
import { expect, test } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { decodeRecipe, encodeRecipe, recipeTextFromHash } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import { encodeDigit, type LabRecipe } from '../../lib/share/recipe';
import { channelMean, imageOf, pyramidOf } from '../../models/featurevis/featurevis';
import { FEATURE_VIS_DEFAULTS } from '../../models/featurevis/settings';
import { InceptionV3 } from '../../models/inception-v3/model';
import { startWasmBackend } from '../../models/node/backends';
import { publicModel } from '../../models/node/files';
import { registryEntry } from '../../models/registry';
import { canvasPixels, expectStatus, meanAbsDiff, watchConsole } from './helpers';

const SIZE = 96;
const feature = (channel: number) => ({
  model: modelRefFor(registryEntry('inception-v3')),
  layer: 'mixed3' as const,
  channel,
  ...FEATURE_VIS_DEFAULTS,
  size: SIZE,
  steps: 24,
  seed: 1,
});
const recipe = (channel: number): LabRecipe => ({
  studio: 'lab',
  v: 2,
  model: modelRefFor(registryEntry('digit-cnn')),
  digit: encodeDigit(new Float32Array(784)),
  shows: { kind: 'feature', ...feature(channel) },
});
const link = async (channel: number) => `/lab?backend=wasm#r=${await encodeRecipe(recipe(channel))}`;

test('a mixed3 channel picture raises its channel 5x over the starting noise, two channels prefer their own pictures, the grid fills in and is kept, and a channel opens in /dream', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await startWasmBackend();
  const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
  await net.load();
  /** The canvas's RGB pixels as the image [1, SIZE, SIZE, 3] in [0, 255]. */
  const imageOnScreen = async () =>
    tf.tensor4d(Float32Array.from((await canvasPixels(page, '[data-testid="result"]')).filter((_, i) => i % 4 !== 3)), [
      1,
      SIZE,
      SIZE,
      3,
    ]);
  const on = (image: tf.Tensor4D, channel: number) =>
    tf.tidy(() => channelMean(net, image, 'mixed3', channel).dataSync()[0]);

  const pictures: tf.Tensor4D[] = [];
  for (const channel of [10, 50]) {
    await page.goto('/');
    await page.goto(await link(channel));
    await expectStatus(page, 'done');
    pictures.push(await imageOnScreen());
    const pyramid = pyramidOf({ ...feature(channel) });
    const noise = imageOf(pyramid, SIZE);
    const [before, after] = [on(noise, channel), on(pictures.at(-1)!, channel)];
    tf.dispose([noise, ...pyramid]);
    console.log(
      `mixed3 channel ${channel}: ${before.toFixed(3)} on the starting noise, ${after.toFixed(3)} on the picture on screen`,
    );
    expect(after, `channel ${channel}`).toBeGreaterThanOrEqual(5 * before);
    const shown = page.getByTestId('activation');
    expect(Number(await shown.getAttribute('data-end'))).toBeGreaterThanOrEqual(
      5 * Number(await shown.getAttribute('data-start')),
    );
  }
  const [ten, fifty] = pictures;
  expect(on(ten, 10), 'channel 10 prefers its own picture').toBeGreaterThan(on(fifty, 10));
  expect(on(fifty, 50), 'channel 50 prefers its own picture').toBeGreaterThan(on(ten, 50));
  expect(
    meanAbsDiff(Array.from(ten.dataSync()), Array.from(fifty.dataSync())),
    'the two pictures differ visibly',
  ).toBeGreaterThan(20);
  tf.dispose(pictures);

  // The channel opens in /dream: the link names the layer and the channel.
  const dream = await page.getByTestId('dream-channel').getAttribute('href');
  expect(await decodeRecipe(recipeTextFromHash(new URL(dream!, 'http://x').hash)!)).toMatchObject({
    studio: 'dream',
    layers: [{ name: 'mixed3', weight: 1 }],
    channel: 50,
  });

  // The grid fills in on this GPU, cell by cell, and what it made is still there after a reload.
  await page.getByTestId('fill-grid').click();
  await expect(page.getByTestId('cell-1')).toHaveAttribute('data-made', 'yes', { timeout: 120_000 });
  await page.getByTestId('stop-grid').click();
  await page.screenshot({ path: 'test-results/lab-channels.png', fullPage: true });
  await page.reload();
  await expectStatus(page, 'done');
  await expect(page.getByTestId('cell-0')).toHaveAttribute('data-made', 'yes');
  await expect(page.getByTestId('cell-1')).toHaveAttribute('data-made', 'yes');
  // A cell opens its channel (at the studio's full size and steps, so the test does not wait for it to end).
  await page.getByTestId('cell-1').click();
  await expectStatus(page, 'running');
  await expect(page.getByText("InceptionV3's mixed3 channel 1 fires hard")).toBeVisible();
  expect(errors).toEqual([]);
  net.dispose();
});
