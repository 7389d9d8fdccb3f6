/**
 * Recipes: everything needed to make a creation again, one versioned zod schema per studio.
 * A recipe names its model by id and weights fingerprint, so a link made with other weights says so.
 */
import { z } from 'zod';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { fromHalfBits, toHalfBits } from './float16';
import { INCEPTION_CHANNELS, INCEPTION_LAYERS } from '../../models/inception-v3/layers';
import { SEE_CLASS_STARTS } from '../../models/classifier/settings';
import { LATENT_SIZE } from '../../models/dcgan-faces/latent';
import { canPull } from '../../models/dcgan-faces/good-faces';

/** Links up to this working size start by themselves; larger ones wait for a click (a link must not
 * be able to make a stranger's GPU grind for minutes). */
export const SAFE_AUTO_SIZE = 512;
export const MAX_LATENT_DIMS = 512;
/** The longest tune a walk carries (ABC text). */
export const MAX_WALK_TUNE = 3000;
/** A walk's frames a second: the panel makes 12, and a link may not ask for more (its frames are kept in the page). */
export const WALK_FPS = 12;
/** The most points a /latent walk loops through. */
export const MAX_WALK_POINTS = 8;
/** A faces recipe chooses among at most this many candidates per seed. */
export const MAX_FACE_CANDIDATES = 16;
/** How far a faces recipe may pull its latents toward good faces (models/dcgan-faces/latent.ts pulledToward): at 1
 * every face would be the one mean face. */
export const MAX_FACE_PULL = 0.9;

/** Ids of shared creations: 16 random bytes in base64url. */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** A recipe refers to at most this many images (a dream's input and guide; style's content, up to 4
 * styles and the image it starts from). */
export const MAX_IMAGE_REFS = 6;

const shareId = z.string().regex(SHARE_ID_PATTERN);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
const seed = z.number().int().min(0).max(0xffffffff);
const unit = (min: number, max: number) => z.number().min(min).max(max);

/** A latent vector as float16 bytes in base64url: 2 bytes a number, exact for values already rounded. */
export const latentText = z
  .string()
  .max(Math.ceil((MAX_LATENT_DIMS * 2 * 4) / 3))
  .refine((s) => decodeLatent(s) !== null, 'not a float16 vector');

/** A registry model ('own' names a person's own model: ownModelRef). */
export const modelRef = z.strictObject({
  id: z.string().regex(/^(?!own$)[a-z0-9][a-z0-9-]{0,39}$/),
  fp: z.string().regex(/^[0-9a-f]{8,64}$/),
});

/**
 * A person's own text model (lib/store/own-model-file.ts), named by the sha256 of its file and where that file is:
 * `from` null while only its author's browser holds it, else the shared creation it was uploaded with.
 */
export const ownModelRef = z.strictObject({
  id: z.literal('own'),
  fp: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(80),
  from: shareId.nullable(),
});
export type OwnModelRef = z.infer<typeof ownModelRef>;
export const isOwnModelRef = (ref: { id: string }): ref is OwnModelRef => ref.id === 'own' && 'name' in ref;

