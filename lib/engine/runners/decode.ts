// One-shot runs: faces and VAE decodes (as strips of tiles), a VAE encode, and a studio's starting picture.
import * as tf from '@tensorflow/tfjs';
import { chooseFaces, type FaceJudge } from '../../../models/dcgan-faces/judge';
import { seedLatents } from '../../../models/dcgan-faces/latent';
import { type DCGANFaces, LATENT_SIZE } from '../../../models/dcgan-faces/model';
import type { VAE } from '../../../models/vae/model';
import { loadImageFile } from '../../canvas/image-file';
import type { RunContext } from './context';
import { bitmapOf, resolveImage } from '../pixels';
import type { FaceSource, Frame, FrameData, Latents, PlanKind, PlanOf } from '../protocol';

const batchOf = (latents: Latents) =>
  tf.tensor2d(
    latents.flatMap((z) => Array.from(z)),
    [latents.length, latents[0].length],
  );

/**
 * Images [B, H, W, C] (values scaled by `scale` to 0..255, C = 1 or 3) side by side as one RGBA strip. The values
 * pass through a Uint8ClampedArray (round to nearest), the rounding the studios drew with before the engine.
 */
async function stripOf(images: tf.Tensor4D, scale: number): Promise<ImageBitmap> {
  const [count, h, w, c] = images.shape;
  const data = await images.data();
  const strip = new ImageData(w * count, h);
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const from = ((i * h + y) * w + x) * c;
        const to = (y * w * count + i * w + x) * 4;
        for (let k = 0; k < 3; k++)
          strip.data[to + k] =
            scale === 1 ? data[from + (c === 1 ? 0 : k)] : Math.round(scale * data[from + (c === 1 ? 0 : k)]);
        strip.data[to + 3] = 255;
      }
    }
  }
  return createImageBitmap(strip);
}

/** A one-frame run's result. */
const single = <K extends PlanKind>(image: ImageBitmap, data: FrameData[K]): Frame<K> => ({
  step: 1,
  total: 1,
  image,
  data,
});

/** The latents a face source stands for, and the candidates chosen for it (by the judge when none were given). */
async function facesOf(context: RunContext, gan: DCGANFaces, source: FaceSource): Promise<FrameData['faces']> {
  if ('latents' in source) return { latents: source.latents, chosen: null };
  const { seeds, k, chosen, judge, ...draw } = source;
  if (k === 1 || chosen) return { latents: seedLatents(seeds, draw, k, chosen ?? undefined), chosen };
  if (!judge) throw new Error("Choosing among a seed's candidate faces needs the face judge.");
  return chooseFaces(gan, await context.model<FaceJudge>(judge), seeds, { k, ...draw });
}

export async function runFaces(context: RunContext, plan: PlanOf<'faces'>): Promise<Frame<'faces'>> {
  const gan = await context.model<DCGANFaces>(plan.model);
  const made = await facesOf(context, gan, plan.faces);
  const n = made.latents.length;
  await context.prepare(`faces ${n}`, () => gan.pixels(tf.zeros([n, LATENT_SIZE])));
  const faces = tf.tidy(() => gan.pixels(batchOf(made.latents)));
  try {
    return single(await stripOf(faces, 1), made);
  } finally {
    faces.dispose();
  }
}

export async function runLatentDecode(
  context: RunContext,
  plan: PlanOf<'latent-decode'>,
): Promise<Frame<'latent-decode'>> {
  const vae = await context.model<VAE>(plan.model);
  const images = tf.tidy(() => vae.decode(batchOf(plan.latents)));
  try {
    return single(await stripOf(images, 255), null);
  } finally {
    images.dispose();
  }
}

/** A photo cropped to its centre square at the model's input size, as [H * W * 3] in [0, 1]. */
async function photoPixels(photo: Blob, side: number): Promise<Float32Array> {
  const bitmap = await loadImageFile(photo, side * 4);
  const crop = Math.min(bitmap.width, bitmap.height);
  const ctx = new OffscreenCanvas(side, side).getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, (bitmap.width - crop) / 2, (bitmap.height - crop) / 2, crop, crop, 0, 0, side, side);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, side, side).data;
  return Float32Array.from({ length: side * side * 3 }, (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)] / 255);
}

export async function runLatentEncode(
  context: RunContext,
  plan: PlanOf<'latent-encode'>,
): Promise<Frame<'latent-encode'>> {
  const vae = await context.model<VAE>(plan.model);
  const shape = vae.imageShape;
  const pixels = plan.photo ? await photoPixels(plan.photo, shape[0]) : plan.pixels;
  if (!pixels) throw new Error('Draw something or choose a photo first.');
  const input = tf.tensor4d(pixels, [1, ...shape]);
  const mu = tf.tidy(() => vae.encode(input).mu);
  try {
    return single(await stripOf(input, 255), { mu: Array.from(await mu.data()) });
  } finally {
    tf.dispose([input, mu]);
  }
}

export async function runPicture(plan: PlanOf<'picture'>): Promise<Frame<'picture'>> {
  const pixels = await resolveImage(plan.ref, plan.size, plan.file);
  try {
    return single(await bitmapOf(pixels), null);
  } finally {
    pixels.dispose();
  }
}
