import { type Browser, type Download, expect, type Page } from '@playwright/test';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import type { DreamRecipe, StyleRecipe } from '../../lib/share/recipe';
import { DEFAULT_WEIGHTS } from '../../models/style/weights';
import { registryEntry } from '../../models/registry';

/** Collects console errors and CSP violations; tests assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function expectStatus(page: Page, status: string, timeout = 200_000) {
  await expect(page.getByTestId('status')).toHaveText(status, { timeout });
}

/** A small, quick dream: 128 px, one octave, two steps (SwiftShader is slow). */
export function smallDream(overrides: Partial<DreamRecipe> = {}): DreamRecipe {
  return {
    studio: 'dream',
    v: 1,
    model: modelRefFor(registryEntry('inception-v3')),
    input: { kind: 'preset', id: 'clouds' },
    size: 128,
    layers: [{ name: 'mixed3', weight: 1 }],
    octaves: 1,
    octaveScale: 1.4,
    steps: 2,
    stepSize: 0.02,
    jitter: 4,
    seed: 7,
    ...overrides,
  };
}

/** A quick style transfer: the orbs preset in the brushwork preset's style, 1 step at 128 px unless overridden. */
export function smallStyle(overrides: Partial<StyleRecipe> = {}): StyleRecipe {
  return {
    studio: 'style',
    v: 1,
    model: modelRefFor(registryEntry('inception-v3')),
    content: { kind: 'preset', id: 'orbs' },
    styles: [{ image: { kind: 'preset', id: 'brushwork' }, weight: 1 }],
    size: 128,
    steps: 1,
    contentWeight: DEFAULT_WEIGHTS.contentWeight,
    styleWeight: DEFAULT_WEIGHTS.styleWeight,
    tvWeight: DEFAULT_WEIGHTS.tvWeight,
    learningRate: 6,
    styleScale: 1,
    coarseToFine: false,
    preserveColor: 'none',
    init: 'content',
    seed: 1,
    ...overrides,
  };
}

export const dreamLink = async (recipe: DreamRecipe, query = '') => `/dream${query}#r=${await encodeRecipe(recipe)}`;

/** RGBA bytes of a canvas on the page, by test id or selector. */
export async function canvasPixels(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluate((c: HTMLCanvasElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.canvas.width = c.width;
    ctx.canvas.height = c.height;
    ctx.drawImage(c, 0, 0);
    return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
  });
}

export function meanAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error(`sizes differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs(a[i] - b[i]);
  return sum / ((a.length / 4) * 3);
}

/** The bytes of a finished download. */
export async function downloadBytes(download: Promise<Download>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** One brush stroke with the mouse over the mask painter, between two points given as fractions of its box. */
export async function paintStroke(page: Page, [x0, y0]: [number, number], [x1, y1]: [number, number]) {
  const box = (await page.getByTestId('mask-painter').boundingBox())!;
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps: 8 });
  await page.mouse.up();
}

/** Share → link, Save → the saved creation's link, and the address bar: each must name the recipe on screen. */
export async function linksOfShown(page: Page, studio: string) {
  await page.getByTestId('share').click();
  await page.getByTestId('share-confirm').click();
  const shared = await page.getByTestId('share-link').inputValue({ timeout: 30_000 });
  await page.getByTestId('save').click();
  await page.getByTestId('creations-toggle').click();
  const saved = await page.locator(`a[href^="/${studio}#r="]`).first().getAttribute('href');
  return { shared: new URL(shared).hash, saved: new URL(saved!, 'http://x').hash, address: new URL(page.url()).hash };
}

/** A fresh browser context (nothing saved, nothing cached) opens the link: the pixels of its result. */
export async function pixelsInFreshContext(browser: Browser, url: string) {
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await expectStatus(fresh, 'done');
  const pixels = await canvasPixels(fresh, '[data-testid="result"]');
  await fresh.context().close();
  return pixels;
}

/** A PNG made in the page: a diagonal gradient of width x height, with a white disc in the middle when asked. */
export async function gradientPng(page: Page, width: number, height: number, disc: boolean): Promise<Buffer> {
  const base64 = await page.evaluate(
    ([w, h, withDisc]) => {
      const c = Object.assign(document.createElement('canvas'), { width: w, height: h });
      const ctx = c.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, '#204060');
      g.addColorStop(1, '#e0a040');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      if (withDisc) {
        ctx.fillStyle = '#fff';
        ctx.beginPath();
        ctx.arc(w / 2, h / 2, Math.min(w, h) * 0.225, 0, 7);
        ctx.fill();
      }
      return c.toDataURL('image/png').split(',')[1];
    },
    [width, height, disc] as const,
  );
  return Buffer.from(base64, 'base64');
}