export const imageRef = z.discriminatedUnion('kind', [
  // A picture preset carries the start of its file's sha256 (lib/canvas/picture-presets.ts); generated ones need none.
  z.strictObject({
    kind: z.literal('preset'),
    id,
    hash: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
  }),
  z.strictObject({ kind: z.literal('creation'), id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
  // A file the person uploaded: the link names it but cannot carry it; sharing stores the file with the creation
  // and points the recipe at it as `shared` (server/creations.ts).
  z.strictObject({ kind: z.literal('upload'), name: z.string().max(120) }),
  // An image stored with a shared creation on the server: its input number `slot` (server/).
  z.strictObject({
    kind: z.literal('shared'),
    creation: shareId,
    slot: z
      .number()
      .int()
      .min(0)
      .max(MAX_IMAGE_REFS - 1),
  }),
]);

/** Brush strokes saying where to dream: points in thousandths of the image's width and height. */
export const maskStrokes = z.strictObject({
  feather: unit(0, 0.2), // edge softness, as a fraction of the image's long side
  strokes: z
    .array(
      z.strictObject({
        size: unit(0.002, 0.5), // brush diameter, as a fraction of the long side
        points: z
          .array(z.number().int().min(0).max(1000))
          .min(2)
          .max(4000)
          .refine((p) => p.length % 2 === 0, 'points come in x, y pairs'),
      }),
    )
    .min(1)
    .max(200),
});

export const dreamRecipe = z.strictObject({
  studio: z.literal('dream'),
  v: z.literal(1),
  model: modelRef,
  input: imageRef,
  size: z.number().int().min(75).max(4096), // long side of the working image, px
  layers: z
    .array(z.strictObject({ name: z.enum(INCEPTION_LAYERS), weight: unit(-10, 10) }))
    .min(1)
    .max(6),
  channel: z.number().int().min(0).max(767).optional(), // maximise one channel instead of whole layers
  octaves: z.number().int().min(1).max(8),
  octaveScale: unit(1.1, 2),
  steps: z.number().int().min(1).max(200), // per octave
  stepSize: unit(0.0001, 0.5),
  jitter: z.number().int().min(0).max(128),
  seed,
  mask: maskStrokes.optional(), // no mask: dream everywhere
  guide: imageRef.optional(), // grow this image's features instead of the input's own
});

export const styleRecipe = z.strictObject({
  studio: z.literal('style'),
  v: z.literal(1),
  model: modelRef,
  content: imageRef,
  // A style with a region paints only there; those without share what no region claims, blended by weight.
  styles: z
    .array(z.strictObject({ image: imageRef, weight: unit(0, 1), region: maskStrokes.optional() }))
    .min(1)
    .max(4),
  size: z.number().int().min(75).max(2048), // long side of the result, px
  steps: z.number().int().min(1).max(2000),
  contentWeight: unit(0, 1e4),
  styleWeight: unit(0, 1e6),
  tvWeight: unit(0, 1e3),
  learningRate: unit(0.1, 50), // Adam's step, in pixel levels
  styleScale: unit(0.25, 2), // the style image's size relative to the result's: below 1, larger strokes
  coarseToFine: z.boolean(), // half the steps at half size first
  preserveColor: z.enum(['none', 'luminance', 'histogram']),
  init: z.enum(['content', 'noise']),
  start: imageRef.optional(), // begin from this image (a previous result) instead of `init`
  // stopped by hand after this many of `steps`: replays stop there too
  stopAt: z.number().int().min(1).max(2000).optional(),
  seed,
  // models/style/run.ts's algorithm; absent in links made before algorithm 2, which keep algorithm 1's look
  algorithm: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  strength: unit(0, 1).optional(), // algorithm 3's style strength: 0 keeps the photo, 1 (or absent) the full style
});

/** A walk set to a tune: an ABC tune at `qpm` quarter notes a minute, `fps` frames a second, one move a bar. */
const tuneWalk = {
  tune: z.string().min(1).max(MAX_WALK_TUNE),
  qpm: z.number().int().min(40).max(240),
  fps: z.number().int().min(4).max(WALK_FPS),
};

export const facesRecipe = z
  .strictObject({
    studio: z.literal('faces'),
    v: z.literal(1),
    model: modelRef,
    seeds: z.array(seed).min(1).max(64), // one face per seed, drawn from the seeded normal generator
    truncation: unit(0, 3), // 0 = off; else latents are resampled beyond this many standard deviations
    // each latent moved this far toward the mean latent of the judge's best-rated faces for the model's weights, its
    // length kept (models/dcgan-faces/latent.ts pulledToward); absent: 0. Only weights with such a mean take one, so a
    // mean added later for other weights changes no link.
    pull: unit(0, MAX_FACE_PULL).optional(),
    // explicit vectors (picks, arithmetic) replace seeds; each as long as the generator's latent
    latents: z
      .array(latentText.refine((s) => decodeLatent(s)?.length === LATENT_SIZE, `not ${LATENT_SIZE} values`))
      .max(64)
      .optional(),
    // k candidates per seed (absent: 1, the seed's own face), `chosen` the one shown of each seed's, as the face judge
    // `judge` chose it when the faces were made: a replay takes these and never scores again
    k: z.number().int().min(2).max(MAX_FACE_CANDIDATES).optional(),
    chosen: z.array(z.number().int().min(0)).max(64).optional(),
    judge: modelRef.optional(),
    // a walk through the first `faces` faces set to a tune (models/core/walk.ts)
    walk: z.strictObject({ ...tuneWalk, faces: z.number().int().min(2).max(16) }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.pull !== undefined && !canPull(r.model.fp))
      ctx.addIssue({ code: 'custom', message: "these weights have no good faces' mean to pull toward" });
    if (r.walk && r.walk.faces > (r.latents?.length || r.seeds.length))
      ctx.addIssue({ code: 'custom', message: 'a walk goes through faces the recipe has' });
    const candidates = r.k !== undefined || r.chosen !== undefined || r.judge !== undefined;
    const whole = r.k !== undefined && r.judge !== undefined && r.chosen?.length === r.seeds.length;
    if (candidates && !(whole && r.chosen!.every((c) => c < r.k!)))
      ctx.addIssue({ code: 'custom', message: 'k, judge and one chosen candidate (under k) per seed go together' });
  });

export const latentRecipe = z.strictObject({
  studio: z.literal('latent'),
  v: z.literal(1),
  model: modelRef,
  z: latentText,
  // a loop from z through `points` - 1 points drawn by `seed`, set to a tune (models/core/walk.ts)
  walk: z.strictObject({ ...tuneWalk, points: z.number().int().min(2).max(MAX_WALK_POINTS), seed }).optional(),
});

export const textRecipe = z.strictObject({
  studio: z.literal('text'),
  v: z.literal(1),
  model: z.union([ownModelRef, modelRef]),
  mode: z.enum(['text', 'music']),
  prime: z.string().max(1000),
  temperature: unit(0.05, 3),
  topK: z.number().int().min(0).max(256), // 0 = off
  topP: unit(0, 1), // 1 = off
  length: z.number().int().min(1).max(5000),
  seed,
});

/** The Lab's digits: 28x28 grey levels, 0 background to 255 ink, row by row. */
export const DIGIT_PIXELS = 28 * 28;

/** A digit as its 784 bytes in base64url (1,046 characters). */
export const digitText = z
  .string()
  .length(Math.ceil((DIGIT_PIXELS * 4) / 3))
  .refine((s) => decodeBase64Url(s)?.length === DIGIT_PIXELS, 'not a 28x28 digit');

/** Which of a digit's 784 pixels are erased, one bit each (row by row, first pixel in the top bit): 98 bytes. */
export const erasedText = z
  .string()
  .length(Math.ceil((Math.ceil(DIGIT_PIXELS / 8) * 4) / 3))
  .refine((s) => decodeBase64Url(s)?.length === DIGIT_PIXELS / 8, 'not a 28x28 mask');

/** "Make it see": gradient ascent on the digit's pixels (models/classifier/see-class.ts), judged by `judge`. */
export const labSeeShape = {
  judge: modelRef,
  target: z.number().int().min(0).max(9),
  steps: z.number().int().min(1).max(300),
  stepSize: unit(0.005, 0.5),
  jitter: z.number().int().min(0).max(4),
  tvWeight: unit(0, 100),
  seed,
  objective: z.enum(['logit', 'log-probability']),
  decay: unit(0, 0.5),
  start: z.enum(SEE_CLASS_STARTS),
};

/** What an InceptionV3 channel looks for: an image grown from seeded noise (models/featurevis/featurevis.ts). */
export const labFeatureShape = {
  model: modelRef, // InceptionV3
  layer: z.enum(INCEPTION_LAYERS),
  channel: z.number().int().min(0).max(767),
  size: z.number().int().min(75).max(512),
  steps: z.number().int().min(1).max(1000),
  levels: z.number().int().min(1).max(8),
  learningRate: unit(0.001, 1),
  jitter: z.number().int().min(0).max(64),
  scaleJitter: unit(0, 0.5),
  seed,
};
export const channelFits = (f: { layer: keyof typeof INCEPTION_CHANNELS; channel: number }) =>
  f.channel < INCEPTION_CHANNELS[f.layer];

/** Denoising: the digit with the `erased` pixels wiped and seeded Gaussian noise of deviation `sd` added, cleaned by
 * the denoising autoencoder `denoiser`. */
export const labDenoiseShape = { denoiser: modelRef, sd: unit(0, 1), seed, erased: erasedText };

/** What the Lab shows of its digit: its layers, the classifier made to see a class, the digit denoised, or (needing
 * no digit) an InceptionV3 channel. */
export const labShows = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('layers') }),
  z.strictObject({ kind: z.literal('see'), ...labSeeShape }),
  z.strictObject({ kind: z.literal('denoise'), ...labDenoiseShape }),
  z
    .strictObject({ kind: z.literal('feature'), ...labFeatureShape })
    .refine(channelFits, 'that layer has fewer channels'),
]);

