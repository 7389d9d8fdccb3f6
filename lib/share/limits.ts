/** What the sharing server accepts; the browser sizes its uploads by the same numbers (lib/share/publish). */

/** Images are shared at most this large on their long side (the studios' own limit for uploads). */
export const SHARE_MAX_SIDE = 4096;
/** The server refuses requests above this many bytes (413) unless configured otherwise. */
export const DEFAULT_MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** Text outputs are stored up to this many characters. */
export const MAX_SHARED_TEXT = 20_000;
export const MAX_TITLE = 120;

/** multipart field names of POST /api/creations */
export const FIELD = { recipe: 'recipe', title: 'title', public: 'public', text: 'text', output: 'output', input: (slot: number) => `input-${slot}` } as const;
