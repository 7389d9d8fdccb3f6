// DeepDream runs: a dream from its recipe, a zoom animation from a finished dream, and a finished dream carried
// onto its uploaded image at full size.
import * as tf from '@tensorflow/tfjs';
import { dreamAtFullSize, guideVectors, zoomIn } from '../../../models/deepdream/dream';
import { dream, type DreamPlan, warmUpDream } from '../../../models/deepdream/run';
import type { InceptionV3 } from '../../../models/inception-v3/model';
import { loadImageFile } from '../../canvas/image-file';
import type { DreamRecipe } from '../../share/recipe';
import { dreamLayers, dreamPlanOf, MIN_SHORT_SIDE, TILE_ABOVE, workingSize } from '../plans';
import { readImageHeader } from '../../canvas/image-header';
import { Cancelled } from '../errors';
import type { RunContext } from './context';
import { bitmapOf, imageToTensor, maskTensor, resolveImage } from '../pixels';
import type { Frame, PlanOf } from '../protocol';

/** The dream plan of a recipe at an image size, with its guide's feature vectors (the caller disposes them). */
async function planOf(
  net: InceptionV3,
  recipe: DreamRecipe,
  width: number,
  height: number,
  guideFile: Blob | null,
): Promise<DreamPlan> {
  if (!recipe.guide) return dreamPlanOf(recipe, width, height);
  const guidePixels = await resolveImage(recipe.guide, 224, guideFile);
  try {
    return dreamPlanOf(
      recipe,
      width,
      height,
      guideVectors(
        net,
        guidePixels,
        dreamLayers(recipe).map((l) => l.name),
      ),
    );
  } finally {
    guidePixels.dispose();
  }
}

/**
 * Frame 0 is the input at the working size; then one frame per step. Frame 0 and the result carry the working size
 * used and, when it was raised for a thin image, a note saying so (lib/engine/plans.ts).
 */
export async function runDream(
  context: RunContext,
  { model, recipe, files }: PlanOf<'dream'>,
): Promise<Frame<'dream'>> {
  const net = await context.model<InceptionV3>(model);
  const pixels = await resolveImage(recipe.input, recipe.size, files.input, MIN_SHORT_SIDE);
  const used = workingSize(recipe, pixels);
  const made = { ...recipe, size: used.size };
  const [, height, width] = pixels.shape;
  const tensors: tf.Tensor[] = [pixels];
  try {
    const mask = made.mask ? maskTensor(made.mask, width, height) : undefined;
    if (mask) tensors.push(mask);
    const plan = await planOf(net, made, width, height, files.guide);
    tensors.push(...(plan.guide ?? []));
    const data = { made, note: used.note ?? null };
    await context.show({ step: 0, total: made.steps, image: await bitmapOf(pixels), data });
    await context.prepare(dreamShapes(made, width, height), () => warmUpDream(net, height, width, { ...plan, mask }));
    const out = await dream(net, pixels, { ...plan, mask }, async (r) =>
      context.show({ step: r.step, total: r.total, image: await bitmapOf(r.image), data }),
    );
    tensors.push(out);
    if (context.cancelled) throw new Cancelled();
    return { step: made.steps, total: made.steps, image: await bitmapOf(out), data };
  } finally {
    tf.dispose(tensors);
  }
}

/** Zoom frames: the finished dream, then each frame zoomed in by `factor` and dreamed again with one octave. */
export async function runDreamZoom(
  context: RunContext,
  { model, recipe, files, from, frames, factor }: PlanOf<'dream-zoom'>,
): Promise<Frame<'dream-zoom'>> {
  const net = await context.model<InceptionV3>(model);
  const start = await createImageBitmap(from);
  let image = imageToTensor(start);
  start.close();
  const [, height, width] = image.shape;
  let plan: DreamPlan | undefined;
  try {
    plan = await planOf(net, recipe, width, height, files.guide);
    await context.show({ step: 0, total: frames - 1, image: await bitmapOf(image), data: null });
    for (let k = 1; k < frames; k++) {
      const zoomed = zoomIn(image, factor);
      image.dispose();
      image = zoomed;
      const dreamed = await dream(
        net,
        zoomed,
        { ...plan, octaves: 1, seed: recipe.seed + k },
        () => !context.cancelled,
      );
      zoomed.dispose();
      image = dreamed;
      if (!(await context.show({ step: k, total: frames - 1, image: await bitmapOf(image), data: null }))) break;
    }
    if (context.cancelled) throw new Cancelled();
    return { step: frames - 1, total: frames - 1, data: null };
  } finally {
    tf.dispose([image, ...(plan?.guide ?? [])]);
  }
}

/** The dream carried onto the uploaded image at its own size, up to `limit` px;
 * the dream itself when that is no larger. */
export async function runDreamFullSize({
  recipe,
  files,
  dreamed,
  limit,
}: PlanOf<'dream-full-size'>): Promise<Frame<'dream-full-size'>> {
  const shown = await createImageBitmap(dreamed);
  if (!files.input || recipe.input.kind !== 'upload') return { step: 1, total: 1, image: shown, data: null };
  const header = readImageHeader(new Uint8Array(await files.input.slice(0, 512 * 1024).arrayBuffer()));
  const original = await loadImageFile(
    files.input,
    Math.min(limit, Math.max(header?.width ?? 0, header?.height ?? 0, shown.width, shown.height)),
  );
  if (Math.max(original.width, original.height) <= Math.max(shown.width, shown.height)) {
    original.close();
    return { step: 1, total: 1, image: shown, data: null };
  }
  const input = await resolveImage(recipe.input, recipe.size, files.input);
  const full = tf.tidy(() => dreamAtFullSize(imageToTensor(original), input, imageToTensor(shown)));
  original.close();
  shown.close();
  try {
    return { step: 1, total: 1, image: await bitmapOf(full), data: null };
  } finally {
    tf.dispose([full, input]);
  }
}

/** What fixes a dream's GPU programs: its size, octaves, layers, guide, mask and tiling (not its seed or steps). */
const dreamShapes = (r: DreamRecipe, width: number, height: number) =>
  `dream ${JSON.stringify([
    width,
    height,
    r.octaves,
    r.octaveScale,
    r.layers.map((l) => l.name),
    r.channel ?? null,
    !!r.guide,
    !!r.mask,
    width > TILE_ABOVE || height > TILE_ABOVE,
  ])}`;