/** Version 2: one of the modes as a union (version 1, three optional fields, is read by lib/share/lab-recipe-v1.ts). */
export const labRecipe = z.strictObject({
  studio: z.literal('lab'),
  v: z.literal(2),
  model: modelRef, // the digit classifier whose layers are shown
  digit: digitText,
  shows: labShows,
});

/** The denoise studio: a digit with the `erased` pixels wiped and seeded noise of deviation `sd` added, cleaned by
 * the denoising autoencoder `model`; `classifier` says what it makes of the digit before and after. */
export const denoiseRecipe = z.strictObject({
  studio: z.literal('denoise'),
  v: z.literal(1),
  model: modelRef,
  classifier: modelRef,
  digit: digitText,
  sd: unit(0, 1),
  seed,
  erased: erasedText,
});

export const recipeSchema = z.discriminatedUnion('studio', [
  dreamRecipe,
  styleRecipe,
  facesRecipe,
  latentRecipe,
  textRecipe,
  labRecipe,
  denoiseRecipe,
]);

export type Recipe = z.infer<typeof recipeSchema>;
export type DreamRecipe = z.infer<typeof dreamRecipe>;
export type MaskStrokes = z.infer<typeof maskStrokes>;
export type StyleRecipe = z.infer<typeof styleRecipe>;
export type FacesRecipe = z.infer<typeof facesRecipe>;
export type LatentRecipe = z.infer<typeof latentRecipe>;
export type TextRecipe = z.infer<typeof textRecipe>;
export type LabRecipe = z.infer<typeof labRecipe>;
export type LabShows = z.infer<typeof labShows>;
export type DenoiseRecipe = z.infer<typeof denoiseRecipe>;
export type StudioId = Recipe['studio'];
export type ImageRef = z.infer<typeof imageRef>;

