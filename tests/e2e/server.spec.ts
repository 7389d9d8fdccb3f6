// The sharing server on loopback: size limit, concurrency, rate limit, crash durability, metadata
// stripping. The first tests use Playwright's server (write limit raised); the others start their own.
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { encodeRecipe } from '../../lib/share/codec';
import { FIELD } from '../../lib/share/limits';
import { modelRefFor } from '../../lib/share/model-ref';
import { registryEntry } from '../../models/registry';
import { jpegWithGps, metadataBlocks } from '../support/exif';
import { creationForm, startServer, tinyPng } from './server-process';

const post = (base: string, form: FormData, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/creations`, { method: 'POST', body: form, headers });

test('a 20 MB upload gets 413 with a message, and nothing is stored', async ({ baseURL }) => {
  const stored = () => (existsSync('.e2e-data/files') ? readdirSync('.e2e-data/files').length : 0);
  const before = stored();
  const huge = await creationForm(1, { output: Buffer.alloc(20 * 1024 * 1024, 7) });
  const res = await post(baseURL!, huge);
  expect(res.status).toBe(413);
  expect((await res.json()).error).toMatch(/larger than the 16 MB/);
  expect(stored()).toBe(before);
});

test('200 concurrent creations are all stored, readable and byte-identical to what was sent', async ({ baseURL }) => {
  const sent = await Promise.all(Array.from({ length: 200 }, (_, i) => tinyPng(1000 + i)));
  const answers = await Promise.all(
    sent.map(async (png, i) => post(baseURL!, await creationForm(1000 + i, { output: png }))),
  );
  expect(answers.map((r) => r.status)).toEqual(Array(200).fill(201));
  const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
  expect(new Set(ids).size).toBe(200);
  const pixels = async (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();
  for (const [i, id] of ids.entries()) {
    const file = await fetch(`${baseURL}/api/creations/${id}/files/output`);
    expect(file.status).toBe(200);
    expect((await pixels(new Uint8Array(await file.arrayBuffer()))).equals(await pixels(sent[i]))).toBe(true);
  }
});

test('an uploaded JPEG with EXIF GPS tags comes back from the share page without them', async ({ baseURL, page }) => {
  const photo = await jpegWithGps();
  expect(metadataBlocks(photo)).toEqual({ exif: true, gps: true });
  const res = await post(baseURL!, await creationForm(5, { input: photo, output: photo }));
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/c/${id}`);
  for (const testId of ['shared-output', 'shared-input-0']) {
    const src = await page.getByTestId(testId).getAttribute('src');
    const bytes = new Uint8Array(await (await fetch(new URL(src!, baseURL).href)).arrayBuffer());
    expect(metadataBlocks(bytes), testId).toEqual({ exif: false, gps: false });
    expect((await sharp(bytes).metadata()).exif, testId).toBeUndefined();
  }
});

