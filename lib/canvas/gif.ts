// Animated GIF from RGBA frames (gifenc: small, no workers, well kept), one palette per frame.
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import { READ_BACK, scaledFrame } from './frames';

/** A GIF's frames are at most this long a side: a palette per frame of a larger one takes the page seconds. */
const GIF_SIDE = 512;

/** A frame no longer than GIF_SIDE a side. */
function gifSized(frame: ImageData): ImageData {
  const scale = GIF_SIDE / Math.max(frame.width, frame.height);
  if (scale >= 1) return frame;
  const source = new OffscreenCanvas(frame.width, frame.height);
  source.getContext('2d', READ_BACK)!.putImageData(frame, 0, 0);
  return scaledFrame(source, scale);
}

export function encodeGif(frames: ImageData[], delayMs: number): Blob {
  const gif = GIFEncoder();
  for (const frame of frames.map(gifSized)) {
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
