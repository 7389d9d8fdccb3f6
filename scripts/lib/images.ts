// Reading image sets in Node for evaluation: a folder of JPEGs, or a tar of them (plain ustar, as in
// ../shared/data/faces-celeba64), decoded with jpeg-js into RGB bytes; and IDX files (MNIST, Fashion-MNIST).
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import sharp, { type Sharp } from 'sharp';

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
    const field = (at: number, len: number) =>
      header
        .subarray(at, at + len)
        .toString('latin1')
        .replace(/\0.*$/s, '');
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
    ? readdirSync(path)
        .filter(isJpeg)
        .map((name) => ({ name, data: readFileSync(join(path, name)) }))
    : [...tarEntries(readFileSync(path))].filter((e) => isJpeg(e.name));
  if (files.length === 0) throw new Error(`${path} holds no JPEG images`);
  return files.sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => decode(f.name, f.data));
}

/** An IDX file (gzipped or not): its dimensions and uint8 contents. */
function readIdx(path: string): { dims: number[]; bytes: Uint8Array } {
  let raw = readFileSync(path);
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  const dims = Array.from({ length: raw[3] }, (_, i) => raw.readUInt32BE(4 + 4 * i));
  return {
    dims,
    bytes: new Uint8Array(
      raw.buffer,
      raw.byteOffset + 4 + 4 * dims.length,
      dims.reduce((a, b) => a * b, 1),
    ),
  };
}

/** An IDX file of uint8 images [N, H, W] as [N, H, W, 1] in [0, 1]. */
export function readIdxImages(path: string): tf.Tensor4D {
  const { dims, bytes } = readIdx(path);
  return tf.tidy(() => tf.tensor4d(bytes, [dims[0], dims[1], dims[2], 1], 'int32').toFloat().div(255) as tf.Tensor4D);
}

/** An IDX file of uint8 labels [N]. */
export const readIdxLabels = (path: string): Uint8Array => readIdx(path).bytes;

/** An image file (any format sharp reads) as RGB pixels [1, H, W, 3] in 0..255, its long side at most `longSide`. */
export async function readImageTensor(path: string, longSide: number): Promise<tf.Tensor4D> {
  const { data, info } = await sharp(path)
    .removeAlpha()
    .resize(longSide, longSide, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return tf.tidy(
    () => tf.tensor4d(new Uint8Array(data), [1, info.height, info.width, 3], 'int32').toFloat() as tf.Tensor4D,
  );
}

/** Pixels [1, H, W, 3] or [H, W, 3] in 0..255 as a sharp image, to encode or compose. */
export async function tensorToSharp(x: tf.Tensor): Promise<Sharp> {
  const [height, width] = x.shape.slice(-3, -1);
  const bytes = await tf.tidy(() => x.clipByValue(0, 255).round().toInt()).data();
  return sharp(Buffer.from(Uint8Array.from(bytes)), { raw: { width, height, channels: 3 } });
}
