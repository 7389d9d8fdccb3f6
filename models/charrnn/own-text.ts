// What the page needs to know about training a person's own model before any tensor exists: how much text it takes,
// what is wrong with a text and what becomes of its characters, the shipped models it can start from, how many
// weights a shape has. Tensor-free, so the page imports it without tfjs.
import mobyDick from '../charrnn-moby-dick/export.json';
import shakespeare from '../charrnn-shakespeare/export.json';
import type { CharRNNShape } from './train';
import { alphabetCounts } from './vocab';

/** How much text a person's own model learns from: enough for a held-out tenth worth reading, little enough for
 * the page to hold. */
export const TRAINING_TEXT_BYTES = { min: 20_000, max: 5_000_000 };

/** A text with more than this share of characters outside the vocabulary would teach mostly "unknown". */
const MAX_UNKNOWN_SHARE = 0.1;

/** What becomes of a text's characters, in words; null when every one is in the vocabulary as it is. */
export function alphabetNote(text: string): string | null {
  const { total, mapped, unknown } = alphabetCounts(text);
  if (!mapped && !unknown) return null;
  const n = (k: number) => k.toLocaleString('en');
  const parts = [
    mapped && `${n(mapped)} typographic characters (curly quotes, dashes, tabs) are read as their plain forms`,
    unknown &&
      `${n(unknown)} characters (${((100 * unknown) / total).toFixed(1)}%) are outside the models' alphabet ` +
        '(printable ASCII and new lines) and are read as one "unknown" character',
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

/** What is wrong with a text to train on, in words a person can act on; null when it will do. `text` is checked for
 * characters the models cannot read once its size is right. */
export function trainingTextProblem(bytes: number, unreadable = false, text?: string): string | null {
  if (unreadable) return 'This file is not UTF-8 text: choose a plain-text (.txt) file.';
  const kb = (n: number) => `${Math.round(n / 1000).toLocaleString('en')} KB`;
  if (bytes < TRAINING_TEXT_BYTES.min)
    return `This text is ${kb(bytes)}; a model needs at least ${kb(TRAINING_TEXT_BYTES.min)} to learn from.`;
  if (bytes > TRAINING_TEXT_BYTES.max)
    return `This text is ${kb(bytes)}; the studio trains on at most ${kb(TRAINING_TEXT_BYTES.max)} (5 MB).`;
  const { total, unknown } = text ? alphabetCounts(text) : { total: 1, unknown: 0 };
  if (unknown / total > MAX_UNKNOWN_SHARE)
    return (
      `${Math.round((100 * unknown) / total)}% of this text's characters are outside the alphabet the models read ` +
      '(printable ASCII): it would learn mostly "unknown". Texts in other scripts are not supported yet.'
    );
  return null;
}

/** Shipped models a person's model can start from: it keeps their shape and vocabulary and learns the new text. */
export const FINE_TUNE_BASES = [
  { id: 'charrnn-shakespeare', title: 'Shakespeare', version: shakespeare.version, cfg: shakespeare.cfg },
  { id: 'charrnn-moby-dick', title: 'Moby-Dick', version: mobyDick.version, cfg: mobyDick.cfg },
].map(({ cfg, ...base }) => ({
  ...base,
  shape: { vocab: cfg.vocab, embed: cfg.embed, hidden: cfg.hidden, layers: cfg.layers } satisfies CharRNNShape,
}));

/** The number of weights of a CharRNN of this shape (float16: two bytes each when saved). */
export function parameterCount({ vocab, embed, hidden, layers }: CharRNNShape): number {
  let n = vocab * embed + hidden * vocab + vocab;
  for (let i = 0; i < layers; i++) n += ((i === 0 ? embed : hidden) + hidden + 1) * 4 * hidden;
  return n;
}

/** The weights of a CharRNN of this shape by model.ts's names, with the shapes it reads them in. */
export function weightShapes({ vocab, embed, hidden, layers }: CharRNNShape): Record<string, number[]> {
  const shapes: Record<string, number[]> = { 'embed/embeddings': [vocab, embed] };
  for (let i = 1; i <= layers; i++) {
    shapes[`lstm${i}/kernel`] = [i === 1 ? embed : hidden, 4 * hidden];
    shapes[`lstm${i}/recurrent_kernel`] = [hidden, 4 * hidden];
    shapes[`lstm${i}/bias`] = [4 * hidden];
  }
  return { ...shapes, 'head/kernel': [hidden, vocab], 'head/bias': [vocab] };
}
