/**
 * CharRNN in the browser: one LSTM step per character with the state kept between steps, so writing n
 * characters costs n steps (never re-reading the prefix). Same weights and gate order (i, f, c, o) as
 * model.py; model.test.ts proves they agree.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { loadNamedWeights, onceLoaded } from '../core/layers';

/** Per layer, hidden and cell state, each [B, hidden]. */
export interface LSTMState {
  h: tf.Tensor2D[];
  c: tf.Tensor2D[];
}

interface Layer {
  kernel: tf.Tensor2D; // [in, 4H]
  recurrent: tf.Tensor2D; // [H, 4H]
  bias: tf.Tensor1D; // [4H]
}

export class CharRNN {
  private weights: tf.NamedTensorMap | null = null;
  private layers: Layer[] = [];
  private loading: Promise<void> | null = null;
  /** False for a CharRNN over another's weights (CharRNN.over). */
  private owned = true;

  constructor(private readonly files: ModelFiles) {}

  load(): Promise<void> {
    this.loading = onceLoaded(
      this.loading,
      async () => this.adopt(await loadNamedWeights(this.files)),
      () => (this.loading = null),
    );
    return this.loading;
  }

  /**
   * A CharRNN that reads weights already in memory under these names (a model being trained: it writes with the
   * live variables). It does not own them: dispose() leaves them to their owner.
   */
  static over(weights: tf.NamedTensorMap): CharRNN {
    const rnn = CharRNN.inMemory(weights);
    rnn.owned = false;
    return rnn;
  }

  /** A CharRNN of weights given as arrays (a person's own model, read from its file): it owns the tensors made. */
  static fromArrays(weights: Record<string, Float32Array>, shapes: Record<string, number[]>): CharRNN {
    return CharRNN.inMemory(
      Object.fromEntries(Object.entries(weights).map(([name, values]) => [name, tf.tensor(values, shapes[name])])),
    );
  }

  private static inMemory(weights: tf.NamedTensorMap): CharRNN {
    const rnn = new CharRNN({ bytes: () => Promise.reject(new Error('a CharRNN of weights in memory has no files')) });
    rnn.adopt(weights);
    rnn.loading = Promise.resolve(); // nothing to load: load() resolves at once
    return rnn;
  }

  private adopt(w: tf.NamedTensorMap): void {
    this.weights = w;
    this.layers = [];
    for (let i = 1; w[`lstm${i}/kernel`]; i++) {
      this.layers.push({
        kernel: w[`lstm${i}/kernel`] as tf.Tensor2D,
        recurrent: w[`lstm${i}/recurrent_kernel`] as tf.Tensor2D,
        bias: w[`lstm${i}/bias`] as tf.Tensor1D,
      });
    }
  }

  /** The weights by model.ts's names (fine-tuning starts from a copy). */
  get namedWeights(): tf.NamedTensorMap {
    if (!this.weights) throw new Error('The CharRNN is not loaded.');
    return this.weights;
  }

  get hidden(): number {
    return this.layers[0].recurrent.shape[0];
  }

  /** All-zero state for `batch` independent streams. */
  initialState(batch = 1): LSTMState {
    const zeros = () => this.layers.map(() => tf.zeros([batch, this.hidden]) as tf.Tensor2D);
    return { h: zeros(), c: zeros() };
  }

  /**
   * One character per stream: tokens [B] -> next-character logits [B, vocab] and the new state.
   * The caller owns both and disposes the old state (disposeState).
   */
  step(tokens: readonly number[], state: LSTMState): { logits: tf.Tensor2D; state: LSTMState } {
    return tf.tidy(() => {
      const {
        logits,
        state: { h, c },
      } = this.forward(tokens, state, null);
      return { logits, state: { h, c } };
    });
  }

