// An animation's frames as ImageData: cut from a strip, or taken from a canvas at a smaller size.

/** For a canvas whose pixels are read back: kept in memory, since reading a GPU canvas back waits
 * on the GPU each time (~65 ms a 128 px frame on SwiftShader: a walk's batch of 32 would hold the page ~2 s). */
export const READ_BACK: CanvasRenderingContext2DSettings = { willReadFrequently: true };

/** The `count` frames of a strip (frames side by side, as the engine returns a walk), one image each. */
export function framesOfStrip(strip: ImageBitmap, count: number): ImageData[] {
  const width = Math.floor(strip.width / count);
  const context = new OffscreenCanvas(strip.width, strip.height).getContext('2d', READ_BACK)!;
  context.drawImage(strip, 0, 0);
  return Array.from({ length: count }, (_, k) => context.getImageData(k * width, 0, width, strip.height));
}

/** A canvas's pixels as a frame, at `scale` (at most 1) of its size. */
export function scaledFrame(canvas: HTMLCanvasElement | OffscreenCanvas, scale: number): ImageData {
  const s = Math.min(1, scale);
  const [width, height] = [Math.max(2, Math.round(canvas.width * s)), Math.max(2, Math.round(canvas.height * s))];
  const context = new OffscreenCanvas(width, height).getContext('2d', READ_BACK)!;
  context.drawImage(canvas, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}
