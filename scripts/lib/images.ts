// Reading image sets in Node for evaluation: a folder of JPEGs, or a tar of them (plain ustar, as in
// ../shared/data/faces-celeba64), decoded with jpeg-js into RGB bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';

export interface RgbImage {
  name: string;
  width: number;
  height: number;
  /** RGB bytes, row-major. */
  rgb: Uint8Array;
}

function* tarEntries(buffer: Buffer): Generator<{ name: string; data: Buffer }> {
  let offset = 0;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return;
    const field = (at: number, len: number) => header.subarray(at, at + len).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    if (type === '0' || type === '') yield { name, data: buffer.subarray(offset + 512, offset + 512 + size) };
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

function decode(name: string, data: Buffer): RgbImage {
  const img = jpeg.decode(data, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 256 });
  return { name, width: img.width, height: img.height, rgb: img.data };
}

/** Every JPEG in a tar file or a folder, sorted by name. */
export function readJpegs(path: string): RgbImage[] {
  const isJpeg = (n: string) => /\.jpe?g$/i.test(n);
  const files: { name: string; data: Buffer }[] = statSync(path).isDirectory()
    ? readdirSync(path).filter(isJpeg).map((name) => ({ name, data: readFileSync(join(path, name)) }))
    : [...tarEntries(readFileSync(path))].filter((e) => isJpeg(e.name));
  if (files.length === 0) throw new Error(`${path} holds no JPEG images`);
  return files.sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => decode(f.name, f.data));
}
