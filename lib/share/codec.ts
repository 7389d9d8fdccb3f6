/**
 * Recipe <-> link text: JSON, zlib-compressed, a CRC-32 of the compressed bytes appended (zlib alone
 * ignores bytes after its end), strict base64url. Decoding failures of any kind become a RecipeError
 * with a message a person can read.
 */
import { readStream } from '../streams';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import type { z } from 'zod';
import { labFromV1, labRecipeV1 } from './lab-recipe-v1';
import { type Recipe, recipeSchema } from './recipe';

export const MAX_LINK_CHARS = 16_384;
export const MAX_RECIPE_JSON_BYTES = 65_536;

export type RecipeErrorCode = 'too-large' | 'malformed' | 'unknown-studio' | 'unsupported-version' | 'invalid';

export class RecipeError extends Error {
  constructor(
    readonly code: RecipeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecipeError';
  }
}

async function pump(
  stream: { writable: WritableStream<BufferSource>; readable: ReadableStream<Uint8Array> },
  input: Uint8Array,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const written = writer.write(input as BufferSource).then(() => writer.close());
  written.catch(() => undefined); // the reader reports the same failure
  const out = await readStream(stream.readable, (total) => {
    if (total > limit) throw new RecipeError('too-large', 'This recipe is larger than a link may carry.');
  });
  await written;
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Compressed bytes + their CRC-32, as base64url. */
export function frameAsText(packed: Uint8Array): string {
  const framed = new Uint8Array(packed.length + 4);
  framed.set(packed);
  new DataView(framed.buffer).setUint32(packed.length, crc32(packed));
  return encodeBase64Url(framed);
}

export async function encodeRecipe(recipe: Recipe): Promise<string> {
  const valid = recipeSchema.parse(recipe);
  const json = new TextEncoder().encode(JSON.stringify(valid));
  return frameAsText(await pump(new CompressionStream('deflate'), json, Infinity));
}

export async function decodeRecipe(text: string): Promise<Recipe> {
  if (text.length > MAX_LINK_CHARS) throw new RecipeError('too-large', 'This link is too long to be a recipe.');
  const framed = decodeBase64Url(text);
  if (!framed || framed.length <= 4)
    throw new RecipeError('malformed', 'This link is damaged: its recipe is not valid base64url.');
  const packed = framed.subarray(0, framed.length - 4);
  if (new DataView(framed.buffer).getUint32(packed.length) !== crc32(packed)) {
    throw new RecipeError(
      'malformed',
      'This link is damaged: its recipe fails its checksum. Was it copied completely?',
    );
  }
  let json: unknown;
  try {
    const bytes = await pump(new DecompressionStream('deflate'), packed, MAX_RECIPE_JSON_BYTES);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof RecipeError) throw e;
    throw new RecipeError('malformed', 'This link is damaged: its recipe could not be read. Was it copied completely?');
  }
  return validateRecipe(json);
}

/** Every studio a recipe may name, and the recipe version this app writes for it, from the schema's own list. */
const CURRENT_VERSION = new Map<string, number>(
  recipeSchema.options.map((option) => [option.shape.studio.value, option.shape.v.value]),
);

/** Older recipe versions this app still reads, each with the upgrade to the current one. */
const OLDER_VERSIONS: Record<string, Record<number, (json: unknown) => Recipe>> = {
  lab: { 1: (json) => labFromV1(checked(labRecipeV1, json, 'lab')) },
};

function checked<T>(schema: z.ZodType<T>, json: unknown, studio: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RecipeError(
    'invalid',
    `This ${studio} recipe is not valid (${issue.path.join('.') || 'recipe'}: ${issue.message}).`,
  );
}

export function validateRecipe(json: unknown): Recipe {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new RecipeError('invalid', 'This link does not hold a recipe.');
  const { studio, v } = json as { studio?: unknown; v?: unknown };
  const current = typeof studio === 'string' ? CURRENT_VERSION.get(studio) : undefined;
  if (typeof studio !== 'string' || current === undefined)
    throw new RecipeError('unknown-studio', 'This link is for a studio this version of Neural Atelier does not have.');
  const upgrade = typeof v === 'number' ? OLDER_VERSIONS[studio]?.[v] : undefined;
  if (upgrade) return upgrade(json);
  if (v !== current)
    throw new RecipeError(
      'unsupported-version',
      `This ${studio} recipe is version ${String(v)}; this app reads version ${current}` +
        `${OLDER_VERSIONS[studio] ? ' and older ones' : ''}. It may come from a newer Neural Atelier.`,
    );
  return checked(recipeSchema, json, studio);
}

/** `#r=<recipe>` -> the encoded recipe text, or null when the fragment holds none. */
export function recipeTextFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('r');
}

export async function recipeHash(recipe: Recipe): Promise<string> {
  return `#r=${await encodeRecipe(recipe)}`;
}
