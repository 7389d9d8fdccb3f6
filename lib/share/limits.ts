/** What the sharing server accepts; the browser sizes its uploads by the same numbers (lib/share/publish). */

/** Images are shared at most this large on their long side (the studios' own limit for uploads). */
export const SHARE_MAX_SIDE = 4096;
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
} as const;
