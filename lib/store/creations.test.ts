import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deleteCreation,
  exportCreations,
  getCreation,
  importCreations,
  listCreations,
  newCreationId,
  saveCreation,
} from './creations';

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });

describe('my creations (IndexedDB)', () => {
  it('keep, list newest first, export, delete and import back identically', async () => {
    const a = await saveCreation({
      id: newCreationId(),
      studio: 'dream',
      title: 'first',
      createdAt: 1000,
      recipe: 'abc',
      image: png,
    });
    const b = await saveCreation({
      id: newCreationId(),
      studio: 'text',
      title: 'second',
      createdAt: 2000,
      recipe: 'def',
      text: 'To be <or> not',
    });
    assert.deepEqual(
      (await listCreations()).map((c) => c.title),
      ['second', 'first'],
    );
    const file = await exportCreations();
    await deleteCreation(a.id);
    await deleteCreation(b.id);
    assert.equal((await listCreations()).length, 0);
    assert.equal(await importCreations(file), 2);
    const back = await getCreation(a.id);
    assert.equal(back?.recipe, 'abc');
    assert.deepEqual(new Uint8Array(await back!.image!.arrayBuffer()), new Uint8Array(await png.arrayBuffer()));
    assert.equal((await getCreation(b.id))?.text, 'To be <or> not');
  });

  it('refuse a file that is not an export, with a readable message', async () => {
    await assert.rejects(importCreations(new Blob(['not json'])), /not a Neural Atelier creations export/);
    await assert.rejects(importCreations(new Blob(['{"format":"other"}'])), /not a Neural Atelier creations export/);
  });

  it('make ids from a cryptographic generator, 24 hex characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, newCreationId));
    assert.equal(ids.size, 1000);
    assert.ok([...ids].every((id) => /^[0-9a-f]{24}$/.test(id)));
  });
});
