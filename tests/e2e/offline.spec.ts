import { expect, test } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
import { expectStatus } from './helpers';
import { FACES_WALK } from './video';

test.use({ serviceWorkers: 'allow' });

test('a second visit works offline: app shell from the service worker, weights from Cache Storage', async ({
  page,
  context,
}) => {
  await page.goto('/dream');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload(); // now controlled: the shell and the studio's code are cached as they load
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'DeepDream' })).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await context.setOffline(false);

  // The engine's Worker and tfjs's wasm binary come from the cache too: the wasm backend starts offline.
  await page.goto('/faces?backend=wasm');
  await expectStatus(page, 'done');
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expectStatus(page, 'done');
  await context.setOffline(false);

  // A second Worker from Turbopack's one bootstrap script (the walk's tune, rendered off the page's thread) runs its
  // own code, not the cached engine's, whose response URL holds the engine's chunk list.
  await page.goto(`/faces?backend=wasm#r=${await encodeRecipe(FACES_WALK)}`);
  await expectStatus(page, 'done');
  await expect(page.getByTestId('walk-length')).toContainText('72 frames, 6.0 s');
});
