// With the engine in a Worker the page keeps answering while a network computes: Pause takes effect at the next
// step, a click elsewhere updates the page in the middle of a step, and a crashed engine is replaced.
import { expect, type Page, test } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import { registryEntry } from '../../models/registry';
import { dreamLink, expectStatus, smallDream } from './helpers';

/** The step counter beside the status ("step 3 / 6"), or 0 before the first frame. */
async function stepShown(page: Page): Promise<number> {
  const text =
    (await page
      .getByText(/^step \d+ \/ \d+$/)
      .textContent({ timeout: 1000 })
      .catch(() => null)) ?? '';
  return Number(/step (\d+)/.exec(text)?.[1] ?? 0);
}

/** Opens and closes the creations drawer: the page's DOM answers a click, measured from outside the page. */
async function clickAnswered(page: Page): Promise<number> {
  const started = Date.now();
  await page.getByTestId('creations-toggle').click();
  await expect(page.getByText('Export all')).toBeVisible({ timeout: 60_000 });
  const ms = Date.now() - started;
  await page.getByTestId('creations-toggle').click();
  return ms;
}

// Dream steps at 320 px on wasm take a second or more each here: long enough to click inside one.
const slowDream = smallDream({ size: 320, steps: 8 });

test('while a dream runs on wasm, a click updates the page within a step, and Pause holds it before the next step ends', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(await dreamLink(slowDream, '?backend=wasm'));
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect.poll(() => stepShown(page), { timeout: 200_000 }).toBeGreaterThanOrEqual(1);
  // Right after a step is shown, so the click falls inside the next one.
  const shown = await stepShown(page);
  await expect.poll(() => stepShown(page), { intervals: [20], timeout: 60_000 }).toBeGreaterThan(shown);
  const before = await stepShown(page);
  const ms = await clickAnswered(page);
  expect(await stepShown(page), `the click took ${ms} ms and the dream moved on a step meanwhile`).toBe(before);
  console.log(`a click answered in ${ms} ms during dream step ${before + 1}`);
  await page.getByTestId('pause').click();
  await expectStatus(page, 'paused');
  // The step in flight finishes and is shown; the next one never starts.
  const atPause = await stepShown(page);
  await page.waitForTimeout(4000); // longer than a step
  const held = await stepShown(page);
  expect(held).toBeLessThanOrEqual(atPause + 1);
  await page.waitForTimeout(3000);
  expect(await stepShown(page)).toBe(held);
  await page.getByTestId('resume').click();
  await expectStatus(page, 'done');
});

test('while text streams on wasm, a click updates the page, and Pause stops the text within one flush', async ({
  page,
}) => {
  test.setTimeout(200_000);
  const recipe = {
    studio: 'text',
    v: 1,
    model: modelRefFor(registryEntry('charrnn-shakespeare')),
    mode: 'text',
    prime: 'ROMEO:\n',
    temperature: 0.8,
    topK: 0,
    topP: 0.95,
    length: 2000,
    seed: 3,
  } as const;
  await page.goto(`/text?backend=wasm#r=${await encodeRecipe(recipe)}`);
  const written = async () => ((await page.getByTestId('result').textContent()) ?? '').replace('▌', '').length;
  await expect.poll(written, { timeout: 120_000 }).toBeGreaterThan(40);
  await clickAnswered(page);
  await page.getByTestId('pause').click();
  await expectStatus(page, 'paused');
  const atPause = await written();
  await page.waitForTimeout(1500);
  expect((await written()) - atPause).toBeLessThanOrEqual(3); // one flush is 3 characters
  await page.getByTestId('cancel').click();
  await expectStatus(page, 'idle');
});

test('an engine that crashes mid-run gives a readable error, and the next run works', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(await dreamLink(smallDream({ size: 128, steps: 4 }), '?backend=wasm'));
  await expect.poll(() => stepShown(page), { timeout: 200_000 }).toBeGreaterThanOrEqual(1);
  const engine = page.workers()[0];
  await engine.evaluate(() =>
    setTimeout(() => {
      throw new Error('test hook: the engine crashes');
    }),
  );
  await expectStatus(page, 'error');
  await expect(page.getByTestId('error')).toContainText('The engine stopped');
  await expect(page.getByTestId('error')).toContainText('run again');
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
});

test('a GPU device lost mid-run moves the engine to the next backend, the badge says why, and the next run works there', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(await dreamLink(smallDream({ size: 128, steps: 4 })));
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect.poll(() => stepShown(page), { timeout: 200_000 }).toBeGreaterThanOrEqual(1);
  await page
    .workers()[0]
    .evaluate(() =>
      (self as unknown as { _tfengine: { backend: { device: GPUDevice } } })._tfengine.backend.device.destroy(),
    );
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await expect(page.getByTestId('backend-lost')).toContainText('The GPU device was lost');
  await expect(page.getByTestId('backend-reason')).toContainText('the GPU device was lost');
  await expectStatus(page, 'error');
  await expect(page.getByTestId('error')).toContainText('moved to webgl');
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
});
