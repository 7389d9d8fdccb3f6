// Sharing at scale: three server processes (server.mjs on the built app) on one PostgreSQL database and one
// S3-compatible bucket (a throwaway cluster and s3rver, tests/support/), as behind a load balancer. No browser:
// the clients are this test, each with its own X-Forwarded-For (one trusted proxy).
import { expect, test } from '@playwright/test';
import { request } from 'node:http';
import pg from 'pg';
import sharp from 'sharp';
import { s3BlobStore } from '../../server/s3';
import { freePort, postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres';
import { startFaultProxy } from '../support/fault-proxy';
import { startS3, TEST_S3_CREDENTIALS, type TestS3 } from '../support/s3';
import { creationForm, type ServerProcess, startServer, tinyPng } from './server-process';

const skip = postgresUnavailable();
test.skip(skip !== null, `PostgreSQL cannot be started here: ${skip}`);
test.describe.configure({ mode: 'serial' });

let postgres: TestPostgres;
let s3: TestS3;
test.beforeAll(async () => {
  [postgres, s3] = await Promise.all([startPostgres(), startS3(['scale', 'crash', 'graceful', 'health'])]);
});
test.afterAll(async () => {
  await Promise.all([postgres?.stop(), s3?.stop()]);
});

/** The settings of every process of one deployment: its database and bucket, behind one trusted proxy. */
async function deployment(name: string, extra: Record<string, string> = {}) {
  return {
    ATELIER_DATABASE_URL: await postgres.database(name),
    ...s3.env(name),
    ATELIER_TRUSTED_PROXIES: '1',
    ATELIER_DATA_DIR: `.e2e-data/${name}`,
    ...extra,
  };
}

const startAll = async (count: number, env: Record<string, string>) =>
  Promise.all(Array.from({ length: count }, async () => startServer(await freePort(), env)));
const stopAll = (servers: ServerProcess[]) => Promise.all(servers.map((s) => s.stop()));
const post = (server: ServerProcess, form: FormData, client: string) =>
  fetch(`${server.url}/api/creations`, { method: 'POST', body: form, headers: { 'x-forwarded-for': client } });
const pixels = (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();
const fileOf = async (server: ServerProcess, id: string, name = 'output') => {
  const res = await fetch(`${server.url}/api/creations/${id}/files/${name}`);
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : res.status;
};

test('300 creations posted round-robin to three processes are all stored once and read back byte-identical from every process; the write limit is one budget across them', async () => {
  const servers = await startAll(3, await deployment('scale'));
  try {
    for (const server of servers)
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, database: true, files: true });
    const sent = await Promise.all(Array.from({ length: 300 }, (_, i) => tinyPng(2000 + i)));
    const answers = await Promise.all(
      sent.map(async (png, i) =>
        post(servers[i % 3], await creationForm(2000 + i, { output: png }), `10.1.${i >> 8}.${i & 255}`),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(300).fill(201));
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(300);
    for (const [i, id] of ids.entries()) {
      const copies = await Promise.all(servers.map((server) => fileOf(server, id)));
      for (const copy of copies) expect(copy).toEqual(copies[0]);
      expect((await pixels(copies[0] as Uint8Array)).equals(await pixels(sent[i])), `creation ${i}`).toBe(true);
    }

    // One client, 40 writes spread over the three processes: 30 in total go through (the limit is 30 a minute).
    const statuses = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await post(servers[i % 3], await creationForm(3000 + i), '10.9.9.9')).status);
    expect(statuses.filter((s) => s === 201).length).toBe(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    expect(
      (await post(servers[0], await creationForm(3100), '10.9.9.10')).status,
      'another client has its own budget',
    ).toBe(201);
  } finally {
    await stopAll(servers);
  }
});

