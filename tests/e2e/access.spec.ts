// Every page for people on phones, on keyboards and with screen readers: axe-core finds no serious or critical
// violation on any route (no rule disabled, nothing excluded); at 390 x 844 each studio shows its picture above its
// controls with nothing to scroll sideways and the navigation folded into a menu; one studio runs to done by keyboard.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { decodeRecipe } from '../../lib/share/codec';
import type { FacesRecipe } from '../../lib/share/recipe';
import { STUDIOS } from '../../lib/studio/studios';
import { DEFAULT_FACE_PULL } from '../../models/dcgan-faces/latent';
import { expectStatus } from './helpers';
import { creationForm, tinyPng } from './server-process';

test('axe-core finds no serious or critical violation on any route', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const created = await fetch(`${baseURL}/api/creations`, {
    method: 'POST',
    body: await creationForm(78, { output: await tinyPng(78) }),
  });
  const { id } = (await created.json()) as { id: string };
  const found: string[] = [];
  for (const route of ['/', ...STUDIOS.map((s) => s.route), '/about', '/gallery', `/c/${id}`]) {
    await page.goto(
      route.startsWith('/c/') || !STUDIOS.some((s) => s.route === route) ? route : `${route}?backend=wasm`,
    );
    if (STUDIOS.some((s) => s.route === route)) await expect(page.getByTestId('backend')).toHaveText('wasm');
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
      found.push(`${route}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  // Wide tables and code scroll sideways on a phone: they must still be reachable.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const route of ['/', '/about', '/gallery']) {
    await page.goto(route);
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
      found.push(`${route} at 390 px: ${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  expect(found).toEqual([]);
});

test('on a 390 px phone each studio shows its result above its controls, nothing scrolls sideways, the menu folds', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const studio of STUDIOS) {
    await page.goto(`${studio.route}?backend=wasm`);
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    // Both boxes read at once, until the page's first picture has settled the layout (it can change the result
    // panel's height between two separate reads).
    const resultAboveControls = () =>
      page.evaluate(() => {
        const box = (id: string) => document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return box('result-panel').bottom <= box('controls-panel').top;
      });
    await expect.poll(resultAboveControls, { message: studio.id }).toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${studio.id} scrolls sideways`).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: 'test-results/phone-lab.png' });
  // The navigation is one button high; opened, it lists every studio.
  await page.goto('/');
  const header = (await page.locator('header').boundingBox())!;
  expect(header.height).toBeLessThan(80);
  await page.getByTestId('menu').getByText('Menu').click();
  await page.getByTestId('menu').getByRole('link', { name: STUDIOS[1].nav, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${STUDIOS[1].route}$`));
  // The new page is not hidden under the menu.
  await expect(page.getByTestId('menu').getByRole('link', { name: STUDIOS[1].nav, exact: true })).toBeHidden();
});

test('the faces studio runs to done by keyboard alone: Tab to a slider, arrows to change it, Enter on Run', async ({
  page,
}) => {
  await page.goto('/faces?backend=wasm');
  await expectStatus(page, 'done');
  await expect.poll(() => page.url()).toContain('#r='); // the first grid's link is written
  const pullOf = async () => ((await decodeRecipe(page.url().split('#r=')[1])) as FacesRecipe).pull ?? 0;
  expect(await pullOf()).toBe(DEFAULT_FACE_PULL);
  let moved = false;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return {
        role: e.getAttribute('role') ?? e.getAttribute('type'),
        id: e.dataset.testid,
        outline: getComputedStyle(e).outlineStyle,
      };
    });
    expect(focused.outline, `focus visible on ${JSON.stringify(focused)}`).not.toBe('none');
    if (!moved && focused.role === 'range') {
      await page.keyboard.press('ArrowRight');
      moved = true;
    }
    if (moved && focused.id === 'run') break;
  }
  expect(moved).toBe(true);
  expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('run');
  await page.keyboard.press('Enter');
  // New faces with the pull the arrow key set: the link on screen says so once the run is done.
  await expect.poll(pullOf).toBeCloseTo(DEFAULT_FACE_PULL + 0.05, 9);
  await expectStatus(page, 'done');
});
