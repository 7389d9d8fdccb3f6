/**
 * The browser's ModelFiles: fetches a model's files from their versioned paths with byte progress,
 * checks every file's size and sha256 against the registry, and keeps verified files in Cache Storage
 * (so a second visit loads from disk, and offline). A missing or damaged file becomes a ModelFileError
 * whose message a person can read; a damaged cached copy is dropped so a reload fetches it again.
 */
import type { ModelFiles } from '../../models/core/files';
import { fileUrl, type ModelEntry, totalBytes } from '../../models/registry';
import { readStream } from '../streams';

export const MODEL_CACHE = 'atelier-models-v1';

export class ModelFileError extends Error {
  name = 'ModelFileError';
}

export type ByteProgress = (loaded: number, total: number) => void;

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    return null; // private windows and some embedded browsers refuse Cache Storage: load without it
  }
}

async function readBody(response: Response, onBytes: (n: number) => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  return (await readStream(response.body, (_, chunk) => onBytes(chunk.length))).buffer;
}

/**
 * A file's bytes from Cache Storage or the network, checked against its size and sha256; verified bytes are
 * cached. `what` names the file in messages: what it belongs to (a model's or a preset's title) and its name.
 */
export async function fetchVerified(
  url: string,
  expected: { bytes: number; sha256: string },
  what: { title: string; name: string },
  onBytes?: (n: number) => void,
): Promise<ArrayBuffer> {
  const { title, name } = what;
  const cache = await openCache();
  const cached = await cache?.match(url);
  if (cached) {
    const data = await cached.arrayBuffer();
    if (data.byteLength === expected.bytes && (await sha256Hex(data)) === expected.sha256) {
      onBytes?.(expected.bytes);
      return data;
    }
    await cache?.delete(url);
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ModelFileError(`${title}: could not download ${name}. Check your connection and reload.`);
  }
  if (!response.ok) {
    throw new ModelFileError(
      `${title}: the server has no ${name} (HTTP ${response.status}). ` +
        'It may not be installed: run the set-up command again.',
    );
  }
  const data = await readBody(response, (n) => onBytes?.(n));
  const digest = await sha256Hex(data);
  if (data.byteLength !== expected.bytes || digest !== expected.sha256) {
    throw new ModelFileError(
      `${title}: ${name} is damaged (checksum mismatch: ${data.byteLength} bytes, sha256 ${digest.slice(0, 12)}…, ` +
        `expected ${expected.bytes} bytes, ${expected.sha256.slice(0, 12)}…). Reload to fetch it again.`,
    );
  }
  await cache
    ?.put(url, new Response(data, { headers: { 'content-type': 'application/octet-stream' } }))
    .catch(() => undefined);
  return data;
}

export function browserModelFiles(entry: ModelEntry, onProgress?: ByteProgress): ModelFiles {
  const total = totalBytes(entry);
  let loaded = 0;
  const report = (n: number) => {
    loaded = Math.min(total, loaded + n);
    onProgress?.(loaded, total);
  };
  return {
    async bytes(name) {
      const file = entry.files.find((f) => f.name === name);
      if (!file) throw new ModelFileError(`${entry.title}: the registry lists no file "${name}".`);
      return fetchVerified(fileUrl(entry, name), file, { title: entry.title, name }, report);
    },
  };
}

/** Whether every file of a model is already in Cache Storage (for the home page's "cached" marks). */
export async function isModelCached(entry: ModelEntry): Promise<boolean> {
  const cache = await openCache();
  if (!cache || entry.files.length === 0) return false;
  const hits = await Promise.all(entry.files.map((f) => cache.match(fileUrl(entry, f.name))));
  return hits.every(Boolean);
}
