import { expect, test } from '@playwright/test';
import { MODELS } from '../../models/registry';
import { STUDIOS } from '../../lib/studio/studios';
import { expectStatus, watchConsole } from './helpers';
import { creationForm, tinyPng } from './server-process';

const ROUTES = ['/', ...STUDIOS.map((s) => s.route), '/about', '/gallery'];

test('every route, a share page and the files they load answer with a strict CSP and cross-origin isolation', async ({
  request,
  baseURL,
}) => {
  const created = await fetch(`${baseURL}/api/creations`, {
    method: 'POST',
    body: await creationForm(77, { output: await tinyPng(77) }),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (const route of [...ROUTES, `/c/${id}`]) {
    const response = await request.get(route);
    expect(response.status(), route).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'];
    expect(csp, route).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/https?:|\*/); // no other origin, no wildcard
    // Cross-origin isolated (the engine's wasm threads need SharedArrayBuffer), and our files embeddable only by us.
    expect(headers['cross-origin-opener-policy'], route).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], route).toBe('require-corp');
    expect(headers['cross-origin-resource-policy'], route).toBe('same-origin');
  }
  // What the pages load under COEP must say CORP too: the engine's wasm binary and a shared creation's image.
  for (const path of ['/tfjs-wasm/4.22.0/tfjs-backend-wasm-simd.wasm', `/api/creations/${id}/files/output`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['cross-origin-resource-policy'], path).toBe('same-origin');
  }
});

test('model weights are served under versioned paths as immutable', async ({ request }) => {
  const response = await request.get('/models/inception-v3/1/model.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('immutable');
});

test('Chromium reports webgpu on the home page and in DeepDream, with no console error', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await page.goto('/dream');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(page.getByTestId('model-status')).toContainText('ready', { timeout: 60_000 });
  await expectStatus(page, 'idle');
  await page.screenshot({ path: 'test-results/dream-idle.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('?backend=cpu forces the CPU backend and says it was chosen', async ({ page }) => {
  await page.goto('/dream?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  await expect(page.getByText('(chosen by ?backend=)')).toBeVisible();
});

test('the about page shows every model card and the data licenses', async ({ page }) => {
  await page.goto('/about');
  for (const m of MODELS) await expect(page.getByRole('heading', { name: m.title, exact: true }), m.id).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Style transfer algorithm' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Training in the browser' })).toBeVisible();
  await expect(page.getByText('nsfwjs@4.3.0').first()).toBeVisible();
  await expect(page.getByText('Non-commercial research use only').first()).toBeVisible();
  await expect(page.getByText('GPL-3.0').first()).toBeVisible();
});
