// The training benchmark (`npm run bench -- train`): characters a second a CharRNN learns from, with the studio's own
// training code, for issue-sized models; models/charrnn/bench_train.py times PyTorch on the same shapes.
import { TextFit } from '../../models/charrnn/fit';
import { mulberry32 } from '../../models/core/random';
import { VOCAB } from '../../models/charrnn/vocab';

/** A 2 x 256 model, batch 32, windows of 100 characters, as the PyTorch reference. */
export const TRAIN_BENCH = { layers: 2, hidden: 256, embed: 64, batch: 32, window: 100 };

/** Steps over generated text (the speed does not depend on what is read), after one warm-up step. */
export async function train(_filesFor: unknown, options: { steps?: number } = {}): Promise<Record<string, number>> {
  const { layers, hidden, embed, batch, window } = TRAIN_BENCH;
  const steps = options.steps ?? 3;
  const random = mulberry32(1);
  const ids = Array.from({ length: 40 * batch * (window + 1) }, () => Math.floor(random() * VOCAB.length));
  const settings = { learningRate: 2e-3, clipNorm: 1, dropout: 0.25, weightDecay: 0.01, batch, window, seed: 1 };
  const fit = new TextFit(ids, { vocab: VOCAB.length, embed, hidden, layers }, settings);
  try {
    await fit.step(); // compiles and warms what the steps use
    const started = performance.now();
    for (let i = 0; i < steps; i++) await fit.step();
    const ms = (performance.now() - started) / steps;
    return { step_ms: Math.round(ms), chars_per_s: Math.round((1000 * batch * window) / ms) };
  } finally {
    fit.dispose();
  }
}
