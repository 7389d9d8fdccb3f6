/**
 * A CharRNN trained in Node with the browser's own training code (models/charrnn/fit.ts on tfjs wasm), for a time
 * budget, measured on the text's last 5% (never trained on: fit.ts holds out the last 10%):
 *
 *   npm run train-text -- (--file <txt> | --moby-dick) [--from <registry id>] [--minutes 20] [--layers 2]
 *                         [--hidden 256] [--batch 32] [--window 100] [--learning-rate 0.003] [--dropout 0.1]
 *                         [--measure-chars N]
 *
 * --from fine-tunes a shipped model (its shape; its weights as the start). Prints nats/char on the last 5% (its first
 * N characters with --measure-chars: a 2 x 512 model reads about 100 a second on one wasm thread) before and after,
 * steps, characters read and characters a second.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadNamedWeights } from '../models/core/layers';
import { TextFit } from '../models/charrnn/fit';
import { CharRNN, natsPerChar } from '../models/charrnn/model';
import type { CharRNNShape, CharRNNWeights } from '../models/charrnn/train';
import { encode, VOCAB } from '../models/charrnn/vocab';
import { startWasmBackend } from '../models/node/backends';
import { publicModel } from '../models/node/files';
import { packageMobyDick } from '../models/node/moby-dick';
import { registryEntry } from '../models/registry';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    'moby-dick': { type: 'boolean' },
    from: { type: 'string' },
    minutes: { type: 'string', default: '20' },
    layers: { type: 'string', default: '2' },
    hidden: { type: 'string', default: '256' },
    batch: { type: 'string', default: '32' },
    window: { type: 'string', default: '100' },
    'learning-rate': { type: 'string', default: '0.003' },
    dropout: { type: 'string', default: '0.1' },
    'measure-chars': { type: 'string' },
  },
});

/** A shipped model's weights as variables, and its shape. */
async function shipped(id: string): Promise<{ weights: CharRNNWeights; shape: CharRNNShape }> {
  const entry = registryEntry(id);
  const tensors = await loadNamedWeights(publicModel(entry.id, entry.version));
  const weights = Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, tf.variable(t)]));
  tf.dispose(Object.values(tensors));
  const [vocab, embed] = weights['embed/embeddings'].shape;
  const hidden = weights['lstm1/recurrent_kernel'].shape[0];
  const layers = Object.keys(weights).filter((k) => k.endsWith('/recurrent_kernel')).length;
  return { weights, shape: { vocab, embed, hidden, layers } };
}

async function main() {
  await startWasmBackend();
  const text = values['moby-dick'] ? packageMobyDick() : values.file ? readFileSync(values.file, 'utf8') : null;
  if (!text) throw new Error('give the text: --file <txt> or --moby-dick');
  const ids = encode(text);
  const lastFivePercent = ids
    .slice(Math.floor(ids.length * 0.95))
    .slice(0, Number(values['measure-chars'] ?? Infinity));
  const start = values.from
    ? await shipped(values.from)
    : {
        weights: undefined,
        shape: { vocab: VOCAB.length, embed: 64, hidden: Number(values.hidden), layers: Number(values.layers) },
      };
  const settings = {
    ...{ learningRate: Number(values['learning-rate']), clipNorm: 1, dropout: Number(values.dropout) },
    ...{ weightDecay: 0.01, batch: Number(values.batch), window: Number(values.window), seed: 1 },
  };
  const fit = new TextFit(ids, start.shape, settings, start.weights);
  const measure = () => natsPerChar(CharRNN.over(fit.weights), lastFivePercent, 32);
  const before = await measure();
  const what = `${start.shape.layers} x ${start.shape.hidden}${values.from ? ` from ${values.from}` : ' fresh'}`;
  console.log(
    `${what}, ${ids.length.toLocaleString('en')} characters, measured on ${lastFivePercent.length.toLocaleString('en')} ` +
      `of the last 5%; before: ${before.toFixed(4)} nats/char`,
  );
  const budget = Number(values.minutes) * 60_000;
  const started = Date.now();
  let lastLog = started;
  while (Date.now() - started < budget) {
    const loss = await fit.step();
    if (Date.now() - lastLog > 60_000) {
      lastLog = Date.now();
      const rate = Math.round((1000 * fit.charsRead) / (lastLog - started));
      console.log(`step ${fit.steps}: loss ${loss.toFixed(3)}, ${rate.toLocaleString('en')} characters a second`);
    }
  }
  const seconds = Math.max(1e-3, (Date.now() - started) / 1000);
  const after = await measure();
  console.log(
    `${what}: ${fit.steps} steps, ${fit.charsRead.toLocaleString('en')} characters in ${seconds.toFixed(0)} s ` +
      `(${Math.round(fit.charsRead / seconds).toLocaleString('en')} a second); ` +
      `last 5%: ${before.toFixed(4)} -> ${after.toFixed(4)} nats/char`,
  );
  fit.dispose();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
