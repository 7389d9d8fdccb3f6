/**
 * A CharRNN as training sees it: the network of model.py and model.ts as tf.Variables under model.ts's names, and
 * the mean next-character cross-entropy of a batch of windows (windowLoss: the held-out measure, and the reference the
 * hand-written gradients of backprop.ts are held to). The embedding is read as one-hot x matrix rather than a gather
 * (the same numbers): tfjs 4.22's wasm backend lacks UnsortedSegmentSum, which the gradient of tf.gather needs. A
 * window's last state can seed the next window (truncated backpropagation through time). trainer.ts takes the steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { LSTMState } from './model';

export interface CharRNNShape {
  vocab: number; // tokens
  embed: number; // embedding size: the first LSTM layer's input
  hidden: number; // units per LSTM layer
  layers: number; // stacked LSTM layers
}

/** The weights by model.ts's names (embed/embeddings, lstm<i>/kernel|recurrent_kernel|bias, head/kernel|bias). */
export type CharRNNWeights = Record<string, tf.Variable>;

export interface TrainSettings {
  learningRate: number;
  /** Gradients are scaled down together when their global norm exceeds this (train.py: 1). */
  clipNorm: number;
  /** Dropout between LSTM layers and before the head, training only (train.py: 0.25). */
  dropout: number;
  /** Decoupled weight decay, as torch.optim.AdamW (train.py: 0.01). */
  weightDecay: number;
}

/** Weights initialised as PyTorch initialises the same modules (nn.Embedding, nn.LSTM, nn.Linear), seeded. */
export function initialWeights({ vocab, embed, hidden, layers }: CharRNNShape, seed: number): CharRNNWeights {
  const uniform = (shape: number[], bound: number, k: number) =>
    tf.randomUniform(shape, -bound, bound, 'float32', seed + k);
  const lstmBound = 1 / Math.sqrt(hidden);
  const weights: Record<string, tf.Tensor> = {
    'embed/embeddings': tf.randomNormal([vocab, embed], 0, 1, 'float32', seed),
  };
  for (let i = 1; i <= layers; i++) {
    const inputs = i === 1 ? embed : hidden;
    weights[`lstm${i}/kernel`] = uniform([inputs, 4 * hidden], lstmBound, 10 * i + 1);
    weights[`lstm${i}/recurrent_kernel`] = uniform([hidden, 4 * hidden], lstmBound, 10 * i + 2);
    // PyTorch's two biases, each uniform, summed into the one model.ts reads
    weights[`lstm${i}/bias`] = tf.tidy(() =>
      uniform([4 * hidden], lstmBound, 10 * i + 3).add(uniform([4 * hidden], lstmBound, 10 * i + 4)),
    );
  }
  weights['head/kernel'] = uniform([hidden, vocab], 1 / Math.sqrt(hidden), 1001);
  weights['head/bias'] = uniform([vocab], 1 / Math.sqrt(hidden), 1002);
  return Object.fromEntries(
    Object.entries(weights).map(([name, value]) => {
      // Unnamed: tfjs refuses a second variable of one name, and a page may hold two runs' weights a moment.
      const variable = tf.variable(value, true);
      value.dispose();
      return [name, variable];
    }),
  );
}

/** Token ids as one-hot rows [B, V], made in one op. */
export function oneHotRows(ids: number[], vocab: number): tf.Tensor2D {
  const values = new Float32Array(ids.length * vocab);
  ids.forEach((id, b) => (values[b * vocab + id] = 1));
  return tf.tensor2d(values, [ids.length, vocab]);
}

/** A step's dropout masks (kept units scaled by 1 / (1 - rate)), each call its own seed from the step's; null when
 * there is no dropout. backprop.ts draws them in the same order, so both see the same masks. */
export function dropoutMasks(rate: number, seed: number | null) {
  let calls = 0;
  return (shape: number[]): tf.Tensor | null =>
    rate > 0 && seed !== null ? tf.dropout(tf.ones(shape), rate, undefined, seed + calls++) : null;
}

/**
 * Mean cross-entropy (nats per character) of predicting windows[b][t + 1] from windows[b][..t], for B windows of
 * T + 1 token ids, from `state` (zeros when null); the state after the last input character comes back.
 * `dropoutSeed` null: no dropout (evaluation). Call inside tf.tidy or a gradient function.
 *
 * Every step is its own [B, ...] tensors from the start, made from the ids: cutting a tensor into steps (slice,
 * split, unstack) copies the whole tensor per piece on tfjs 4.22's wasm backend.
 */
export function windowLoss(
  weights: CharRNNWeights,
  shape: CharRNNShape,
  windows: number[][],
  state: LSTMState | null,
  rate: number,
  dropoutSeed: number | null,
): { loss: tf.Scalar; state: LSTMState } {
  const batch = windows.length;
  const steps = windows[0].length - 1;
  const mask = dropoutMasks(rate, dropoutSeed);
  const drop = (x: tf.Tensor) => {
    const m = mask(x.shape);
    return m ? x.mul(m) : x;
  };
  // T x [B, V]: the characters at step t, one-hot (the embedding as one-hot x matrix, without a gather)
  const oneHotAt = (t: number) =>
    oneHotRows(
      windows.map((w) => w[t]),
      shape.vocab,
    );
  let sequence = Array.from({ length: steps }, (_, t) => tf.matMul(oneHotAt(t), weights['embed/embeddings'])); // [B, E]
  const zeros = () => tf.zeros([batch, shape.hidden]) as tf.Tensor2D;
  const h: tf.Tensor2D[] = [];
  const c: tf.Tensor2D[] = [];
  for (let i = 0; i < shape.layers; i++) {
    const kernel = weights[`lstm${i + 1}/kernel`];
    const recurrent = weights[`lstm${i + 1}/recurrent_kernel`];
    const bias = weights[`lstm${i + 1}/bias`];
    let [hi, ci] = [state?.h[i] ?? zeros(), state?.c[i] ?? zeros()];
    sequence = sequence.map((x) => {
      const gates = tf
        .matMul(i === 0 ? x : drop(x), kernel)
        .add(tf.matMul(hi, recurrent))
        .add(bias); // [B, 4H]
      const [ig, fg, gg, og] = tf.split(gates, 4, 1);
      ci = tf
        .sigmoid(fg)
        .mul(ci)
        .add(tf.sigmoid(ig).mul(tf.tanh(gg))) as tf.Tensor2D;
      hi = tf.sigmoid(og).mul(tf.tanh(ci)) as tf.Tensor2D;
      return hi;
    });
    h.push(hi);
    c.push(ci);
  }
  const losses = sequence.map((output, t) => {
    const logits = tf.matMul(drop(output), weights['head/kernel']).add(weights['head/bias']); // [B, V]
    return tf.losses.softmaxCrossEntropy(oneHotAt(t + 1), logits);
  });
  return { loss: tf.addN(losses).div(steps) as tf.Scalar, state: { h, c } };
}
