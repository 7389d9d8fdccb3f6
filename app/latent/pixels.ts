// Decoded VAE images ([B, H, W, C] in [0, 1], C = 1 or 3) to ImageData tiles and canvases.
import * as tf from '@tensorflow/tfjs';

/** Image `index` of a batch read back as `data`, as RGBA. */
export function tileOf(data: Float32Array | Int32Array | Uint8Array, index: number, [h, w, c]: readonly number[]): ImageData {
  const tile = new ImageData(w, h);
  const base = index * h * w * c;
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < 3; k++) tile.data[p * 4 + k] = Math.round(255 * data[base + p * c + (c === 1 ? 0 : k)]);
    tile.data[p * 4 + 3] = 255;
  }
  return tile;
}

/** Tiles side by side on one ImageData (a strip of previews). */
export function stripOf(tiles: ImageData[]): ImageData {
  const [w, h] = [tiles[0].width, tiles[0].height];
  const strip = new ImageData(w * tiles.length, h);
  tiles.forEach((t, k) => {
    for (let y = 0; y < h; y++) strip.data.set(t.data.subarray(y * w * 4, (y + 1) * w * 4), (y * w * tiles.length + k * w) * 4);
  });
  return strip;
}

/** Decodes latents [B, latent] with `decode` and reads every image back as a tile. */
export async function decodeTiles(decode: (z: tf.Tensor2D) => tf.Tensor4D, latents: ArrayLike<number>[]): Promise<ImageData[]> {
  const images = tf.tidy(() => decode(tf.tensor2d(latents.flatMap((z) => Array.from(z)), [latents.length, latents[0].length])));
  try {
    const data = await images.data();
    return latents.map((_, i) => tileOf(data, i, images.shape.slice(1)));
  } finally {
    images.dispose();
  }
}

/** Puts an ImageData on a canvas of the same size. */
export function paint(canvas: HTMLCanvasElement | null, image: ImageData) {
  if (!canvas) return;
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/** An image upscaled to `size` px on a new canvas (for saving: 28 px digits are too small to look at). */
export function upscaled(image: ImageData, size: number): HTMLCanvasElement {
  const source = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
  source.getContext('2d')!.putImageData(image, 0, 0);
  const out = Object.assign(document.createElement('canvas'), { width: size, height: size });
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size, size);
  return out;
}
