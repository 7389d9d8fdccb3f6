/**
 * Finds metadata blocks in image bytes, without a decoder: JPEG APP1 "Exif" segments (and whether their
 * TIFF directory points to GPS data, tag 0x8825), PNG eXIf chunks. Used to prove uploads lose them.
 */
import sharp from 'sharp';

export function metadataBlocks(bytes: Uint8Array): { exif: boolean; gps: boolean } {
  const b = Buffer.from(bytes);
  if (b.subarray(1, 4).toString('latin1') === 'PNG') {
    const exif = b.includes(Buffer.from('eXIf', 'latin1'));
    return { exif, gps: exif && (b.includes(Buffer.from([0x88, 0x25])) || b.includes(Buffer.from([0x25, 0x88]))) };
  }
  let exif = false;
  let gps = false;
  for (let i = 2; i + 4 <= b.length && b[i] === 0xff;) {
    const marker = b[i + 1];
    if (marker === 0xda) break; // start of scan: no more metadata segments
    const length = b.readUInt16BE(i + 2);
    const segment = b.subarray(i + 4, i + 2 + length);
    if (marker === 0xe1 && segment.subarray(0, 6).toString('latin1') === 'Exif\0\0') {
      exif = true;
      gps ||= segment.includes(Buffer.from([0x88, 0x25])) || segment.includes(Buffer.from([0x25, 0x88]));
    }
    i += 2 + length;
  }
  return { exif, gps };
}

/** A small photo-like JPEG carrying EXIF with a GPS position (central London), as a phone would write it. */
export async function jpegWithGps(width = 96, height = 64): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) % 16) * 16;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneCam', Model: 'Test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 26/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 39/1' },
    })
    .toBuffer();
}