/** The recipe's image references in a fixed order (dream: input, guide; style: content, styles, start). */
export function imageRefsOf(recipe: Recipe): ImageRef[] {
  if (recipe.studio === 'dream') return recipe.guide ? [recipe.input, recipe.guide] : [recipe.input];
  if (recipe.studio === 'style')
    return [recipe.content, ...recipe.styles.map((s) => s.image), ...(recipe.start ? [recipe.start] : [])];
  return [];
}

/** The same recipe with each image reference replaced (in imageRefsOf's order). */
export function mapImageRefs<R extends Recipe>(recipe: R, replace: (ref: ImageRef, index: number) => ImageRef): R {
  if (recipe.studio === 'dream') {
    return { ...recipe, input: replace(recipe.input, 0), ...(recipe.guide ? { guide: replace(recipe.guide, 1) } : {}) };
  }
  if (recipe.studio === 'style') {
    const styles = recipe.styles.map((s, i) => ({ ...s, image: replace(s.image, i + 1) }));
    return {
      ...recipe,
      content: replace(recipe.content, 0),
      styles,
      ...(recipe.start ? { start: replace(recipe.start, 1 + styles.length) } : {}),
    };
  }
  return recipe;
}

/** Whether the recipe alone remakes the creation: no image or model that only its author's browser holds. */
export const isSelfContained = (recipe: Recipe) =>
  imageRefsOf(recipe).every((ref) => ref.kind === 'preset' || ref.kind === 'shared') &&
  !(recipe.studio === 'text' && isOwnModelRef(recipe.model) && recipe.model.from === null);

/** A digit [784] in [0, 1] as recipe text (its grey levels rounded to 0..255). */
export const encodeDigit = (pixels: ArrayLike<number>): string =>
  encodeBase64Url(
    Uint8Array.from({ length: DIGIT_PIXELS }, (_, i) => Math.round(255 * Math.min(1, Math.max(0, pixels[i])))),
  );

/** A recipe's digit as [784] in [0, 1]. */
export const decodeDigit = (text: string): Float32Array =>
  Float32Array.from(decodeBase64Url(text) ?? new Uint8Array(DIGIT_PIXELS), (v) => v / 255);

/** Erased pixels (784 booleans, any truthy value erases) as recipe text. */
export function encodeErased(erased: ArrayLike<number | boolean>): string {
  const bytes = new Uint8Array(DIGIT_PIXELS / 8);
  for (let i = 0; i < DIGIT_PIXELS; i++) if (erased[i]) bytes[i >> 3] |= 0x80 >> (i & 7);
  return encodeBase64Url(bytes);
}

/** A recipe's erased pixels as [784] of 0 and 1. */
export function decodeErased(text: string): Uint8Array {
  const bytes = decodeBase64Url(text) ?? new Uint8Array(DIGIT_PIXELS / 8);
  return Uint8Array.from({ length: DIGIT_PIXELS }, (_, i) => (bytes[i >> 3] >> (7 - (i & 7))) & 1);
}

export function encodeLatent(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const h = toHalfBits(values[i]);
    bytes[2 * i] = h & 255;
    bytes[2 * i + 1] = h >>> 8;
  }
  return encodeBase64Url(bytes);
}

export function decodeLatent(text: string): number[] | null {
  const bytes = decodeBase64Url(text);
  if (!bytes || bytes.length % 2 !== 0 || bytes.length / 2 > MAX_LATENT_DIMS) return null;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) {
    const v = fromHalfBits(bytes[i] | (bytes[i + 1] << 8));
    if (!Number.isFinite(v)) return null;
    out.push(v);
  }
  return out;
}

/** Why a link does not start by itself, or null when it may. */
export function autoRunBlocker(recipe: Recipe): string | null {
  if ((recipe.studio === 'dream' || recipe.studio === 'style') && recipe.size > SAFE_AUTO_SIZE) {
    return (
      `This recipe works at ${recipe.size} px, above the ${SAFE_AUTO_SIZE} px a link may start by itself. ` +
      'Press Run when you are ready.'
    );
  }
  return null;
}