test('a process killed at each failpoint loses nothing acknowledged while the others serve; after the grace period no object is orphaned or missing', async () => {
  // A short grace period and sweep interval, so the test sees the sweep (an hour and ten minutes by default).
  const env = await deployment('crash', { ATELIER_SWEEP_GRACE_S: '2', ATELIER_SWEEP_EVERY_S: '1' });
  const survivors = await startAll(2, env);
  const acknowledged: { id: string; png: Buffer }[] = [];
  const postAcknowledged = async (seed: number) => {
    const png = await tinyPng(seed);
    const res = await post(
      survivors[seed % 2],
      await creationForm(seed, { listed: true, output: png }),
      `10.2.0.${seed}`,
    );
    expect(res.status).toBe(201);
    acknowledged.push({ id: ((await res.json()) as { id: string }).id, png });
  };
  try {
    await postAcknowledged(1);
    for (const [i, failpoint] of ['after-file-write', 'before-commit', 'after-commit'].entries()) {
      const doomed = await startServer(await freePort(), { ...env, ATELIER_FAILPOINT: failpoint });
      // The doomed upload and an ordinary one at the same time: the crash costs only the doomed one.
      const [crashed] = await Promise.all([
        post(doomed, await creationForm(100 + i, { listed: true }), '10.3.0.1').then(
          (r) => r.status,
          () => 'no answer',
        ),
        postAcknowledged(10 + i),
      ]);
      expect(crashed, failpoint).toBe('no answer');
      expect(await doomed.exited, failpoint).toBe('SIGKILL');
    }

    const blobs = s3BlobStore(
      { bucket: 'crash', endpoint: s3.endpoint, forcePathStyle: true },
      { credentials: TEST_S3_CREDENTIALS },
    );
    const db = new pg.Client(env.ATELIER_DATABASE_URL);
    await db.connect();
    try {
      const records = async () =>
        (await db.query<{ id: string; files: { name: string }[] }>('SELECT id, files FROM creations')).rows;
      // The crashed processes left objects of two uncommitted creations; the sweep removes them once they are older
      // than the grace period, and nothing else.
      await expect
        .poll(async () => (await blobs.list()).map((c) => c.id).sort(), { timeout: 30_000 })
        .toEqual((await records()).map((r) => r.id).sort());
      const committed = await records();
      // The acknowledged four, and the one committed just before its process died (complete, never acknowledged).
      expect(committed.length).toBe(acknowledged.length + 1);
      for (const { id, files } of committed) {
        for (const { name } of files)
          for (const server of survivors)
            expect(await fileOf(server, id, name), `${id}/${name}`).toBeInstanceOf(Uint8Array);
      }
      for (const { id, png } of acknowledged)
        expect((await pixels((await fileOf(survivors[1], id)) as Uint8Array)).equals(await pixels(png))).toBe(true);
    } finally {
      await db.end();
    }
  } finally {
    await stopAll(survivors);
  }
});

