// Images in and out of the page: a file, drop or paste -> a checked, oriented, scaled bitmap; a canvas -> PNG.
// No tensors here: the engine (lib/engine/pixels.ts) turns bitmaps into pixels.
import { fitToSize, headerProblem, readImageHeader } from './image-header';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export class ImageInputError extends Error {
  name = 'ImageInputError';
}

/** Decodes an uploaded file at `size` px on its long side, honouring EXIF orientation. */
export async function loadImageFile(file: Blob & { name?: string }, size: number): Promise<ImageBitmap> {
  const name = file.name || 'image';
  if (file.size > MAX_FILE_BYTES)
    throw new ImageInputError(
      `"${name}" is ${(file.size / 1e6).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
    );
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
  const scaled = await createImageBitmap(full, {
    resizeWidth: target.width,
    resizeHeight: target.height,
    resizeQuality: 'high',
  });
  full.close();
  return scaled;
}

/** Draws a frame's bitmap onto a canvas, resizing the canvas to fit. */
export function drawBitmap(bitmap: ImageBitmap, canvas: HTMLCanvasElement): void {
  Object.assign(canvas, { width: bitmap.width, height: bitmap.height });
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
}

/** Draws a result kept as its PNG back onto `canvas`, so a stopped or failed run leaves on screen what Save names. */
export async function drawPng(png: Blob, canvas: HTMLCanvasElement): Promise<void> {
  const bitmap = await createImageBitmap(png);
  drawBitmap(bitmap, canvas);
  bitmap.close();
}

/** Small canvases (digits) in a row as one PNG, each drawn `side` px square and kept sharp, `gap` px apart. */
export function canvasesInRowPng(canvases: HTMLCanvasElement[], side: number, gap: number): Promise<Blob> {
  const out = Object.assign(document.createElement('canvas'), {
    width: canvases.length * (side + gap) - gap,
    height: side,
  });
  const context = out.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  canvases.forEach((canvas, i) => context.drawImage(canvas, i * (side + gap), 0, side, side));
  return canvasToPng(out);
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
