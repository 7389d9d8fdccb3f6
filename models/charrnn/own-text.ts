// What the page needs to know about training a person's own model before any tensor exists: how much text it takes,
// what is wrong with a text, how many weights a shape has. Tensor-free, so the page imports it without tfjs.
import type { CharRNNShape } from './train';

/** How much text a person's own model learns from: enough for a held-out tenth worth reading, little enough for
 * the page to hold. */
export const TRAINING_TEXT_BYTES = { min: 20_000, max: 5_000_000 };

/** What is wrong with a text to train on, in words a person can act on; null when it will do. */
export function trainingTextProblem(bytes: number, unreadable = false): string | null {
  if (unreadable) return 'This file is not UTF-8 text: choose a plain-text (.txt) file.';
  const kb = (n: number) => `${Math.round(n / 1000).toLocaleString('en')} KB`;
  if (bytes < TRAINING_TEXT_BYTES.min)
    return `This text is ${kb(bytes)}; a model needs at least ${kb(TRAINING_TEXT_BYTES.min)} to learn from.`;
  if (bytes > TRAINING_TEXT_BYTES.max)
    return `This text is ${kb(bytes)}; the studio trains on at most ${kb(TRAINING_TEXT_BYTES.max)} (5 MB).`;
  return null;
}

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
