import { expect, type Page, test } from '@playwright/test';
import { TUNE_PRIME, TUNE_SAMPLING } from '../../models/charrnn/abc';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import type { TextRecipe } from '../../lib/share/recipe';
import { registryEntry } from '../../models/registry';
import { downloadBytes, expectStatus, linksOfShown, watchConsole } from './helpers';
import { expectRecipeSnapshot } from './recipe-snapshots';

// SwiftShader writes about two characters a second on WebGPU: links here stay short.
const textLink = async (overrides: Partial<TextRecipe> = {}) =>
  `/text#r=${await encodeRecipe({
    studio: 'text',
    v: 1,
    model: modelRefFor(registryEntry('charrnn-shakespeare')),
    mode: 'text',
    prime: 'ROMEO:\n',
    temperature: 0.8,
    topK: 0,
    topP: 0.95,
    length: 16,
    seed: 5,
    ...overrides,
  })}`;

const output = (page: Page) => page.getByTestId('result').textContent();

test('a link writes the same text twice; forcing a character changes what follows, and the branch link replays the branch', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const written: string[] = [];
  const branchAfter = async (rank: number) => {
    await page.goto('/');
    await page.goto(await textLink({ length: 8 }));
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    await expectStatus(page, 'done');
    const before = (await output(page))!;
    expect(before.length).toBe('ROMEO:\n'.length + 8);
    written.push(before);
    const bar = page.getByTestId(`next-char-${rank}`);
    const forced = (await bar.getAttribute('data-char'))!;
    await bar.click();
    await expectStatus(page, 'done');
    const after = (await output(page))!;
    expect(after.slice(0, before.length + 1)).toBe(before + forced);
    return { text: after, continuation: after.slice(before.length + 1), link: page.url() };
  };
  const likeliest = await branchAfter(0);
  const second = await branchAfter(1);
  await expectRecipeSnapshot(page, 'text-branch');
  expect(written[1]).toBe(written[0]); // the same link, the same text
  expect(second.continuation).not.toBe(likeliest.continuation);
  await page.goto('/');
  await page.goto(second.link);
  await expectStatus(page, 'done');
  expect(await output(page)).toBe(second.text);
  expect(errors).toEqual([]);
});

test('music mode renders a generated tune as a staff and starts playback', async ({ page }) => {
  // The headers are primed and the network writes the melody, on wasm: this checks the staff and the sound, which do
  // not depend on the backend (SwiftShader's WebGPU writes about two characters a second).
  const prime = `${TUNE_PRIME}The Test Jig\nM:6/8\nL:1/8\nK:D\n`;
  const link = await textLink({
    model: modelRefFor(registryEntry('charrnn-nottingham')),
    mode: 'music',
    prime,
    ...TUNE_SAMPLING,
    length: 64,
    seed: 19,
  });
  await page.goto(link.replace('/text#', '/text?backend=wasm#'));
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expectStatus(page, 'done');
  expect((await output(page))!.length).toBeGreaterThan(prime.length + 20);
  await expect(page.getByTestId('sheet-music').locator('svg')).toBeVisible();
  await expect(page.getByTestId('sheet-music').locator('.abcjs-staff').first()).toBeAttached();
  await page.screenshot({ path: 'test-results/text-music.png', fullPage: true });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('transport')).toHaveText('started');
  const wav = page.waitForEvent('download');
  await page.getByTestId('download-wav').click();
  expect((await wav).suggestedFilename()).toMatch(/\.wav$/);
  const bytes = await downloadBytes(wav);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
  // 16-bit samples after the 44-byte header: the tune is heard, not silence.
  const samples = new Int16Array(
    bytes.buffer.slice(bytes.byteOffset + 44, bytes.byteOffset + bytes.length - (bytes.length % 2)),
  );
  expect(samples.length).toBeGreaterThan(8000);
  expect(samples.reduce((peak, v) => Math.max(peak, Math.abs(v)), 0)).toBeGreaterThan(1000);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('transport')).toHaveText('stopped');
});

test('on the CPU backend the text streams, Stop ends it within one flush, and the stopped text is what its links replay', async ({
  page,
  browser,
}) => {
  await page.goto((await textLink({ length: 2000 })).replace('/text#', '/text?backend=cpu#'));
  await expect(page.getByTestId('backend')).toHaveText('cpu');
  await expectStatus(page, 'running');
  await expect
    .poll(async () => (await output(page))!.length, { timeout: 60_000 })
    .toBeGreaterThan('ROMEO:\n'.length + 6);
  const first = (await output(page))!.length;
  // it grows while running
  await expect.poll(async () => (await output(page))!.length, { timeout: 30_000 }).toBeGreaterThan(first);
  await page.getByTestId('cancel').click();
  await expectStatus(page, 'idle');
  const atStop = (await output(page))!;
  await page.waitForTimeout(1_000);
  const after = (await output(page))!;
  expect(after.length - atStop.length).toBeLessThanOrEqual(3); // at most one more flush (FLUSH_EVERY)
  expect(after.length).toBeLessThan('ROMEO:\n'.length + 2000);

  await page.getByTestId('seed').fill('99'); // a changed control, not applied
  const { shared, saved, address } = await linksOfShown(page, 'text');
  expect(saved).toBe(shared);
  expect(address).toBe(shared);
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(`/text?backend=cpu${shared}`);
  await expectStatus(fresh, 'done');
  expect(await fresh.getByTestId('result').textContent()).toBe(after);
  await fresh.context().close();
});
