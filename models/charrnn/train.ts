/**
 * Training a CharRNN where it runs: the network of model.py and model.ts as tf.Variables under model.ts's names, the
 * mean next-character cross-entropy of a batch of windows, and a step of AdamW with the gradients clipped to a global
 * norm, as models/charrnn/train.py trains. The embedding is read as one-hot x matrix rather than a gather (the same
 * numbers): tfjs 4.22's wasm backend lacks UnsortedSegmentSum, which the gradient of tf.gather needs. A window's
 * last state can seed the next window (truncated backpropagation through time). train.test.ts holds one step to
 * PyTorch's (train-parity.json, written by train_parity.py).
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

/**
 * a x b whose gradient multiplies by transposed copies rather than asking matMul to transpose: tfjs 4.22's wasm
 * matMul takes XNNPACK's path only for plain operands and falls to a loop 10-40x slower with transposeA or transposeB,
 * which tf.matMul's own gradient uses (`npm run bench -- train` measures the whole step).
 */
const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, [x, y]: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(y) as tf.Tensor2D),
      tf.matMul(tf.transpose(x) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/** Dropout on a training step: each call of `drop` masks with its own seed from the step's. */
function dropper(rate: number, seed: number | null) {
  let calls = 0;
  return <T extends tf.Tensor>(x: T): T =>
    rate > 0 && seed !== null ? (tf.dropout(x, rate, undefined, seed + calls++) as T) : x;
}

/**
 * Mean cross-entropy (nats per character) of predicting windows[b][t + 1] from windows[b][..t], for B windows of
 * T + 1 token ids, from `state` (zeros when null); the state after the last input character comes back.
 * `dropoutSeed` null: no dropout (evaluation). Call inside tf.tidy or a gradient function.
 *
 * Every step is its own [B, ...] tensors from the start, made from the ids: cutting a tensor into steps (slice,
 * split, unstack) copies the whole tensor per piece on tfjs 4.22's wasm backend, which made the cuts most of a step.
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
  const drop = dropper(rate, dropoutSeed);
  // T x [B, V]: the characters at step t, one-hot (the embedding as one-hot x matrix, without a gather)
  const oneHotAt = (t: number) =>
    tf
      .oneHot(
        tf.tensor1d(
          windows.map((w) => w[t]),
          'int32',
        ),
        shape.vocab,
      )
      .toFloat() as tf.Tensor2D;
  let sequence = Array.from({ length: steps }, (_, t) => matMul(oneHotAt(t), weights['embed/embeddings'])); // [B, E]
  const zeros = () => tf.zeros([batch, shape.hidden]) as tf.Tensor2D;
  const h: tf.Tensor2D[] = [];
  const c: tf.Tensor2D[] = [];
  for (let i = 0; i < shape.layers; i++) {
    const kernel = weights[`lstm${i + 1}/kernel`];
    const recurrent = weights[`lstm${i + 1}/recurrent_kernel`];
    const bias = weights[`lstm${i + 1}/bias`];
    let [hi, ci] = [state?.h[i] ?? zeros(), state?.c[i] ?? zeros()];
    sequence = sequence.map((x) => {
      const gates = matMul(i === 0 ? x : drop(x), kernel)
        .add(matMul(hi, recurrent))
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
    const logits = matMul(drop(output), weights['head/kernel']).add(weights['head/bias']); // [B, V]
    return tf.losses.softmaxCrossEntropy(oneHotAt(t + 1), logits);
  });
  return { loss: tf.addN(losses).div(steps) as tf.Scalar, state: { h, c } };
}

/** The gradients scaled together so their global norm is at most `clipNorm`; and the norm before. */
export function clipByGlobalNorm(
  grads: tf.NamedTensorMap,
  clipNorm: number,
): { clipped: tf.NamedTensorMap; norm: tf.Scalar } {
  return tf.tidy(() => {
    const norm = tf.addN(Object.values(grads).map((g) => g.square().sum())).sqrt() as tf.Scalar;
    const scale = tf.minimum(1, tf.scalar(clipNorm).div(norm.add(1e-6)));
    const clipped = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.mul(scale)]));
    return { clipped, norm };
  });
}

