// Decoded VAE images on the page: enlarged for saving.
import { READ_BACK } from '@/lib/canvas/frames';

/** An image upscaled to `size` px on a new canvas (for saving: 28 px digits are too small to look at). */
export function upscaled(image: ImageData, size: number): HTMLCanvasElement {
  const source = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
  source.getContext('2d', READ_BACK)!.putImageData(image, 0, 0);
  const out = Object.assign(document.createElement('canvas'), { width: size, height: size });
  const ctx = out.getContext('2d', READ_BACK)!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size, size);
  return out;
}
