// One suite, two adapter pairs: the embedded SQLite + files and PostgreSQL + an S3-compatible bucket (a throwaway
// PostgreSQL cluster and s3rver, tests/support/). Where PostgreSQL cannot be started the second pair is skipped
// with the reason printed; the test command installs it (scripts/test-all.mjs), so it runs in CI.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { jpegWithGps, metadataBlocks } from '../tests/support/exif';
import { textWith, tinyModelFile } from '../tests/support/own-model';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../tests/support/postgres';
import { startS3, TEST_S3_CREDENTIALS, type TestS3 } from '../tests/support/s3';
import { decodeRecipe, encodeRecipe } from '../lib/share/codec';
import { FIELD, SHARE_MAX_SIDE } from '../lib/share/limits';
import type { DreamRecipe, OwnModelRef, Recipe, StyleRecipe, TextRecipe } from '../lib/share/recipe';
import { readStream } from '../lib/streams';
import { CreationService, GALLERY_PAGE_SIZE } from './creations';
import { diskBlobStore } from './files';
import { UploadError } from './images';
import { openPostgresStore } from './postgres';
import { slidingWindowLimiter, type RateLimiter } from './rate-limit';
import { s3BlobStore } from './s3';
import { openSqliteStore } from './sqlite';
import type { BlobStore, MetadataStore } from './types';

const dir = mkdtempSync(join(tmpdir(), 'atelier-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const dream = (input: DreamRecipe['input']): DreamRecipe => ({
  studio: 'dream',
  v: 1,
  model: { id: 'inception-v3', fp: '0123abcd' },
  input,
  size: 128,
  layers: [{ name: 'mixed3', weight: 1 }],
  octaves: 1,
  octaveScale: 1.4,
  steps: 2,
  stepSize: 0.02,
  jitter: 4,
  seed: 7,
});

const png = (w: number, h: number, color = { r: 30, g: 120, b: 200 }) =>
  sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .png()
    .toBuffer();

async function form(recipe: Recipe, files: Record<string, Buffer>, listed = false): Promise<FormData> {
  const f = new FormData();
  f.set(FIELD.recipe, await encodeRecipe(recipe));
  f.set(FIELD.title, 'A test dream');
  f.set(FIELD.public, listed ? '1' : '0');
  for (const [name, bytes] of Object.entries(files)) f.set(name, new Blob([new Uint8Array(bytes)]));
  return f;
}

/** A style creation from six uploaded images (content, four styles, a start) and its output: the shape of the
 * smallest upload that costs the most decoding. */
