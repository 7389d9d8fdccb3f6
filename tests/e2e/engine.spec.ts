// The run engine holds every tensor (lib/engine/engine.ts) and reports how many it holds after each run, outside any
// tidy. A studio that leaks (an input, a mask, a resized stage image, a writer's state) holds more after every run:
// here each studio runs once to warm up (models loaded), then three more times, and the counts must be equal.
import { expect, type Page, test } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import {
  DIGIT_PIXELS,
  encodeDigit,
  encodeErased,
  encodeLatent,
  type Recipe,
  type StudioId,
} from '../../lib/share/recipe';
import { studioById, STUDIOS } from '../../lib/studio/studios';
import { registryEntry } from '../../models/registry';
import { expectStatus, smallDream, smallStyle } from './helpers';

const ref = (id: string) => modelRefFor(registryEntry(id));

/** Each studio's first run (a link) and the button that runs it again: every studio of the list has one. */
const studios: { [S in StudioId]: [Extract<Recipe, { studio: S }>, string] } = {
  faces: [{ studio: 'faces', v: 1, model: ref('dcgan-faces'), seeds: [1, 2, 3, 4], truncation: 0 }, 'run'],
  latent: [{ studio: 'latent', v: 1, model: ref('vae-mnist-2d'), z: encodeLatent([0.25, -0.5]) }, 'run'],
  text: [
    {
      studio: 'text',
      v: 1,
      model: ref('charrnn-shakespeare'),
      mode: 'text',
      prime: 'ROMEO:\n',
      temperature: 0.8,
      topK: 0,
      topP: 0.95,
      length: 12,
      seed: 5,
    },
    'run',
  ],
  dream: [smallDream({ size: 96, steps: 1 }), 'run'],
  style: [smallStyle({ size: 160, steps: 2, coarseToFine: true }), 'run'],
  denoise: [
    {
      studio: 'denoise',
      v: 1,
      model: ref('vae-mnist-denoise'),
      classifier: ref('digit-cnn'),
      digit: encodeDigit(Array.from({ length: DIGIT_PIXELS }, (_, i) => (i % 28 > 10 && i % 28 < 16 ? 1 : 0))),
      sd: 0.3,
      seed: 1,
      erased: encodeErased(Array.from({ length: DIGIT_PIXELS }, (_, i) => i < DIGIT_PIXELS / 2)),
    },
    'run',
  ],
  lab: [
    {
      studio: 'lab',
      v: 2,
      model: ref('digit-cnn'),
      digit: encodeDigit(Array.from({ length: DIGIT_PIXELS }, (_, i) => (i % 28 > 10 && i % 28 < 16 ? 1 : 0))),
      shows: {
        kind: 'see',
        judge: ref('digit-cnn-b'),
        ...{ target: 3, steps: 3, stepSize: 0.05, jitter: 1, tvWeight: 0, seed: 1 },
        ...{ objective: 'log-probability', decay: 0, start: 'drawing' },
      },
    },
    'run',
  ],
};

/** Counts the times the status turns to done from here on (a run too quick to catch as "running" still counts). */
async function countDones(page: Page) {
  await page.evaluate(() => {
    const status = document.querySelector('[data-testid="status"]')!;
    const w = window as unknown as { dones: number };
    w.dones = 0;
    new MutationObserver(() => status.textContent === 'done' && w.dones++).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

const tensorsHeld = async (page: Page) => Number(await page.getByTestId('tensors').textContent());

for (const { id } of STUDIOS) {
  const [recipe, button] = studios[id];
  test(`${recipe.studio}: the engine holds as many tensors after three more runs as after the first`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.goto(`${studioById(id).route}?backend=wasm#r=${await encodeRecipe(recipe)}`);
    await expectStatus(page, 'done');
    const warm = await tensorsHeld(page);
    expect(warm).toBeGreaterThan(0); // the model's weights, at least
    await countDones(page);
    for (let run = 1; run <= 3; run++) {
      await page.getByTestId(button).click();
      await page.waitForFunction((n) => (window as unknown as { dones: number }).dones >= n, run, { timeout: 200_000 });
    }
    await expectStatus(page, 'done');
    console.log(`${recipe.studio}: ${warm} tensors after the first run, ${await tensorsHeld(page)} after three more`);
    expect(await tensorsHeld(page)).toBe(warm);
  });
}
