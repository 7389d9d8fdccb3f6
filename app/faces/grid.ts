// How the faces studio lays out faces: the engine's strip of 64 px faces drawn as a grid of 128 px cells.
import { FACE_SIZE } from '@/models/dcgan-faces/latent';

export const SCALE = 2; // faces are drawn at 128 px: upscaled display of the 64 px output
export const CELL = FACE_SIZE * SCALE + 4;

/** The grid's columns for n faces: a square, at most 8 wide. */
export const columnsFor = (n: number) => Math.min(8, Math.ceil(Math.sqrt(n || 1)));

/** Draws a strip of faces (the engine's frame: N faces of 64 px side by side) into a grid canvas of
 * `columns` columns. */
export async function drawGrid(strip: ImageBitmap, canvas: HTMLCanvasElement, columns: number) {
  const n = strip.width / FACE_SIZE;
  const rows = Math.ceil(n / columns);
  canvas.width = columns * CELL + 4;
  canvas.height = rows * CELL + 4;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0e0d12';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  for (let i = 0; i < n; i++) {
    // Each face is cut out first, so scaling it up never samples its neighbour in the strip.
    const face = await createImageBitmap(strip, i * FACE_SIZE, 0, FACE_SIZE, FACE_SIZE);
    ctx.drawImage(
      face,
      4 + (i % columns) * CELL,
      4 + Math.floor(i / columns) * CELL,
      FACE_SIZE * SCALE,
      FACE_SIZE * SCALE,
    );
    face.close();
  }
  strip.close();
}

/** The cells of a drawn grid as images, left to right: a blend's frames. */
export function cellsOf(canvas: HTMLCanvasElement, count: number): ImageData[] {
  const ctx = canvas.getContext('2d')!;
  return Array.from({ length: count }, (_, k) =>
    ctx.getImageData(4 + k * CELL, 4, FACE_SIZE * SCALE, FACE_SIZE * SCALE),
  );
}
