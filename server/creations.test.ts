import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import sharp from 'sharp';
import { jpegWithGps, metadataBlocks } from '../tests/support/exif';
import { decodeRecipe, encodeRecipe } from '../lib/share/codec';
import { FIELD } from '../lib/share/limits';
import type { DreamRecipe } from '../lib/share/recipe';
import { CreationService, GALLERY_PAGE_SIZE } from './creations';
import { diskBlobStore } from './files';
import { UploadError } from './images';
import { slidingWindowLimiter } from './rate-limit';
import { openSqliteStore } from './sqlite';

const dir = mkdtempSync(join(tmpdir(), 'atelier-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const dream = (input: DreamRecipe['input']): DreamRecipe => ({
  studio: 'dream', v: 1, model: { id: 'inception-v3', fp: '0123abcd' }, input, size: 128, layers: [{ name: 'mixed3', weight: 1 }],
  octaves: 1, octaveScale: 1.4, steps: 2, stepSize: 0.02, jitter: 4, seed: 7,
});

const png = (w: number, h: number, color = { r: 30, g: 120, b: 200 }) => sharp({ create: { width: w, height: h, channels: 3, background: color } }).png().toBuffer();

async function form(recipe: DreamRecipe, files: Record<string, Buffer>, listed = false): Promise<FormData> {
  const f = new FormData();
  f.set(FIELD.recipe, await encodeRecipe(recipe));
  f.set(FIELD.title, 'A test dream');
  f.set(FIELD.public, listed ? '1' : '0');
  for (const [name, bytes] of Object.entries(files)) f.set(name, new Blob([new Uint8Array(bytes)]));
  return f;
}

function service(name: string) {
  const meta = openSqliteStore(join(dir, name, 'creations.db'));
  const blobs = diskBlobStore(join(dir, name, 'files'));
  return { meta, blobs, creations: new CreationService(meta, blobs, 2) };
}

describe('creations service', () => {
  test('stores an upload with its input, strips the GPS of a JPEG, and points the recipe at the stored input', async () => {
    const { creations } = service('a');
    const gpsJpeg = await jpegWithGps();
    assert.deepEqual(metadataBlocks(gpsJpeg), { exif: true, gps: true }, 'the fixture must carry GPS, or this test proves nothing');
    const { id, deleteToken } = await creations.create(await form(dream({ kind: 'upload', name: 'holiday.jpg' }), { [FIELD.output]: await png(64, 48), [FIELD.input(0)]: gpsJpeg }));
    assert.match(id, /^[A-Za-z0-9_-]{22}$/);
    assert.ok(deleteToken.length >= 43);

    const record = (await creations.get(id))!;
    assert.deepEqual(record.files.map((f) => f.name).sort(), ['input-0', 'output', 'thumb']);
    const recipe = await decodeRecipe(record.recipe);
    assert.deepEqual(recipe.studio === 'dream' && recipe.input, { kind: 'shared', creation: id, slot: 0 });

    const input = (await creations.file(id, 'input-0'))!;
    assert.equal(input.file.type, 'image/jpeg');
    assert.deepEqual(metadataBlocks(input.bytes), { exif: false, gps: false });
    assert.equal((await sharp(input.bytes).metadata()).exif, undefined);
    const output = (await creations.file(id, 'output'))!;
    assert.equal(output.file.type, 'image/png');
    assert.deepEqual([output.file.width, output.file.height], [64, 48]);
    // A PNG is re-encoded losslessly: the pixels are the ones sent.
    assert.deepEqual(await sharp(output.bytes).raw().toBuffer(), await sharp(await png(64, 48)).raw().toBuffer());
    assert.equal(await creations.file(id, '../creations.db'), null);
  });

  test('refuses what is not an image, a damaged image, a missing input and a bad recipe, storing nothing', async () => {
    const { creations, blobs } = service('b');
    const refuse = async (f: FormData, status: number) => {
      await assert.rejects(creations.create(f), (e: unknown) => e instanceof UploadError && e.status === status);
    };
    await refuse(await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }), 415);
    const truncated = (await png(64, 48)).subarray(0, 60);
    await refuse(await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: Buffer.from(truncated) }), 422);
    await refuse(await form(dream({ kind: 'upload', name: 'x.png' }), { [FIELD.output]: await png(8, 8) }), 400);
    const bad = new FormData();
    bad.set(FIELD.recipe, 'not-a-recipe');
    await refuse(bad, 400);
    assert.deepEqual(await blobs.ids(), []);
  });

  test('the gallery lists only listed creations, newest first, in stable pages, and hides reported ones', async () => {
    const { creations } = service('c');
    const ids: string[] = [];
    for (let i = 0; i < GALLERY_PAGE_SIZE + 8; i++) {
      ids.push((await creations.create(await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }, i % 5 !== 0))).id);
    }
    const listed = ids.filter((_, i) => i % 5 !== 0);
    const first = await creations.gallery(null);
    assert.equal(first.items.length, GALLERY_PAGE_SIZE);
    const second = await creations.gallery(first.next);
    assert.equal(second.next, null);
    const both = [...first.items, ...second.items];
    assert.deepEqual(both.map((c) => c.id).sort(), [...listed].sort(), 'every listed creation once, no unlisted one');
    assert.ok(both.every((c, i) => i === 0 || c.createdAt <= both[i - 1].createdAt), 'newest first');

    assert.equal(await creations.report(listed[0], 'client-1'), 1);
    assert.equal(await creations.report(listed[0], 'client-1'), 1, 'one report per client');
    assert.equal(await creations.report(listed[0], 'client-2'), 2);
    assert.ok(!(await creations.gallery(null)).items.some((c) => c.id === listed[0]));
    assert.equal(await creations.report('AAAAAAAAAAAAAAAAAAAAAA', 'client-1'), null);
  });

  test('delete needs the token, removes record and files; a restart sweeps files no record points to', async () => {
    const s = service('d');
    const { id, deleteToken } = await s.creations.create(await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }));
    const record = (await s.creations.get(id))!;
    assert.equal(s.creations.authorises(record, 'x'.repeat(43)), false);
    assert.equal(s.creations.authorises(record, deleteToken), true);
    await s.creations.remove(id);
    assert.equal(await s.creations.get(id), null);
    assert.equal(await s.creations.file(id, 'output'), null);

    // Files written by a process that died before its commit.
    await s.blobs.write('BBBBBBBBBBBBBBBBBBBBBB', [{ name: 'output', bytes: new Uint8Array([1, 2, 3]) }]);
    const kept = (await s.creations.create(await form(dream({ kind: 'preset', id: 'clouds' }), { [FIELD.output]: await png(8, 8) }))).id;
    assert.equal(await s.creations.sweepOrphans(), 1);
    assert.deepEqual(readdirSync(join(dir, 'd', 'files')), [kept]);
    await s.meta.close();
  });
});

describe('rate limit', () => {
  test('allows `count` writes per window per client, then says how long to wait', () => {
    const limiter = slidingWindowLimiter(3, 10_000);
    assert.deepEqual([0, 1, 2].map((t) => limiter.take('a', t)), [0, 0, 0]);
    assert.equal(limiter.take('a', 3), 10);
    assert.equal(limiter.take('b', 3), 0, 'another client has its own budget');
    assert.equal(limiter.take('a', 10_001), 0, 'the oldest write left the window');
  });
});
