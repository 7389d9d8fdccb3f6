/**
 * Creation files on the local disk: <root>/<id>/<name>. Every file is written to a temporary name,
 * flushed, renamed into place and the directory flushed, so a file that exists under its own name is
 * complete. Names are chosen by the server and ids checked against their pattern: no path is ever
 * built from what a client sent.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SHARE_ID_PATTERN } from '../lib/share/recipe';
import type { BlobStore } from './types';

const FILE_NAME = /^(output|thumb|input-[0-9])$/;

function pathOf(root: string, id: string, name?: string): string {
  if (!SHARE_ID_PATTERN.test(id) || (name !== undefined && !FILE_NAME.test(name))) throw new Error(`not a creation file: ${id}/${name}`);
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
        return new Uint8Array(await readFile(pathOf(root, id, name)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    remove: (id) => rm(pathOf(root, id), { recursive: true, force: true }),
    async ids() {
      await mkdir(root, { recursive: true });
      return (await readdir(root)).filter((name) => SHARE_ID_PATTERN.test(name));
    },
  };
}