/** Adam's state as arrays: its step count and each weight's two moments, by model.ts's names. */
export interface AdamMoments {
  iterations: number;
  first: Record<string, Float32Array>;
  second: Record<string, Float32Array>;
}

/** AdamW steps on a CharRNN's weights; it owns its optimiser, whose moments a checkpoint keeps (momentsOf) and a run
 * that goes on from it restores (restoreMoments). */
export class CharRNNTrainer {
  readonly optimizer: tf.AdamOptimizer;
  steps = 0;

  constructor(
    readonly shape: CharRNNShape,
    readonly weights: CharRNNWeights,
    readonly settings: TrainSettings,
  ) {
    this.optimizer = tf.train.adam(settings.learningRate, 0.9, 0.999, 1e-8);
  }

  /**
   * Learns from windows [B, T + 1] of token ids (from `state`, whose tensors stay the caller's) and returns the
   * loss before the update and the state the windows end in, cut from the gradient (the caller disposes it).
   */
  step(windows: number[][], state: LSTMState | null = null): { loss: tf.Scalar; state: LSTMState } {
    const { learningRate, weightDecay, clipNorm, dropout } = this.settings;
    const seed = 7919 * ++this.steps;
    const ended: LSTMState = { h: [], c: [] };
    const { value, grads } = tf.variableGrads(() => {
      const out = windowLoss(this.weights, this.shape, windows, state, dropout, seed);
      ended.h.push(...out.state.h.map((t) => tf.keep(t)));
      ended.c.push(...out.state.c.map((t) => tf.keep(t)));
      return out.loss;
    }, Object.values(this.weights));
    const { clipped, norm } = clipByGlobalNorm(grads, clipNorm);
    tf.dispose([Object.values(grads), norm]);
    // AdamW: weights shrink by lr x decay before the Adam update, as torch.optim.AdamW does
    tf.tidy(() => Object.values(this.weights).forEach((w) => w.assign(w.mul(1 - learningRate * weightDecay))));
    this.optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    tf.dispose(Object.values(clipped));
    return { loss: value, state: ended };
  }

  /** Our names in the order the optimiser holds its moments: that of the gradients' keys, the variables' names. */
  private namesInOptimiserOrder(): string[] {
    const ours = new Map(Object.entries(this.weights).map(([name, v]) => [v.name, name]));
    return Object.keys(Object.fromEntries([...ours.keys()].map((k) => [k, 0]))).map((k) => ours.get(k)!);
  }

  /** Adam's state, for a checkpoint; null before the first step. */
  async momentsOf(): Promise<AdamMoments | null> {
    const [iter, ...moments] = await this.optimizer.getWeights();
    const iterations = (await iter.tensor.data())[0];
    iter.tensor.dispose(); // made for this call; the moments are the optimiser's own variables
    if (!moments.length) return null;
    const names = this.namesInOptimiserOrder();
    const arrays = await Promise.all(moments.map((m) => m.tensor.data() as Promise<Float32Array>));
    const byName = (part: Float32Array[]) => Object.fromEntries(names.map((name, i) => [name, part[i]]));
    return { iterations, first: byName(arrays.slice(0, names.length)), second: byName(arrays.slice(names.length)) };
  }

  /** Takes up Adam's state from a checkpoint, before the first step of this run. */
  async restoreMoments({ iterations, first, second }: AdamMoments): Promise<void> {
    const names = this.namesInOptimiserOrder();
    const tensors = [
      tf.scalar(iterations, 'int32'),
      ...names.map((n) => tf.tensor(first[n], this.weights[n].shape)),
      ...names.map((n) => tf.tensor(second[n], this.weights[n].shape)),
    ];
    await this.optimizer.setWeights(tensors.map((tensor, i) => ({ name: `moment${i}`, tensor })));
    tf.dispose(tensors); // the optimiser keeps variables of its own
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
