/**
 * Simple properties of a text, one number per character, that an LSTM cell may track (Karpathy et al. found cells
 * for quotes and for the position in a line), and the arithmetic that ranks cells by how well they follow one.
 * No tfjs: the page computes these from a read's trace (cells.ts).
 */
import { mulberry32 } from '../core/random';
import { normalizeText } from './vocab';

export const PROPERTIES = {
  quotes: 'inside quotes',
  line: 'position in the line',
  speaker: "inside a speaker's name",
  bar: 'position in a bar of a tune',
} as const;
export type Property = keyof typeof PROPERTIES;

/** The property's value at each character of `text` (typographic quotes read as the model reads them). */
export function labelsOf(property: Property, text: string): Float32Array {
  const chars = Array.from(normalizeText(text));
  const out = new Float32Array(chars.length);
  if (property === 'quotes') {
    let inside = false;
    chars.forEach((ch, i) => {
      if (ch === '"') inside = !inside;
      out[i] = inside || ch === '"' ? 1 : 0;
    });
  } else if (property === 'line' || property === 'bar') {
    // Characters since the last newline (or bar line, '|', which a newline also ends).
    let position = 0;
    chars.forEach((ch, i) => {
      position = ch === '\n' || (property === 'bar' && ch === '|') ? 0 : position + 1;
      out[i] = position;
    });
  } else {
    // A speaker's name is a line of capitals ending in a colon, as tiny Shakespeare writes "ROMEO:".
    let start = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (i < chars.length && chars[i] !== '\n') continue;
      const line = chars.slice(start, i).join('');
      if (/^[A-Z][A-Z .']*:$/.test(line)) out.fill(1, start, i);
      start = i + 1;
    }
  }
  return out;
}

/** Pearson's correlation of two equally long series; 0 when either is constant. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let [ma, mb] = [0, 0];
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a[i] / n, mb + b[i] / n];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [da, db] = [a[i] - ma, b[i] - mb];
    [ab, aa, bb] = [ab + da * db, aa + da * da, bb + db * db];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The labels in a seeded random order: what a cell's correlation is worth when nothing is there to follow. */
export function shuffled(labels: Float32Array, seed: number): Float32Array {
  const out = labels.slice();
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Cells by |correlation| with the labels, strongest first: `series(layer, cell)` gives one cell over the text. */
export function rankCells(
  layers: number,
  hidden: number,
  series: (layer: number, cell: number) => ArrayLike<number>,
  labels: Float32Array,
  top = 5,
): { layer: number; cell: number; r: number }[] {
  const all: { layer: number; cell: number; r: number }[] = [];
  for (let layer = 0; layer < layers; layer++)
    for (let cell = 0; cell < hidden; cell++) all.push({ layer, cell, r: correlation(series(layer, cell), labels) });
  return all.sort((a, b) => Math.abs(b.r) - Math.abs(a.r)).slice(0, top);
}
