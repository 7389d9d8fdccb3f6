// The browser's IndexedDB database of this app: "my creations" (creations.ts), pictures the studios keep to show
// again without remaking them (pictures.ts), the person's own models (own-models.ts), the files of own models that
// wrote something, by sha256 (model-files.ts), and camera stills (stills.ts). Version 1 had the creations only;
// version 2 adds the pictures, version 3 the models, version 4 the model files, version 5 the stills.
const DB_NAME = 'neural-atelier';
export type StoreName = 'creations' | 'pictures' | 'models' | 'model-files' | 'stills';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 5);
    open.onupgradeneeded = (event) => {
      if (event.oldVersion < 1)
        open.result.createObjectStore('creations', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      if (event.oldVersion < 2) open.result.createObjectStore('pictures');
      if (event.oldVersion < 3) open.result.createObjectStore('models', { keyPath: 'id' });
      if (event.oldVersion < 4) open.result.createObjectStore('model-files');
      if (event.oldVersion < 5) open.result.createObjectStore('stills');
    };
    open.onsuccess = () => {
      // A newer page (another tab after an update) asks to upgrade: let it, and open afresh on the next request.
      open.result.onversionchange = () => {
        open.result.close();
        dbPromise = null;
      };
      resolve(open.result);
    };
    open.onblocked = () => {
      dbPromise = null;
      reject(
        new Error('Another tab of Neural Atelier is using an older version of its storage: close it, then reload.'),
      );
    };
    open.onerror = () => {
      dbPromise = null;
      reject(new Error('Your browser refused local storage, so creations cannot be kept (private window?).'));
    };
  });
  return dbPromise;
}

/** One request on one store, in its own transaction. */
export async function tx<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const store = (await db()).transaction(name, mode).objectStore(name);
  return request(run(store));
}
