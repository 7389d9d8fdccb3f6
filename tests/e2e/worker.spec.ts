// The engine runs in a Web Worker (lib/engine/worker.ts) on every backend: the page never loads tfjs, the backend
// inside the worker is the one the badge names, and the worker is cross-origin isolated (wasm threads).
import { expect, type Page, test } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import { encodeLatent, type Recipe } from '../../lib/share/recipe';
import { registryEntry } from '../../models/registry';
import { expectStatus, smallDream, smallStyle } from './helpers';

const ref = (id: string) => modelRefFor(registryEntry(id));

const RECIPES: Recipe[] = [
  { studio: 'faces', v: 1, model: ref('dcgan-faces'), seeds: [1, 2, 3, 4], truncation: 0 },
  { studio: 'latent', v: 1, model: ref('vae-mnist-2d'), z: encodeLatent([0.25, -0.5]) },
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
  // The smallest sizes InceptionV3 takes: this checks where a run happens, not what it makes.
  smallDream({ size: 80, steps: 1 }),
  smallStyle({ size: 80 }),
];

/** What the engine's Worker says about itself: its tfjs backend and whether it is cross-origin isolated. */
export async function insideWorker(page: Page) {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const engine = page.workers().find((w) => w.url().includes('/_next/')) ?? page.workers()[0];
  return engine.evaluate(() => {
    const scope = self as unknown as {
      _tfengine?: { backendName: string };
      crossOriginIsolated: boolean;
      document?: unknown;
    };
    return {
      backend: scope._tfengine?.backendName ?? null,
      isolated: scope.crossOriginIsolated,
      worker: scope.document === undefined,
    };
  });
}

for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
  test(`${backend}: every studio runs its recipe to done in the engine's Worker, never on the page`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    // wasm with two threads: its threads start (lib/engine/backend.ts), and the badge counts them.
    const query = backend === 'wasm' ? '&threads=2' : '';
    for (const recipe of RECIPES) {
      await page.goto(`/${recipe.studio}?backend=${backend}${query}#r=${await encodeRecipe(recipe)}`);
      // WebGL compiles a dream's programs before its first step (lib/engine/warm-up.ts), and the page says so.
      const warmsUp = backend === 'webgl' && recipe.studio === 'dream';
      const preparing =
        warmsUp &&
        page
          .getByTestId('preparing')
          .waitFor({ timeout: 120_000 })
          .then(
            () => true,
            () => false,
          );
      await expectStatus(page, 'done');
      if (warmsUp) expect(await preparing, 'the page said "preparing the GPU…" before the first step').toBe(true);
      await expect(page.getByTestId('backend'), recipe.studio).toHaveText(backend);
      await expect(page.getByTestId('engine-where')).toContainText(
        backend === 'wasm' ? 'off the main thread · 2 wasm threads' : 'off the main thread',
      );
      expect(await page.evaluate(() => '_tfengine' in window), `${recipe.studio}: tfjs on the page`).toBe(false);
      expect(await insideWorker(page), recipe.studio).toEqual({ backend, isolated: true, worker: true });
    }
  });
}
