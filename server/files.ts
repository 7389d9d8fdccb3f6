/**
 * Creation files on the local disk: <root>/<id>/<name>. Every file is written to a temporary name,
 * flushed, renamed into place and the directory flushed, so a file that exists under its own name is
 * complete. Names are chosen by the server and ids checked against their pattern: no path is ever
 * built from what a client sent.
 */
import { access, constants, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SHARE_ID_PATTERN } from '../lib/share/recipe';
import type { BlobStore } from './types';

/** The names the server gives a creation's files (server/creations.ts). */
export const FILE_NAME = /^(output|thumb|input-[0-9]|model)$/;

function pathOf(root: string, id: string, name?: string): string {
  if (!SHARE_ID_PATTERN.test(id) || (name !== undefined && !FILE_NAME.test(name)))
    throw new Error(`not a creation file: ${id}/${name}`);
  return name === undefined ? join(root, id) : join(root, id, name);
}

async function flushDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function diskBlobStore(root: string): BlobStore {
  return {
    async write(id, files) {
      const dir = pathOf(root, id);
      await mkdir(dir, { recursive: true });
      for (const { name, bytes } of files) {
        const final = pathOf(root, id, name);
        const temporary = `${final}.partial`;
        const handle = await open(temporary, 'w');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, final);
      }
      await flushDir(dir);
      await flushDir(root);
    },
    async read(id, name) {
      try {
        const handle = await open(pathOf(root, id, name), 'r');
        // The stream closes the handle when it ends or is cancelled.
        return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    remove: (id) => rm(pathOf(root, id), { recursive: true, force: true }),
    async list() {
      await mkdir(root, { recursive: true });
      const ids = (await readdir(root)).filter((name) => SHARE_ID_PATTERN.test(name));
      // A creation's directory changes with every file renamed into it: its time is its newest file's.
      const times = await Promise.all(
        ids.map((id) =>
          stat(pathOf(root, id)).then(
            (s) => s.mtimeMs,
            () => null,
          ),
        ),
      );
      return ids.flatMap((id, i) => (times[i] === null ? [] : [{ id, writtenAt: times[i] }]));
    },
    async check() {
      await mkdir(root, { recursive: true });
      await access(root, constants.W_OK);
    },
  };
}
