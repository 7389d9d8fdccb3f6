// Node-side ModelFiles: reads a model's files from public/models on disk (tests, eval, bench).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelFiles } from '../../models/core/files';

export const repoRoot = join(__dirname, '..', '..');

export function diskFiles(folder: string): ModelFiles {
  return {
    async bytes(name) {
      const b = readFileSync(join(folder, name));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

export const publicModel = (id: string, version: string) => diskFiles(join(repoRoot, 'public', 'models', id, version));
