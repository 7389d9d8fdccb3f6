// The files of own models that wrote something, kept in this browser by their sha256: a link, a saved creation or a
// share names the exact file (lib/share/recipe.ts ownModelRef), so text is always written with the float16 weights
// that are shared and the author's screen and the link agree. A file this browser lacks is fetched from the shared
// creation the link names, checked against its sha256 and kept.
import { FIELD } from '../share/limits';
import type { OwnModelRef } from '../share/recipe';
import { tx } from './idb';
import { MAX_MODEL_FILE_BYTES, ModelFileError, ownModelFile, readOwnModelFile } from './own-model-file';
import type { OwnModel } from './own-models';

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const keep = (fp: string, bytes: Uint8Array) => tx('model-files', 'readwrite', (s) => s.put(bytes, fp));
const kept = (fp: string) => tx<Uint8Array | undefined>('model-files', 'readonly', (s) => s.get(fp));

/** The model's file as it is now, kept; resolves to what a recipe names it by. */
export async function keepOwnModelFile(model: OwnModel): Promise<OwnModelRef> {
  const text = ownModelFile(model);
  if (text === null) throw new ModelFileError('This model has not learnt anything yet: train it first.');
  const bytes = new TextEncoder().encode(text);
  const fp = await sha256Hex(bytes);
  await keep(fp, bytes);
  return { id: 'own', fp, name: model.name.slice(0, 80) || 'My model', from: null };
}

/** Where a shared creation's model file is served (app/api/creations/[id]/files/[name]). */
export const sharedModelUrl = (creation: string) => `/api/creations/${creation}/files/${FIELD.model}`;

/** The bytes of the file `ref` names: kept here, else fetched from its shared creation and checked. */
export async function ownModelBytes(ref: OwnModelRef): Promise<Uint8Array<ArrayBuffer>> {
  const here = await kept(ref.fp).catch(() => undefined);
  if (here) return new Uint8Array(here);
  if (!ref.from)
    throw new ModelFileError(
      `The model "${ref.name}" is not in this browser: it lives only where it was trained. Ask for a shared link.`,
    );
  const res = await fetch(sharedModelUrl(ref.from)).catch(() => null);
  if (!res?.ok)
    throw new ModelFileError(
      res?.status === 404
        ? `The model "${ref.name}" has been deleted with the creation it was shared with.`
        : `The model "${ref.name}" could not be downloaded; check your connection and reload.`,
    );
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_MODEL_FILE_BYTES || (await sha256Hex(bytes)) !== ref.fp)
    throw new ModelFileError(`The downloaded model is not the file this link names (its sha256 differs).`);
  await keep(ref.fp, bytes).catch(() => undefined); // private windows: it still writes, it is fetched again next time
  return bytes;
}

/** What the engine needs to write with the file `ref` names: its shape and its float16 weights, widened. */
export async function ownModelWeights(ref: OwnModelRef) {
  const { shape, weights } = readOwnModelFile(await ownModelBytes(ref));
  return { shape, weights: weights! };
}
