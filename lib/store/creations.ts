/**
 * "My creations": every creation (output + recipe) kept in the browser's IndexedDB, usable as input to
 * another studio, exportable to and importable from one JSON file. Nothing leaves the machine here;
 * public sharing goes through the server (lib/share/publish.ts, server/creations.ts).
 */
import type { StudioId } from '../share/recipe';
import { tx as inStore } from './idb';

const tx = <T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>) =>
  inStore('creations', mode, run);

export interface Creation {
  id: string;
  studio: StudioId;
  title: string;
  createdAt: number;
  /** The encoded recipe (lib/share/codec), so the creation can be reopened exactly. */
  recipe: string;
  /** Image output as PNG, when the studio makes images. */
  image?: Blob;
  /** Text output (text and music studios). */
  text?: string;
}

export const EXPORT_FORMAT = 'neural-atelier-creations';

export function newCreationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const saveCreation = (c: Creation) => tx('readwrite', (s) => s.put(c)).then(() => c);
export const getCreation = (id: string) => tx<Creation | undefined>('readonly', (s) => s.get(id));
export const deleteCreation = (id: string) => tx('readwrite', (s) => s.delete(id)).then(() => undefined);

/** Newest first. */
export async function listCreations(): Promise<Creation[]> {
  const all = await tx<Creation[]>('readonly', (s) => s.getAll());
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/png'};base64,${btoa(binary)}`;
}

async function dataUrlToBlob(url: string): Promise<Blob> {
  const match = /^data:(image\/png|image\/jpeg|image\/webp);base64,([A-Za-z0-9+/=]+)$/.exec(url);
  if (!match) throw new Error('an image in the file is not a PNG, JPEG or WebP data URL');
  const binary = atob(match[2]);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: match[1] });
}

/** Every creation as one JSON file (images inline as data URLs). */
export async function exportCreations(): Promise<Blob> {
  const creations = await listCreations();
  const items = await Promise.all(
    creations.map(async ({ image, ...rest }) => ({ ...rest, image: image ? await blobToDataUrl(image) : undefined })),
  );
  return new Blob([JSON.stringify({ format: EXPORT_FORMAT, version: 1, creations: items })], {
    type: 'application/json',
  });
}

/** Adds the creations of an exported file; returns how many were added. Refuses files of another kind. */
export async function importCreations(file: Blob): Promise<number> {
  let parsed: { format?: unknown; version?: unknown; creations?: unknown };
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new Error('This file is not a Neural Atelier creations export (it is not JSON).');
  }
  if (parsed.format !== EXPORT_FORMAT || parsed.version !== 1 || !Array.isArray(parsed.creations)) {
    throw new Error('This file is not a Neural Atelier creations export.');
  }
  let added = 0;
  for (const raw of parsed.creations as Record<string, unknown>[]) {
    if (
      typeof raw.id !== 'string' ||
      typeof raw.recipe !== 'string' ||
      typeof raw.studio !== 'string' ||
      typeof raw.createdAt !== 'number'
    ) {
      throw new Error('A creation in this file is incomplete; nothing after it was imported.');
    }
    await saveCreation({
      id: raw.id,
      studio: raw.studio as StudioId,
      title: typeof raw.title === 'string' ? raw.title.slice(0, 200) : 'Imported creation',
      createdAt: raw.createdAt,
      recipe: raw.recipe,
      image: typeof raw.image === 'string' ? await dataUrlToBlob(raw.image) : undefined,
      text: typeof raw.text === 'string' ? raw.text : undefined,
    });
    added++;
  }
  return added;
}
