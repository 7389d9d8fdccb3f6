// Pixels in and out of the engine: a recipe's image reference -> pixels at the working size (a preset, a
// creation kept in this browser, an image stored with a shared creation, or a file the person chose); brush
// strokes -> a mask; pixels -> an ImageBitmap frame. Uses OffscreenCanvas only, so it runs in a Worker too.
import * as tf from '@tensorflow/tfjs';
import type { ImageRef, MaskStrokes } from '../share/recipe';
import { fetchSharedImage } from '../share/publish';
import { getCreation } from '../store/creations';
import { fitToSize, sizeForShortSide } from '../canvas/image-header';
import { READ_BACK } from '../canvas/frames';
import { ImageInputError, loadImageFile } from '../canvas/image-file';
import { PRESET_HASH_CHARS, presetBlob, picturePresetById } from '../canvas/picture-presets';
import { presetPixels } from './preset-pixels';

/** An image's pixels as float32 [1, H, W, 3] in [0, 255]. */
export function imageToTensor(source: ImageBitmap | ImageData): tf.Tensor4D {
  return tf.tidy(() => tf.browser.fromPixels(source).toFloat().expandDims(0) as tf.Tensor4D);
}

/** [1, H, W, 3] or [H, W, 3] pixels in [0, 255] as a bitmap (values rounded as tf.browser.toPixels does). */
export async function bitmapOf(pixels: tf.Tensor): Promise<ImageBitmap> {
  const image = tf.tidy(
    () => (pixels.rank === 4 ? pixels.squeeze([0]) : pixels).clipByValue(0, 255).div(255) as tf.Tensor3D,
  );
  try {
    const [height, width] = image.shape;
    return await createImageBitmap(
      new ImageData(new Uint8ClampedArray(await tf.browser.toPixels(image)), width, height),
    );
  } finally {
    image.dispose();
  }
}

/** White strokes on black, blurred by the feather: a [1, H, W, 1] tensor in [0, 1]. */
export function maskTensor(mask: MaskStrokes, width: number, height: number): tf.Tensor4D {
  const long = Math.max(width, height);
  const ctx = new OffscreenCanvas(width, height).getContext('2d', READ_BACK)!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  if (mask.feather > 0) ctx.filter = `blur(${(mask.feather * long) / 2}px)`;
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of mask.strokes) {
    const p = stroke.points;
    ctx.lineWidth = stroke.size * long;
    ctx.beginPath();
    ctx.moveTo((p[0] / 1000) * width, (p[1] / 1000) * height);
    for (let i = 2; i < p.length; i += 2) ctx.lineTo((p[i] / 1000) * width, (p[i + 1] / 1000) * height);
    if (p.length === 2) ctx.lineTo((p[0] / 1000) * width + 0.01, (p[1] / 1000) * height);
    ctx.stroke();
  }
  const data = ctx.getImageData(0, 0, width, height);
  return tf.tidy(() => tf.browser.fromPixels(data, 1).toFloat().div(255).expandDims(0) as tf.Tensor4D);
}

/** The longest side a working size is raised to, for a thin image's short side to reach a network's minimum. */
export const RAISED_SIZE_CAP = 1024;

/**
 * Pixels [1, H, W, 3] in [0, 255] with the long side at `size`. `file` serves references to uploads.
 * With `minShortSide`, a long thin image comes at the larger size that gives its short side that many pixels
 * (the caller reads the size used off the shape), and one that would need more than RAISED_SIZE_CAP is refused.
 */
export async function resolveImage(
  ref: ImageRef,
  size: number,
  file: Blob | null,
  minShortSide = 0,
): Promise<tf.Tensor4D> {
  let blob = file;
  if (ref.kind === 'preset') {
    const picture = picturePresetById(ref.id);
    if (!picture) return presetPixels(ref.id, size); // a generated texture
    if (ref.hash && ref.hash !== picture.sha256.slice(0, PRESET_HASH_CHARS)) {
      throw new ImageInputError(`This recipe names a version of "${picture.title}" that this studio does not ship.`);
    }
    blob = await presetBlob(picture);
  }
  if (ref.kind === 'shared' && !blob) blob = await fetchSharedImage(ref.creation, ref.slot);
  if (ref.kind === 'creation' && !blob) {
    const creation = await getCreation(ref.id).catch(() => undefined);
    if (!creation?.image)
      throw new ImageInputError(
        'This recipe starts from a creation that is not in this browser. Choose an image and press Run.',
      );
    blob = creation.image;
  }
  if (!blob)
    throw new ImageInputError(
      ref.kind === 'upload'
        ? `This recipe was made from an uploaded image ("${ref.name}") that links cannot carry. ` +
            'Choose an image and press Run.'
        : 'Choose an image first.',
    );
  let used = size;
  let bitmap = await loadImageFile(blob, used);
  // Raised until the decoded image itself has the short side (so the recorded size decodes the same again).
  while (Math.min(bitmap.width, bitmap.height) < minShortSide) {
    const next = sizeForShortSide(bitmap.width, bitmap.height, used + 1, minShortSide, RAISED_SIZE_CAP);
    if (next === null) {
      bitmap.close();
      throw new ImageInputError(
        `This image is too long and thin for this studio: for its short side to reach ${minShortSide} px ` +
          `it would be more than ${RAISED_SIZE_CAP} px long. Crop it to a less extreme shape.`,
      );
    }
    bitmap.close();
    used = next;
    bitmap = await loadImageFile(blob, used);
  }
  try {
    const { width, height } = fitToSize(bitmap.width, bitmap.height, used);
    return tf.tidy(() => tf.image.resizeBilinear(imageToTensor(bitmap), [height, width], true));
  } finally {
    bitmap.close();
  }
}
