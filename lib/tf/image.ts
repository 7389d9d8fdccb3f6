// Images in and out of the studios: file/drop/paste -> checked, oriented, scaled bitmap -> tensor;
// tensor -> canvas -> PNG.
import * as tf from '@tensorflow/tfjs';
import { fitToSize, headerProblem, readImageHeader } from './image-header';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export class ImageInputError extends Error {
  name = 'ImageInputError';
}

/** Decodes an uploaded file at `size` px on its long side, honouring EXIF orientation. */
export async function loadImageFile(file: Blob & { name?: string }, size: number): Promise<ImageBitmap> {
  const name = file.name || 'image';
  if (file.size > MAX_FILE_BYTES) throw new ImageInputError(`"${name}" is ${(file.size / 1e6).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  const head = new Uint8Array(await file.slice(0, 512 * 1024).arrayBuffer());
  const header = readImageHeader(head);
  const problem = headerProblem(header, name);
  if (problem) throw new ImageInputError(problem);
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageInputError(`"${name}" could not be decoded: the file looks damaged.`);
  }
  const target = fitToSize(full.width, full.height, size);
  if (target.width === full.width && target.height === full.height) return full;
  const scaled = await createImageBitmap(full, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
  full.close();
  return scaled;
}

/** An image's pixels as float32 [1, H, W, 3] in [0, 255]. */
export function imageToTensor(source: ImageBitmap | HTMLCanvasElement | ImageData): tf.Tensor4D {
  return tf.tidy(() => tf.browser.fromPixels(source).toFloat().expandDims(0) as tf.Tensor4D);
}

/** Draws [1, H, W, 3] or [H, W, 3] pixels in [0, 255] onto a canvas, resizing the canvas to fit. */
export async function drawTensor(pixels: tf.Tensor, canvas: HTMLCanvasElement): Promise<void> {
  const image = tf.tidy(() => (pixels.rank === 4 ? pixels.squeeze([0]) : pixels).clipByValue(0, 255).div(255) as tf.Tensor3D);
  try {
    await tf.browser.toPixels(image, canvas);
  } finally {
    image.dispose();
  }
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