test('with the bucket frozen, then down, and then the database down, requests get 503 and Retry-After within the store timeout, health names the part, both recover without a restart, and every record finds its files', async () => {
  const bucket = await startS3(['outage']);
  const database = new URL(await postgres.database('outage'));
  const [bucketProxy, databaseProxy] = await Promise.all([
    startFaultProxy(Number(new URL(bucket.endpoint).port)),
    startFaultProxy(Number(database.port)),
  ]);
  database.port = String(databaseProxy.port);
  const [server] = await startAll(1, {
    ...bucket.env('outage'),
    ATELIER_DATABASE_URL: database.toString(),
    ATELIER_S3_ENDPOINT: `http://127.0.0.1:${bucketProxy.port}`,
    ATELIER_TRUSTED_PROXIES: '1',
    ATELIER_DATA_DIR: '.e2e-data/outage',
    ATELIER_STORE_TIMEOUT_S: '2',
  });
  const ids: string[] = [];
  let seed = 0;
  const created = async () => {
    const res = await post(server, await creationForm(seed++), `10.5.0.${seed}`);
    expect(res.status).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  };
  /** `request` answers 503 with Retry-After, in words that fit it, within the 2 s timeout (and 1.5 s to spare). */
  const unavailable = async (label: string, request: () => Promise<Response>) => {
    const started = Date.now();
    const res = await request();
    const waited = Date.now() - started;
    expect(res.status, label).toBe(503);
    expect(res.headers.get('retry-after'), label).toBe('5');
    expect(((await res.json()) as { error: string }).error, label).toMatch(/sharing store is not answering/);
    expect(waited, label).toBeLessThan(3500);
  };
  const health = async () => fetch(`${server.url}/api/health`).then(async (r) => [r.status, await r.json()]);
  try {
    await created();
    bucketProxy.freeze();
    await unavailable('upload, bucket frozen', async () => post(server, await creationForm(seed++), '10.5.1.1'));
    await unavailable('file, bucket frozen', () => fetch(`${server.url}/api/creations/${ids[0]}/files/output`));
    expect((await fetch(`${server.url}/api/creations/${ids[0]}`)).status, 'the record needs no bucket').toBe(200);
    expect(await health()).toEqual([503, { ok: false, database: true, files: false }]);
    bucketProxy.resume();
    await created();
    expect(await health()).toEqual([200, { ok: true, database: true, files: true }]);
    bucketProxy.stop();
    await unavailable('upload, bucket down', async () => post(server, await creationForm(seed++), '10.5.1.3'));
    await unavailable('file, bucket down', () => fetch(`${server.url}/api/creations/${ids[1]}/files/thumb`));
    bucketProxy.resume();
    await created();

    databaseProxy.stop();
    await unavailable('record, database down', () => fetch(`${server.url}/api/creations/${ids[0]}`));
    await unavailable('upload, database down', async () => post(server, await creationForm(seed++), '10.5.1.2'));
    await unavailable('gallery, database down', () => fetch(`${server.url}/api/creations`));
    expect(await health()).toEqual([503, { ok: false, database: false, files: true }]);
    databaseProxy.resume();
    await created();

    const db = new pg.Client(database.toString());
    await db.connect();
    const records = (await db.query<{ id: string; files: { name: string }[] }>('SELECT id, files FROM creations')).rows;
    await db.end();
    expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const { id, files } of records)
      for (const { name } of files) expect(await fileOf(server, id, name), `${id}/${name}`).toBeInstanceOf(Uint8Array);
  } finally {
    await server.stop();
    await Promise.all([bucketProxy.close(), databaseProxy.close(), bucket.stop()]);
  }
});

test('SIGTERM finishes the upload in flight, refuses new connections and exits cleanly; health says when the bucket is gone', async () => {
  const [server] = await startAll(1, await deployment('graceful'));
  const encoded = new Response(await creationForm(7));
  const type = encoded.headers.get('content-type')!;
  const body = new Uint8Array(await encoded.arrayBuffer());
  // Half of the body now, the rest after the signal: the request is in flight while the server shuts down.
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${server.url}/api/creations`,
      {
        method: 'POST',
        headers: { 'content-type': type, 'content-length': body.length, 'x-forwarded-for': '10.4.0.1' },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.subarray(0, body.length >> 1));
    setTimeout(() => {
      server.process.kill('SIGTERM');
      setTimeout(() => req.end(body.subarray(body.length >> 1)), 500);
    }, 300);
  });
  const { status } = await answered;
  expect(status).toBe(201);
  expect(await server.exited).toBe(null);
  expect(server.process.exitCode).toBe(0);
  expect(
    await fetch(`${server.url}/api/health`).then(
      () => 'answered',
      () => 'refused',
    ),
  ).toBe('refused');

  // Health: 200 while the database and the bucket answer, 503 naming the bucket once it is gone.
  const [checked] = await startAll(1, await deployment('health'));
  try {
    expect((await fetch(`${checked.url}/api/health`)).status).toBe(200);
    await s3.stop();
    const down = await fetch(`${checked.url}/api/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: true, files: false });
  } finally {
    await checked.stop();
  }
});
