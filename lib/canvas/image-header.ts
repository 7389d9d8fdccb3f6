/**
 * Reads an image's format and pixel size from its first bytes, without decoding it, so a 20,000 px
 * JPEG is refused before the browser tries to allocate it. Pure: testable in Node.
 */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

export const MAX_MEGAPIXELS = 50;

export function readImageHeader(b: Uint8Array): ImageHeader | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') {
    return { format: 'png', width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (b.length >= 10 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) {
    return { format: 'gif', width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
  }
  if (b.length >= 26 && ascii(0, 2) === 'BM') {
    return { format: 'bmp', width: Math.abs(dv.getInt32(18, true)), height: Math.abs(dv.getInt32(22, true)) };
  }
  if (b.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const chunk = ascii(12, 4);
    if (chunk === 'VP8 ')
      return { format: 'webp', width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = dv.getUint32(21, true);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') {
      const w = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
      const h = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
      return { format: 'webp', width: w, height: h };
    }
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      const length = dv.getUint16(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { format: 'jpeg', height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
      if (length < 2) return null;
      i += 2 + length;
    }
    return null;
  }
  return null;
}

/** Why an image is refused before decoding, or null when it may be decoded. */
export function headerProblem(header: ImageHeader | null, fileName: string): string | null {
  if (!header) return `"${fileName}" is not an image we can read. Use a PNG, JPEG, GIF, WebP or BMP file.`;
  if (header.width < 1 || header.height < 1)
    return `"${fileName}" says it is ${header.width}x${header.height} pixels: the file is damaged.`;
  const mp = (header.width * header.height) / 1e6;
  if (mp > MAX_MEGAPIXELS) {
    return (
      `"${fileName}" is ${header.width}x${header.height} (${mp.toFixed(0)} megapixels), ` +
      `over the ${MAX_MEGAPIXELS} megapixel limit. Scale it down first.`
    );
  }
  return null;
}

/** Fits (width, height) into a long side of `size`, keeping the aspect ratio; never upscales past `size`. */
export function fitToSize(width: number, height: number, size: number): { width: number; height: number } {
  const scale = size / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The working size (long side) from `size` up at which an image of this shape has a short side of at least
 * `minShort` px (a network's smallest input), or null when that would take a long side beyond `cap`.
 */
export function sizeForShortSide(
  width: number,
  height: number,
  size: number,
  minShort: number,
  cap: number,
): number | null {
  const short = (s: number) => Math.min(...Object.values(fitToSize(width, height, s)));
  let s = Math.max(size, Math.ceil((minShort * Math.max(width, height)) / Math.min(width, height)) - 1);
  if (short(size) >= minShort) return size;
  while (short(s) < minShort) s++;
  return s <= cap ? s : null;
}
