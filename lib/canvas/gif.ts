// Animated GIF from RGBA frames (gifenc: small, no workers, well kept), one palette per frame.
import { applyPalette, GIFEncoder, quantize } from 'gifenc';

export function encodeGif(frames: ImageData[], delayMs: number): Blob {
  const gif = GIFEncoder();
  for (const frame of frames) {
    const palette = quantize(frame.data, 256);
    gif.writeFrame(applyPalette(frame.data, palette), frame.width, frame.height, {
      palette,
      delay: delayMs,
      repeat: 0,
    });
  }
  gif.finish();
  return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}