  /** As step, and each layer's gates after their nonlinearity, [B, 4H] in model.py's order: i, f, g, o. */
  stepWithGates(
    tokens: readonly number[],
    state: LSTMState,
  ): { logits: tf.Tensor2D; state: LSTMState; gates: tf.Tensor2D[] } {
    return tf.tidy(() => {
      const gates: tf.Tensor2D[] = [];
      const {
        logits,
        state: { h, c },
      } = this.forward(tokens, state, gates);
      return { logits, state: { h, c }, gates };
    });
  }

  /** The LSTM step inside the caller's tidy; with `gates`, each layer's activated gates are pushed onto it. */
  private forward(
    tokens: readonly number[],
    state: LSTMState,
    gates: tf.Tensor2D[] | null,
  ): { logits: tf.Tensor2D; state: LSTMState } {
    const w = this.loaded();
    let x = tf.gather(w['embed/embeddings'], tf.tensor1d(Array.from(tokens), 'int32')) as tf.Tensor2D; // [B, E]
    const h: tf.Tensor2D[] = [];
    const c: tf.Tensor2D[] = [];
    this.layers.forEach((layer, i) => {
      const z = tf.matMul(x, layer.kernel).add(tf.matMul(state.h[i], layer.recurrent)).add(layer.bias); // [B, 4H]
      const [ig, fg, gg, og] = tf.split(z, 4, 1);
      const [input, forget, candidate, output] = [tf.sigmoid(ig), tf.sigmoid(fg), tf.tanh(gg), tf.sigmoid(og)];
      const cell = forget.mul(state.c[i]).add(input.mul(candidate)) as tf.Tensor2D;
      const out = output.mul(tf.tanh(cell)) as tf.Tensor2D;
      gates?.push(tf.concat([input, forget, candidate, output], 1) as tf.Tensor2D);
      h.push(out);
      c.push(cell);
      x = out;
    });
    const logits = tf.matMul(x, w['head/kernel'] as tf.Tensor2D).add(w['head/bias']) as tf.Tensor2D;
    return { logits, state: { h, c } };
  }

  dispose(): void {
    if (this.weights && this.owned) tf.dispose(Object.values(this.weights));
    this.weights = null;
    this.layers = [];
    this.loading = null;
  }

  private loaded(): tf.NamedTensorMap {
    if (!this.weights) throw new Error('CharRNN is not loaded');
    return this.weights;
  }
}

export const disposeState = (state: LSTMState): void => tf.dispose([...state.h, ...state.c]);

/**
 * Nats per character of `ids` under the model: the text is cut into `streams` contiguous pieces read in
 * parallel (batched steps), each from a zero state, the way model.py's evaluate() reads validation text.
 */
export async function natsPerChar(
  model: CharRNN,
  ids: readonly number[],
  streams = 32,
  onProgress?: (done: number) => void,
): Promise<number> {
  const n = Math.floor((ids.length - 1) / streams);
  let state = model.initialState(streams);
  // The summed log-loss stays on the device; it is read once every 256 steps (each read waits for the GPU).
  let total: tf.Tensor = tf.scalar(0);
  let nats = 0;
  for (let t = 0; t < n; t++) {
    const tokens = Array.from({ length: streams }, (_, s) => ids[s * n + t]);
    const targets = Array.from({ length: streams }, (_, s) => ids[s * n + t + 1]);
    const { logits, state: next } = model.step(tokens, state);
    disposeState(state);
    state = next;
    const sum = tf.tidy(() =>
      total.sub(
        tf
          .logSoftmax(logits)
          .mul(tf.oneHot(tf.tensor1d(targets, 'int32'), logits.shape[1]))
          .sum(),
      ),
    );
    tf.dispose([logits, total]);
    total = sum;
    if ((t + 1) % 256 === 0 || t === n - 1) {
      nats += (await total.data())[0];
      total.dispose();
      total = tf.scalar(0);
      onProgress?.(t + 1);
    }
  }
  total.dispose();
  disposeState(state);
  return nats / (n * streams);
}