test('shared text is shown as text: markup in it is escaped, never run', async ({ baseURL, page }) => {
  const text = 'ROMEO: <script>window.injected = 1</script><img src=x onerror="window.injected = 2"> & so on';
  const form = new FormData();
  form.set(
    FIELD.recipe,
    await encodeRecipe({
      studio: 'text',
      v: 1,
      model: modelRefFor(registryEntry('charrnn-shakespeare')),
      mode: 'text',
      prime: 'ROMEO:',
      temperature: 0.8,
      topK: 0,
      topP: 1,
      length: 80,
      seed: 3,
    }),
  );
  form.set(FIELD.text, text);
  const res = await post(baseURL!, form);
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/c/${id}`);
  await expect(page.getByTestId('shared-text')).toHaveText(text);
  expect(await page.evaluate(() => (window as { injected?: number }).injected)).toBeUndefined();
  expect(await page.locator('main img[src="x"]').count()).toBe(0);
  expect((await page.request.get('/c/AAAAAAAAAAAAAAAAAAAAAA')).status()).toBe(404);
});

test('the write limit answers 429 with Retry-After, and a forged X-Forwarded-For does not get around it', async () => {
  const dataDir = join('.e2e-data', 'rate-limit');
  rmSync(dataDir, { recursive: true, force: true });
  const server = await startServer(3101, { ATELIER_DATA_DIR: dataDir, ATELIER_RATE_LIMIT: '3/60' });
  try {
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await post(server.url, await creationForm(i), {
            'x-forwarded-for': `10.0.0.${i}`,
            'x-atelier-client': `spoof-${i}`,
          })
        ).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await post(server.url, await creationForm(9));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/Too many requests/);
    expect((await fetch(`${server.url}/api/creations`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});

test('killed at the file write, before and after the commit: every acknowledged creation is complete, no half-written one is listed, orphan files are cleaned', async () => {
  const dataDir = join('.e2e-data', 'durability');
  rmSync(dataDir, { recursive: true, force: true });
  // No grace period: one process, so files no record names are orphans at once (tests/e2e/scale.spec.ts has the
  // sweep among several processes).
  const env = { ATELIER_DATA_DIR: dataDir, ATELIER_SWEEP_GRACE_S: '0' };
  const acknowledged: { id: string; png: Buffer }[] = [];

  const first = await startServer(3102, env);
  for (const seed of [1, 2]) {
    const png = await tinyPng(seed);
    const res = await post(first.url, await creationForm(seed, { listed: true, output: png }));
    expect(res.status).toBe(201);
    acknowledged.push({ id: ((await res.json()) as { id: string }).id, png });
  }
  await first.stop();

  // Each crash leaves one creation's files on disk; which of them may ever be listed depends on the commit.
  const dirs = () => new Set(readdirSync(join(dataDir, 'files')));
  const leftBy: Record<string, string> = {};
  for (const [i, failpoint] of ['after-file-write', 'before-commit', 'after-commit'].entries()) {
    const doomed = await startServer(3102, { ...env, ATELIER_FAILPOINT: failpoint });
    const before = dirs();
    const answer = await post(doomed.url, await creationForm(100 + i, { listed: true })).then(
      (r) => r.status,
      () => 'no answer',
    );
    expect(answer, failpoint).toBe('no answer');
    expect(await doomed.exited, failpoint).toBe('SIGKILL');
    const added = [...dirs()].filter((d) => !before.has(d));
    expect(added.length, `${failpoint} left its files`).toBe(1);
    leftBy[failpoint] = added[0];
  }

  const restarted = await startServer(3102, env);
  try {
    const gallery = (await (await fetch(`${restarted.url}/api/creations`)).json()) as {
      items: { id: string; files: { name: string }[] }[];
    };
    // The two acknowledged ones, and the one committed just before the crash (complete, never acknowledged).
    expect(gallery.items.length).toBe(acknowledged.length + 1);
    for (const item of gallery.items) {
      for (const f of item.files)
        expect(
          (await fetch(`${restarted.url}/api/creations/${item.id}/files/${f.name}`)).status,
          `${item.id}/${f.name}`,
        ).toBe(200);
    }
    for (const { id, png } of acknowledged) {
      const stored = new Uint8Array(
        await (await fetch(`${restarted.url}/api/creations/${id}/files/output`)).arrayBuffer(),
      );
      expect((await sharp(stored).raw().toBuffer()).equals(await sharp(png).raw().toBuffer())).toBe(true);
    }
    expect(gallery.items.map((c) => c.id)).toContain(leftBy['after-commit']);
    // The sweep runs as the store opens, beside the first requests.
    await expect.poll(() => [...dirs()].sort()).toEqual(gallery.items.map((c) => c.id).sort());
    expect(dirs().has(leftBy['after-file-write']) || dirs().has(leftBy['before-commit'])).toBe(false);
  } finally {
    await restarted.stop();
  }
});

/** A request on `agent`'s kept-alive connection: its status and Connection header, or the error that ended it. */
const onConnection = (url: string, agent: Agent, method = 'GET') =>
  new Promise<{ status: number; connection: string | undefined } | { error: string }>((resolve) =>
    httpRequest(url, { agent, method }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
    })
      .on('error', (e) => resolve({ error: e.message }))
      .end(),
  );

test('on SIGTERM a busy kept-alive connection is closed after its response and the server exits 0 at once; TRACE gets 405', async () => {
  const server = await startServer(3104, { ATELIER_DATA_DIR: join('.e2e-data', 'shutdown'), ATELIER_SHUTDOWN_S: '20' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect(await onConnection(`${server.url}/api/health`, agent, 'TRACE')).toMatchObject({ status: 405 });
    // One connection kept busy, request after request, as a proxy's upstream connection is under load.
    let killedAt = 0;
    const after: { ms: number; answer: Awaited<ReturnType<typeof onConnection>> }[] = [];
    for (let i = 0; Date.now() - (killedAt || Date.now()) < 15_000; i++) {
      if (i === 5) {
        server.process.kill('SIGTERM');
        killedAt = Date.now();
      }
      const answer = await onConnection(`${server.url}/api/health`, agent);
      if (killedAt) after.push({ ms: Date.now() - killedAt, answer });
      if ('error' in answer) break;
    }
    // Answers after the signal: at most the request in flight as it came (answered as usual, its connection then
    // closed) and one more with Connection: close; then the connection is gone (the process has stopped listening).
    const answered = after.filter((a) => 'status' in a.answer);
    expect(answered.length).toBeLessThanOrEqual(2);
    for (const a of answered.slice(1)) expect(a.answer).toMatchObject({ connection: 'close' });
    expect('error' in after.at(-1)!.answer).toBe(true);
    expect(after.at(-1)!.ms).toBeLessThan(2_000);
    expect(await server.exited).toBeNull(); // exited by itself, not killed
    expect(server.process.exitCode).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
  } finally {
    agent.destroy();
    await server.stop();
  }
});
