/**
 * The browser's side of server sharing: publish a creation (recipe + output + the images and own model only this
 * browser holds), fetch a shared input back for a remix, and remember the delete tokens of what this
 * browser published. The server side is server/ (the sharing server); both read their limits from ./limits.
 */
import { ImageInputError } from '../canvas/image-file';
import { encodeRecipe } from './codec';
import {
  cutTitle,
  DEFAULT_MAX_UPLOAD_BYTES,
  FIELD,
  inputPixelAllowances,
  MAX_SHARED_TEXT,
  SHARE_MAX_SIDE,
} from './limits';
import { type ImageRef, imageRefsOf, isOwnModelRef, type Recipe } from './recipe';
import { getCreation } from '../store/creations';
import { ownModelBytes } from '../store/model-files';

export interface PublishRequest {
  recipe: Recipe;
  title: string;
  listed: boolean;
  /** The image the creation made, if it makes images. */
  output?: Blob;
  text?: string;
  /** For each of the recipe's image references (imageRefsOf order) that is not a preset: the image used. */
  inputs: (Blob | null)[];
}

export interface Published {
  id: string;
  deleteToken: string;
  url: string;
}

const TOKENS_KEY = 'neural-atelier.published';

function tokens(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(TOKENS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The delete token of a creation this browser published, if it did. */
export const deleteTokenFor = (id: string): string | undefined => tokens()[id];

export function forgetPublished(id: string): void {
  const all = tokens();
  delete all[id];
  localStorage.setItem(TOKENS_KEY, JSON.stringify(all));
}

/** An image decoded for sharing, upright (EXIF orientation applied). */
async function decodeForShare(blob: Blob): Promise<ImageBitmap> {
  return createImageBitmap(blob, { imageOrientation: 'from-image' }).catch(() => {
    throw new ImageInputError('An image of this creation could not be read, so it cannot be shared.');
  });
}

/** Pixels an image keeps once its long side fits SHARE_MAX_SIDE. */
const sharedPixels = ({ width, height }: ImageBitmap) =>
  width * height * Math.min(1, SHARE_MAX_SIDE / Math.max(width, height)) ** 2;

/** Re-encodes an image in the browser: metadata (EXIF, GPS) stays behind, it keeps at most `maxPixels` and its long
 * side fits SHARE_MAX_SIDE, and it is PNG (lossless) unless that would not fit `budget` bytes, then JPEG. */
async function encodeForShare(bitmap: ImageBitmap, budget: number, maxPixels: number): Promise<Blob> {
  const fit = Math.min(1, SHARE_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const scale = Math.min(fit, Math.sqrt(maxPixels / (bitmap.width * bitmap.height)));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.floor(bitmap.width * scale)),
    Math.max(1, Math.floor(bitmap.height * scale)),
  );
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  return png.size <= budget ? png : canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

/** An image a reference names that is kept here (a saved creation) or on the server (a shared input). */
async function storedImage(ref: ImageRef): Promise<Blob | null> {
  if (ref.kind === 'creation') return (await getCreation(ref.id).catch(() => undefined))?.image ?? null;
  if (ref.kind === 'shared') return fetchSharedImage(ref.creation, ref.slot);
  return null;
}

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  if (typeof body?.error === 'string') return body.error;
  return `The server could not store this creation (HTTP ${res.status}).`;
}

/** Uploads a creation; the server answers with its page and a token that lets this browser delete it. */
export async function publishCreation(req: PublishRequest): Promise<Published> {
  const form = new FormData();
  form.set(FIELD.recipe, await encodeRecipe(req.recipe));
  form.set(FIELD.title, cutTitle(req.title));
  form.set(FIELD.public, req.listed ? '1' : '0');
  if (req.text !== undefined) form.set(FIELD.text, req.text.slice(0, MAX_SHARED_TEXT));
  // A person's own model travels with what it wrote, so the link works in any browser.
  if (req.recipe.studio === 'text' && isOwnModelRef(req.recipe.model))
    form.set(FIELD.model, new Blob([await ownModelBytes(req.recipe.model)], { type: 'application/json' }));
  const refs = imageRefsOf(req.recipe);
  const inputs: { slot: number; image: Blob }[] = [];
  for (const [slot, ref] of refs.entries()) {
    if (ref.kind === 'preset') continue;
    const image = req.inputs[slot] ?? (await storedImage(ref));
    if (!image)
      throw new ImageInputError(
        'An image this creation was made from is no longer here; choose it again before sharing.',
      );
    inputs.push({ slot, image });
  }
  // The server decodes at most SHARE_MAX_REQUEST_PIXELS an upload: the output goes whole, the inputs share the rest.
  const output = req.output ? await decodeForShare(req.output) : null;
  const bitmaps: ImageBitmap[] = [];
  try {
    for (const { image } of inputs) bitmaps.push(await decodeForShare(image));
    const budget = Math.floor((DEFAULT_MAX_UPLOAD_BYTES * 0.9) / (bitmaps.length + (output ? 1 : 0) || 1));
    if (output) form.set(FIELD.output, await encodeForShare(output, budget, sharedPixels(output)));
    const allowances = inputPixelAllowances(output ? sharedPixels(output) : 0, bitmaps.map(sharedPixels));
    for (const [n, { slot }] of inputs.entries())
      form.set(FIELD.input(slot), await encodeForShare(bitmaps[n], budget, allowances[n]));
  } finally {
    [output, ...bitmaps].forEach((b) => b?.close());
  }
  const res = await fetch('/api/creations', { method: 'POST', body: form });
  if (!res.ok) throw new Error(await errorMessage(res));
  const published = (await res.json()) as Published;
  localStorage.setItem(TOKENS_KEY, JSON.stringify({ ...tokens(), [published.id]: published.deleteToken }));
  return published;
}

export async function deletePublished(id: string): Promise<void> {
  const token = deleteTokenFor(id);
  if (!token) throw new Error('This browser did not publish this creation, so it cannot delete it.');
  const res = await fetch(`/api/creations/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  if (!res.ok && res.status !== 404) throw new Error(await errorMessage(res));
  forgetPublished(id);
}

export async function setPublishedListing(id: string, listed: boolean): Promise<void> {
  const token = deleteTokenFor(id);
  if (!token) throw new Error('This browser did not publish this creation, so it cannot change it.');
  const res = await fetch(`/api/creations/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ listed }),
  });
  if (!res.ok) throw new Error(await errorMessage(res));
}

/** An input image stored with a shared creation (for a remix). */
export async function fetchSharedImage(creation: string, slot: number): Promise<Blob> {
  const res = await fetch(`/api/creations/${creation}/files/${FIELD.input(slot)}`).catch(() => null);
  if (!res?.ok) {
    throw new ImageInputError(
      res?.status === 404
        ? 'This recipe starts from a shared image that has been deleted. Choose an image and press Run.'
        : 'The shared image this recipe starts from could not be loaded; check your connection and press Run.',
    );
  }
  return res.blob();
}