const sixImageStyle: StyleRecipe = {
  studio: 'style',
  v: 1,
  model: { id: 'inception-v3', fp: '0123abcd' },
  content: { kind: 'upload', name: 'content.webp' },
  styles: [0, 1, 2, 3].map((i) => ({ image: { kind: 'upload', name: `style-${i}.webp` }, weight: 1 })),
  start: { kind: 'upload', name: 'start.webp' },
  size: 128,
  steps: 1,
  contentWeight: 1,
  styleWeight: 1,
  tvWeight: 1,
  learningRate: 6,
  styleScale: 1,
  coarseToFine: false,
  preserveColor: 'none',
  init: 'content',
  seed: 1,
};
const losslessWebp = (side: number) =>
  sharp({ create: { width: side, height: side, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .webp({ lossless: true })
    .toBuffer();
const sixImageForm = async (side: number) => {
  const image = await losslessWebp(side);
  const inputs = Object.fromEntries([0, 1, 2, 3, 4, 5].map((slot) => [FIELD.input(slot), image]));
  return form(sixImageStyle, { [FIELD.output]: await png(128, 128), ...inputs });
};

/** A small own model's file (lib/store/own-model-file.ts), as the studio shares it, and a text it wrote. */
const modelBytes = Buffer.from(tinyModelFile());
const ownModel: OwnModelRef = {
  id: 'own',
  fp: createHash('sha256').update(modelBytes).digest('hex'),
  name: 'Poems',
  from: null,
};
async function textForm(recipe: TextRecipe, model: Buffer | null) {
  const f = await form(recipe, model ? { [FIELD.model]: model } : {});
  f.set(FIELD.text, 'The roses of the morning');
  return f;
}

/** A file's bytes, or null when the creation has no such file. */
async function fileBytes(creations: CreationService, id: string, name: string) {
  const found = await creations.file(id, name);
  return found && { file: found.file, bytes: await readStream(found.body) };
}

const BUCKETS = ['store-a', 'store-b', 'store-c', 'store-d', 'store-e', 'store-f', 'store-g'];

interface Adapters {
  name: string;
  /** why this pair cannot run here, or null */
  unavailable: () => string | null;
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
  /** a fresh, empty store pair; `name` is one of BUCKETS */
  open: (name: string) => Promise<{ meta: MetadataStore; blobs: BlobStore }>;
  /** the write limit this pair's deployment uses, on a fresh store */
  limiter: (name: string, count: number, windowMs: number) => Promise<RateLimiter>;
}

let postgres: TestPostgres | undefined;
/** stores a test opened that the suite closes before stopping their servers */
const closeAtEnd: MetadataStore[] = [];
let s3: TestS3 | undefined;
const ADAPTERS: Adapters[] = [
  {
    name: 'SQLite + files',
    unavailable: () => null,
    open: async (name) => ({
      meta: openSqliteStore(join(dir, name, 'creations.db')),
      blobs: diskBlobStore(join(dir, name, 'files')),
    }),
    limiter: async (_name, count, windowMs) => slidingWindowLimiter(count, windowMs),
  },
  {
    name: 'PostgreSQL + S3',
    unavailable: postgresUnavailable,
    start: async () => {
      [postgres, s3] = await Promise.all([startPostgres(), startS3(BUCKETS)]);
    },
    stop: async () => {
      await Promise.all([postgres?.stop(), s3?.stop()]);
    },
    open: async (name) => ({
      meta: await openPostgresStore(await postgres!.database(name.replace('-', '_'))),
      blobs: s3BlobStore(
        { bucket: name, endpoint: s3!.endpoint, forcePathStyle: true },
        { credentials: TEST_S3_CREDENTIALS },
      ),
    }),
    limiter: async (name, count, windowMs) => {
      const store = await openPostgresStore(await postgres!.database(name.replace('-', '_')));
      closeAtEnd.push(store);
      return store.limiter(count, windowMs);
    },
  },
];

for (const adapters of ADAPTERS) {
  const skip = adapters.unavailable();
  if (skip) console.log(`# skipped the ${adapters.name} store tests: ${skip}`);
  describe(`creations service on ${adapters.name}`, { skip: skip ?? false }, () => {
    before(() => adapters.start?.());
    after(async () => {
      await Promise.all(closeAtEnd.splice(0).map((m) => m.close()));
      await adapters.stop?.();
    });
    async function service(name: string) {
      const { meta, blobs } = await adapters.open(name);
      closeAtEnd.push(meta);
      return { meta, blobs, creations: new CreationService(meta, blobs, 2) };
    }
    test('stores an upload with its input, strips the GPS of a JPEG, and points the recipe at the stored input', async () => {
      const { creations } = await service('store-a');
      const gpsJpeg = await jpegWithGps();
      assert.deepEqual(
        metadataBlocks(gpsJpeg),
        { exif: true, gps: true },
        'the fixture must carry GPS, or this test proves nothing',
      );
      const { id, deleteToken } = await creations.create(
        await form(dream({ kind: 'upload', name: 'holiday.jpg' }), {
          [FIELD.output]: await png(64, 48),
          [FIELD.input(0)]: gpsJpeg,
        }),
      );
      assert.match(id, /^[A-Za-z0-9_-]{22}$/);
      assert.ok(deleteToken.length >= 43);

      const record = (await creations.get(id))!;
      assert.deepEqual(record.files.map((f) => f.name).sort(), ['input-0', 'output', 'thumb']);
      const recipe = await decodeRecipe(record.recipe);
      assert.deepEqual(recipe.studio === 'dream' && recipe.input, { kind: 'shared', creation: id, slot: 0 });

      const input = (await fileBytes(creations, id, 'input-0'))!;
      assert.equal(input.file.type, 'image/jpeg');
      assert.deepEqual(metadataBlocks(input.bytes), { exif: false, gps: false });
      assert.equal((await sharp(input.bytes).metadata()).exif, undefined);
      const output = (await fileBytes(creations, id, 'output'))!;
      assert.equal(output.file.type, 'image/png');
      assert.deepEqual([output.file.width, output.file.height], [64, 48]);
      // A PNG is re-encoded losslessly: the pixels are the ones sent.
      assert.deepEqual(
        await sharp(output.bytes).raw().toBuffer(),
        await sharp(await png(64, 48))
          .raw()
          .toBuffer(),
      );
      assert.equal(await creations.file(id, '../creations.db'), null);
    });

    test('refuses what is not an image, a damaged image, a missing input and a bad recipe, storing nothing', async () => {
      const { creations, blobs } = await service('store-b');
      const refuse = async (f: FormData, status: number) => {
        await assert.rejects(creations.create(f), (e: unknown) => e instanceof UploadError && e.status === status);
      };
      await refuse(
        await form(dream({ kind: 'preset', id: 'clouds' }), {
          [FIELD.output]: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        }),
        415,
      );
      const truncated = (await png(64, 48)).subarray(0, 60);
      await refuse(
        await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: Buffer.from(truncated) }),
        422,
      );
      await refuse(await form(dream({ kind: 'upload', name: 'x.png' }), { [FIELD.output]: await png(8, 8) }), 400);
      const bad = new FormData();
      bad.set(FIELD.recipe, 'not-a-recipe');
      await refuse(bad, 400);
      assert.deepEqual(await blobs.list(), []);
    });

    test("refuses six tiny WebP files of 4096 x 4096 px from their headers, before decoding any; the same creation's images at 1024 px upload", async () => {
      const { creations, blobs } = await service('store-f');
      const bomb = await sixImageForm(SHARE_MAX_SIDE);
      const cpu = process.cpuUsage();
      await assert.rejects(creations.create(bomb), (e: unknown) => e instanceof UploadError && e.status === 413);
      const { user, system } = process.cpuUsage(cpu);
      assert.ok(user + system < 200_000, `refusing took ${(user + system) / 1000} ms of CPU`);
      assert.deepEqual(await blobs.list(), []);
      const { id } = await creations.create(await sixImageForm(1024));
      assert.equal((await creations.get(id))!.files.length, 8); // output, thumb and six inputs
      await creations.remove(id);
    });

    test('the gallery lists only listed creations, newest first, in stable pages, and hides reported ones', async () => {
      const { creations } = await service('store-c');
      const ids: string[] = [];
      for (let i = 0; i < GALLERY_PAGE_SIZE + 8; i++) {
        ids.push(
          (
            await creations.create(
              await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }, i % 5 !== 0),
            )
          ).id,
        );
      }
      const listed = ids.filter((_, i) => i % 5 !== 0);
      const first = await creations.gallery(null);
      assert.equal(first.items.length, GALLERY_PAGE_SIZE);
      const second = await creations.gallery(first.next);
      assert.equal(second.next, null);
      const both = [...first.items, ...second.items];
      assert.deepEqual(both.map((c) => c.id).sort(), [...listed].sort(), 'every listed creation once, no unlisted one');
      assert.ok(
        both.every((c, i) => i === 0 || c.createdAt <= both[i - 1].createdAt),
        'newest first',
      );

      assert.equal(await creations.report(listed[0], 'client-1'), 1);
      assert.equal(await creations.report(listed[0], 'client-1'), 1, 'one report per client');
      assert.equal(await creations.report(listed[0], 'client-2'), 2);
      assert.ok(!(await creations.gallery(null)).items.some((c) => c.id === listed[0]));
      assert.equal(await creations.report('AAAAAAAAAAAAAAAAAAAAAA', 'client-1'), null);
    });

    test('delete needs the token, removes record and files; the sweep removes files no record names once past their grace period', async () => {
      const s = await service('store-d');
      const { id, deleteToken } = await s.creations.create(
        await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }),
      );
      const record = (await s.creations.get(id))!;
      assert.equal(s.creations.authorises(record, 'x'.repeat(43)), false);
      assert.equal(s.creations.authorises(record, deleteToken), true);
      await s.creations.remove(id);
      assert.equal(await s.creations.get(id), null);
      assert.equal(await s.creations.file(id, 'output'), null);
      assert.deepEqual(await s.blobs.list(), []);

      // Files written by a process that died before its commit: kept while another process could still be
      // committing them, removed once they are older than the grace period.
      await s.blobs.write('BBBBBBBBBBBBBBBBBBBBBB', [{ name: 'output', bytes: new Uint8Array([1, 2, 3]) }]);
      const kept = (
        await s.creations.create(
          await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }),
        )
      ).id;
      assert.equal(await s.creations.sweepOrphans(60_000), 0, 'written just now: not yet an orphan');
      assert.equal(await s.creations.sweepOrphans(60_000, Date.now() + 61_000), 1);
      assert.deepEqual(
        (await s.blobs.list()).map((c) => c.id),
        [kept],
      );
      assert.equal((await fileBytes(s.creations, kept, 'output'))?.file.name, 'output');
    });

    test('a text creation carries its own model: refused when too big, foreign, damaged or not the one named; stored with it and named by the recipe, never swept while the record stands; a store that fails mid-write leaves no record', async () => {
      const s = await service('store-g');
      const refuse = (f: FormData, status: number, message: RegExp) =>
        assert.rejects(
          s.creations.create(f),
          (e: unknown) => e instanceof UploadError && e.status === status && message.test(e.message),
        );
      await refuse(await textForm(textWith(ownModel), null), 400, /missing the model file/);
      await refuse(await textForm(textWith(ownModel), Buffer.alloc(10_000_001, 32)), 413, /at most 10 MB/);
      await refuse(await textForm(textWith(ownModel), await png(8, 8)), 415, /not a model file/);
      const damaged = Buffer.from('{"format":"neural-atelier/charrnn","version":1}');
      await refuse(await textForm(textWith(ownModel), damaged), 400, /damaged/);
      await refuse(await textForm(textWith({ ...ownModel, fp: 'ab'.repeat(32) }), modelBytes), 400, /sha256 differs/);
      const dreamWithModel = await form(dream({ kind: 'preset', id: 'clouds' }), {
        [FIELD.output]: await png(8, 8),
        [FIELD.model]: modelBytes,
      });
      await refuse(dreamWithModel, 400, /Only a text creation/);
      assert.deepEqual(await s.blobs.list(), []);

      const { id } = await s.creations.create(await textForm(textWith(ownModel), modelBytes));
      const recipe = await decodeRecipe((await s.creations.get(id))!.recipe);
      assert.deepEqual(recipe.studio === 'text' && recipe.model, { ...ownModel, from: id });
      const stored = (await fileBytes(s.creations, id, FIELD.model))!;
      assert.equal(stored.file.type, 'application/json');
      assert.deepEqual(Buffer.from(stored.bytes), modelBytes);
      assert.equal(await s.creations.sweepOrphans(0, Date.now() + 86_400_000), 0);
      assert.ok(await fileBytes(s.creations, id, FIELD.model), 'the sweep left the model its record names');

      // The bucket takes the model, then the connection drops: nothing is committed, and the files go with it.
      const failing = new CreationService(
        s.meta,
        {
          ...s.blobs,
          write: async (cid, files) => {
            await s.blobs.write(cid, files.slice(0, 1));
            throw new Error('connection reset');
          },
        },
        2,
      );
      await assert.rejects(failing.create(await textForm(textWith(ownModel), modelBytes)), /The file store failed/);
      assert.deepEqual([...(await s.meta.ids())], [id]);
      for (let i = 0; i < 50 && (await s.blobs.list()).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(
        (await s.blobs.list()).map((c) => c.id),
        [id],
      );
    });

    test('allows `count` writes per window per client, then says how long to wait', async () => {
      const limiter = await adapters.limiter('store-e', 3, 10_000);
      assert.deepEqual([await limiter.take('a', 0), await limiter.take('a', 1), await limiter.take('a', 2)], [0, 0, 0]);
      assert.equal(await limiter.take('a', 3), 10);
      assert.equal(await limiter.take('b', 3), 0, 'another client has its own budget');
      assert.equal(await limiter.take('a', 10_001), 0, 'the oldest write left the window');
    });
  });
}

describe('PostgreSQL shared by several processes', { skip: postgresUnavailable() ?? false }, () => {
  let server: TestPostgres;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server.stop());

  test('processes starting together migrate once; they share the write limit and take turns at the sweep', async () => {
    const url = await server.database('shared');
    // Three "processes" (three pools) start at once: the migrations' lock makes them apply each migration once.
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, 2)));
    try {
      const limiters = stores.map((store) => store.limiter(4, 60_000));
      const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => limiters[i % 3].take('one-client')));
      assert.equal(waits.filter((w) => w === 0).length, 4, 'one client gets its 4 writes in total, not 4 per process');

      let inside = 0;
      const ran = await Promise.all(
        stores.map((store) =>
          store.exclusively(async () => {
            inside++;
            await new Promise((r) => setTimeout(r, 200));
          }),
        ),
      );
      assert.equal(ran.filter(Boolean).length, 1, 'one process sweeps while the others skip');
      assert.equal(inside, 1);
      assert.equal(await stores[1].exclusively(async () => undefined), true, 'the lock ends with its transaction');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
