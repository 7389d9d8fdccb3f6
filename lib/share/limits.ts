/** What the sharing server accepts; the browser sizes its uploads by the same numbers (lib/share/publish). */

/** Images are shared at most this large on their long side (the studios' own limit for uploads). */
export const SHARE_MAX_SIDE = 4096;
/** One upload decodes at most this many pixels across all its images (two images of SHARE_MAX_SIDE squared): the
 * server refuses more from the images' headers before decoding any (a few hundred bytes of WebP can stand for
 * 4096 x 4096 pixels), and the browser scales a creation's inputs to fit before uploading. */
export const SHARE_MAX_REQUEST_PIXELS = 2 * SHARE_MAX_SIDE * SHARE_MAX_SIDE;

/**
 * The most pixels each input image may keep so that they and the output (kept whole: it is at most SHARE_MAX_SIDE
 * squared, half the budget) fit `budget`: smallest first, each whole while it fits an equal share of what is left.
 */
export function inputPixelAllowances(output: number, inputs: number[], budget = SHARE_MAX_REQUEST_PIXELS): number[] {
  const allowances = inputs.slice();
  let left = budget - output;
  const order = inputs.map((_, i) => i).sort((a, b) => inputs[a] - inputs[b]);
  order.forEach((i, n) => {
    allowances[i] = Math.max(0, Math.min(inputs[i], Math.floor(left / (order.length - n))));
    left -= allowances[i];
  });
  return allowances;
}

/** The server refuses requests above this many bytes (413) unless configured otherwise. */
export const DEFAULT_MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** Text outputs are stored up to this many characters. */
export const MAX_SHARED_TEXT = 20_000;
/** Titles are stored up to this many characters (code points: an emoji counts once and is never cut in half). */
export const MAX_TITLE = 120;

/** A title cut to MAX_TITLE code points; slicing UTF-16 units could leave half an emoji, stored as U+FFFD. */
export const cutTitle = (title: string): string => Array.from(title).slice(0, MAX_TITLE).join('');

/** multipart field names of POST /api/creations */
export const FIELD = {
  recipe: 'recipe',
  title: 'title',
  public: 'public',
  text: 'text',
  output: 'output',
  input: (slot: number) => `input-${slot}`,
  /** a text creation's own model file (lib/store/own-model-file.ts), stored with it under this name */
  model: 'model',
} as const;
