/**
 * Uploaded images, checked and re-encoded on the server: the type comes from the magic bytes (never the
 * name or the declared type), the whole image must decode, and what is stored is a fresh encoding, so
 * no EXIF, GPS, XMP or comment block survives even if a client skipped its own re-encoding.
 */
import sharp from 'sharp';
import { readImageHeader } from '../lib/canvas/image-header';
import { SHARE_MAX_SIDE } from '../lib/share/limits';
import type { StoredFile } from './types';

/** A refusal the client caused: its status (4xx) and a message the person can act on. */
export class UploadError extends Error {
  /** Marks an UploadError by value: the bundler compiles this file into each route's chunk, so an error thrown by
   * one chunk's class fails `instanceof` against another's (isUploadError checks this instead). */
  readonly refusal = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const isUploadError = (e: unknown): e is UploadError =>
  e instanceof Error &&
  (e as Partial<UploadError>).refusal === true &&
  typeof (e as Partial<UploadError>).status === 'number';

const THUMB_SIDE = 384;

export interface CleanImage {
  bytes: Uint8Array;
  file: Omit<StoredFile, 'name' | 'bytes'>;
}

/** Decodes, orients by EXIF, and re-encodes without metadata: PNG stays PNG (lossless), others become JPEG. */
export async function cleanImage(bytes: Uint8Array, what: string): Promise<CleanImage> {
  const header = readImageHeader(bytes);
  if (!header || !['png', 'jpeg', 'webp'].includes(header.format))
    throw new UploadError(415, `The ${what} is not a PNG, JPEG or WebP image.`);
  if (header.width > SHARE_MAX_SIDE || header.height > SHARE_MAX_SIDE) {
    throw new UploadError(
      413,
      `The ${what} is ${header.width}x${header.height} px; shared images are at most ${SHARE_MAX_SIDE} px on a side.`,
    );
  }
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: SHARE_MAX_SIDE * SHARE_MAX_SIDE }).rotate();
    const lossless = header.format === 'png';
    const { data, info } = await (lossless ? image.png({ compressionLevel: 6 }) : image.jpeg({ quality: 92 })).toBuffer(
      { resolveWithObject: true },
    );
    return {
      bytes: new Uint8Array(data),
      file: { type: lossless ? 'image/png' : 'image/jpeg', width: info.width, height: info.height },
    };
  } catch {
    throw new UploadError(422, `The ${what} could not be decoded: it is damaged or not really an image.`);
  }
}

/** A small JPEG for the gallery grid. */
export async function thumbnail(bytes: Uint8Array): Promise<CleanImage> {
  const { data, info } = await sharp(bytes)
    .resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#000' })
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), file: { type: 'image/jpeg', width: info.width, height: info.height } };
}
