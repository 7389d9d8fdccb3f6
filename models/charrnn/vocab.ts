/**
 * The one vocabulary of every text and music model (model.py's VOCAB): newline, printable ASCII, UNK.
 * Typographic quotes and dashes map to ASCII first, exactly as in training and evaluation.
 */
export const UNK = '\u0000';
export const VOCAB = ['\n', ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), UNK];
const INDEX = new Map(VOCAB.map((ch, i) => [ch, i]));
const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2014': '-',
  '\u2013': '-',
  '\u2026': '...',
  '\r': '',
  '\t': ' ',
  '\u00a0': ' ',
};

export function normalizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = TYPOGRAPHY[ch] ?? ch;
    for (const m of mapped) out += INDEX.has(m) ? m : UNK;
  }
  return out;
}

/** How a text reads in this vocabulary: its characters (carriage returns aside), those mapped to ones it has (curly
 * quotes, dashes, tabs) and those it has none for (read as UNK). */
export function alphabetCounts(text: string): { total: number; mapped: number; unknown: number } {
  let total = 0;
  let mapped = 0;
  let unknown = 0;
  for (const ch of text) {
    if (ch === '\r') continue; // a Windows line end: dropped, the new line after it read
    total++;
    if (INDEX.has(ch)) continue;
    if (ch in TYPOGRAPHY) mapped++;
    else unknown++;
  }
  return { total, mapped, unknown };
}

export function encode(text: string): number[] {
  return Array.from(normalizeText(text), (ch) => INDEX.get(ch) as number);
}

export const decode = (ids: readonly number[]): string => ids.map((i) => VOCAB[i]).join('');
