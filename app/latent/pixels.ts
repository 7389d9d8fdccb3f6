// Decoded VAE images on the page: enlarged for saving and for a walk's frames.
import { READ_BACK } from '@/lib/canvas/frames';

/** An image upscaled to `size` px on a new canvas (for saving: 28 px digits are too small to look at). */
export function upscaled(image: ImageData, size: number): HTMLCanvasElement {
  const out = canvasOf(size, size);
  enlargeOnto(out, canvasOf(image.width, image.height), image);
  return out;
}

/** Enlarges many images of one size to `size` px through one pair of canvases (a walk's frames, up to 1,440), pixel
 * for pixel what `upscaled` draws. */
export function upscaler(size: number): (image: ImageData) => ImageData {
  const out = canvasOf(size, size);
  let source: HTMLCanvasElement | null = null;
  return (image) => {
    if (source?.width !== image.width || source.height !== image.height) source = canvasOf(image.width, image.height);
    return enlargeOnto(out, source, image).getImageData(0, 0, size, size);
  };
}

const canvasOf = (width: number, height: number) => Object.assign(document.createElement('canvas'), { width, height });

/** Draws `image` over the whole of `out`, smoothed, through `source` (a canvas of the image's size). */
function enlargeOnto(out: HTMLCanvasElement, source: HTMLCanvasElement, image: ImageData): CanvasRenderingContext2D {
  source.getContext('2d', READ_BACK)!.putImageData(image, 0, 0);
  const ctx = out.getContext('2d', READ_BACK)!;
  ctx.imageSmoothingQuality = 'high';
  ctx.clearRect(0, 0, out.width, out.height);
  ctx.drawImage(source, 0, 0, out.width, out.height);
  return ctx;
}
