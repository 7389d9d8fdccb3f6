// Training your own CharRNN in /text (app/text/own/), on wasm with a 1 x 64 model and 40 KB of text: refused files
// leave the text that was there, the held-out loss falls below the text's unigram entropy (a model that learnt only
// character frequencies cannot), the model writes, Pause, Resume and Stop do what they say, and the model kept in
// IndexedDB goes on training after a reload from the step it stopped at, exports to a file that imports again, writes
// in the studio, and what it wrote, shared, is written again in a fresh browser that downloads the model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadBytes, expectStatus, watchConsole } from './helpers';

const TEXT = ['README.md', 'docs/ARCHITECTURE.md']
  .map((file) => readFileSync(join(__dirname, '..', '..', file), 'utf8'))
  .join('\n')
  .slice(0, 40_000);

test('a 1 x 64 model learns 40 KB of text below its unigram entropy, writes, pauses, resumes, stops, goes on after a reload, and its text shared remakes itself in a fresh browser', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const errors = watchConsole(page);
  await page.goto('/text?backend=wasm');
  await expectStatus(page, 'done');
  await page.getByText('Train your own model on your text').click();
  const file = page.getByLabel('A text file to train on');
  const problem = page.getByTestId('own-text-problem');

  await file.setInputFiles({
    name: 'short.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('too short '.repeat(500)),
  });
  await expect(problem).toContainText('at least 20 KB');
  await page.getByTestId('own-text').fill(TEXT);
  await expect(problem).toHaveCount(0);
  const binary = Buffer.alloc(30_000, 0xff);
  await file.setInputFiles({ name: 'picture.txt', mimeType: 'text/plain', buffer: binary });
  await expect(problem).toContainText('not UTF-8 text');
  await file.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(6_000_000, 'a') });
  await expect(problem).toContainText('6,000 KB; the studio trains on at most 5,000 KB');
  await expect(page.getByTestId('own-text')).toHaveValue(TEXT); // nothing the person had is lost

  // A shipped model to fine-tune brings its shape.
  await page.getByTestId('own-base').selectOption('charrnn-shakespeare');
  await expect(page.getByTestId('own-size')).toContainText('3,336,865 weights');
  await expect(page.getByTestId('own-units')).toBeDisabled();
  await page.getByTestId('own-base').selectOption('');
  await page.getByTestId('own-units').selectOption('64');
  await expect(page.getByTestId('own-size')).toContainText('45,537 weights');
  await page.getByTestId('own-train').click();
  const progress = page.getByTestId('own-progress');
  await expect
    .poll(
      async () =>
        Number(await progress.getAttribute('data-unigram')) - Number(await progress.getAttribute('data-held-out')),
      { timeout: 100_000, intervals: [1000] },
    )
    .toBeGreaterThan(0.2);
  await expect(page.getByTestId('own-sample').first()).not.toBeEmpty();
  console.log(`own model: ${await progress.textContent()}`);

  await page.getByTestId('own-pause').click();
  await expect(page.getByTestId('own-phase')).toHaveText('paused');
  const held = await progress.textContent();
  await page.waitForTimeout(1500);
  expect(await progress.textContent(), 'no step while paused').toBe(held);
  await page.getByTestId('own-resume').click();
  await expect(progress).not.toHaveText(held!);
  await page.getByTestId('own-stop').click();
  await expect(page.getByTestId('own-phase')).toHaveText('done');
  await expect(page.getByTestId('loss-chart')).toBeVisible();
  await page.getByTestId('own-model').screenshot({ path: 'test-results/own-model.png' });
  const stoppedAt = Number(await progress.getAttribute('data-steps'));

  // Kept in the browser: after a reload the model is listed and trains on from its checkpoint, not from zero.
  await page.reload();
  await expectStatus(page, 'done');
  await page.getByText('Train your own model on your text').click();
  await expect(page.getByTestId('my-model')).toHaveCount(1);
  await expect(page.getByTestId('my-model')).toContainText(`${stoppedAt} steps`);
  await page.getByTestId('my-model-train').click();
  // The chart shows the kept reports at once; the first new one comes within a report's 10 steps of the stop.
  await expect
    .poll(async () => Number(await progress.getAttribute('data-steps')), { intervals: [200] })
    .not.toBe(stoppedAt);
  const firstSteps = Number(await progress.getAttribute('data-steps'));
  expect(firstSteps, 'it goes on from the checkpoint').toBeGreaterThan(stoppedAt);
  expect(firstSteps, 'it goes on from the checkpoint').toBeLessThanOrEqual(stoppedAt + 10);
  const goneOn = Number(await progress.getAttribute('data-held-out'));
  expect(goneOn, 'what it learnt is kept').toBeLessThan(Number(await progress.getAttribute('data-unigram')) - 0.2);
  await page.getByTestId('own-stop').click();
  await expect(page.getByTestId('own-phase')).toHaveText('done');

  // Exported to one file, deleted, imported again: listed, without the text it learnt from; a broken file is refused.
  const download = page.waitForEvent('download');
  await page.getByTestId('my-model-export').click();
  const exported = await downloadBytes(download);
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('my-model')).toHaveCount(0);
  const modelFile = page.getByLabel('A model file to import');
  await modelFile.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: exported.subarray(0, 500),
  });
  await expect(page.getByTestId('my-model-problem')).toContainText('not a model file');
  await modelFile.setInputFiles({ name: 'mine.charrnn.json', mimeType: 'application/json', buffer: exported });
  await expect(page.getByTestId('my-model')).toHaveCount(1);
  await expect(page.getByTestId('my-model-train')).toBeDisabled();

  // Written with: the studio writes with the model's file. Shared, the model travels with the text; the link opened
  // in a fresh browser (nothing kept) downloads it from the share page's creation and writes the same text.
  await page.getByTestId('my-model-write').click();
  await expect(page.getByTestId('voice-own')).toContainText('(your model)');
  await expect(page.getByTestId('run')).toBeEnabled();
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  const written = (await page.getByTestId('result').textContent())!;
  await page.screenshot({ path: 'test-results/own-model-writes.png' });
  expect(written.length).toBeGreaterThan(300);
  await page.getByTestId('share').click();
  await page.getByTestId('share-confirm').click();
  const sharePage = await page.getByTestId('share-link').inputValue({ timeout: 30_000 });
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(sharePage);
  await expect(fresh.getByTestId('shared-model')).toContainText('Written by');
  await fresh.screenshot({ path: 'test-results/own-model-share-page.png' });
  const remix = (await fresh.getByTestId('remix').getAttribute('href'))!;
  await fresh.goto(remix.replace('/text#', '/text?backend=wasm#'));
  await expectStatus(fresh, 'done');
  expect(await fresh.getByTestId('result').textContent()).toBe(written);
  await fresh.context().close();
  expect(errors).toEqual([]);
});
