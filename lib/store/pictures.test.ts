import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCreation } from './creations';
import { cachedPicture, cachePicture } from './pictures';

/** The database as version 1 left it: the creations store with one creation. */
async function versionOne(): Promise<void> {
  const open = indexedDB.open('neural-atelier', 1);
  open.onupgradeneeded = () =>
    open.result.createObjectStore('creations', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
  const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
  await new Promise((resolve) => {
    const tx = db.transaction('creations', 'readwrite');
    tx.objectStore('creations').put({ id: 'old', studio: 'dream', title: 'kept', createdAt: 1, recipe: 'abc' });
    tx.oncomplete = resolve;
  });
  db.close();
}

describe('pictures kept in the browser', () => {
  it('upgrade a version-1 database without losing a creation, then keep and give back pictures by key', async () => {
    await versionOne();
    assert.equal(await cachedPicture('inception-v3/mixed3/10'), undefined);
    await cachePicture('inception-v3/mixed3/10', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    const back = await cachedPicture('inception-v3/mixed3/10');
    assert.deepEqual(new Uint8Array(await back!.arrayBuffer()), new Uint8Array([1, 2, 3]));
    assert.equal((await getCreation('old'))?.title, 'kept');
  });
});
