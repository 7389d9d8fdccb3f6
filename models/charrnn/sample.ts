/**
 * The CharRNN sampler: prime, then one step per character with the state kept. Temperature, top-k and
 * top-p (nucleus) shape each draw; a seeded generator makes a recipe replay the same text exactly.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import { type CharRNN, disposeState, type LSTMState } from './model';
import { encode, VOCAB } from './vocab';

export interface SampleOptions {
  temperature: number; // > 0; below 1 sharpens the distribution, above 1 flattens it
  topK: number; // keep only the k likeliest characters; 0 = all
  topP: number; // keep the smallest set whose probability reaches p; 1 = all
}

/** Next-character probabilities after temperature, top-k and top-p, renormalised. */
export function shapedProbabilities(logits: Float32Array, { temperature, topK, topP }: SampleOptions): Float32Array {
  const max = logits.reduce((m, v) => Math.max(m, v), -Infinity);
  const probs = Float32Array.from(logits, (v) => Math.exp((v - max) / temperature));
  const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a]);
  const total = probs.reduce((s, v) => s + v, 0);
  let kept = 0;
  let mass = 0;
  for (const i of order) {
    const keep = (topK <= 0 || kept < topK) && (kept === 0 || mass / total < topP);
    if (keep) {
      kept++;
      mass += probs[i];
    } else probs[i] = 0;
  }
  return probs.map((v) => v / mass);
}

/** Index drawn from probabilities with one uniform number u in [0, 1). */
export function draw(probs: Float32Array, u: number): number {
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i];
    if (u < acc) return i;
  }
  return probs.findLastIndex((p) => p > 0);
}

/**
 * A stateful writer: feed() consumes text (priming or forced characters), next() draws one character.
 * The *Async twins read the logits back without blocking (the studio's way); both draw the same text.
 */
export class Writer {
  private state: LSTMState;
  private logits: Float32Array | null = null;
  private uniform: () => number;

  constructor(
    private readonly model: CharRNN,
    seed: number,
  ) {
    this.state = model.initialState(1);
    this.uniform = mulberry32(seed);
  }

  /** Logits of the next character (after feed() or next()), unshaped: what the studio charts. */
  get nextLogits(): Float32Array | null {
    return this.logits;
  }

  /** Restarts the random draws as a fresh writer with this seed would make them (a branch replays from its link). */
  reseed(seed: number): void {
    this.uniform = mulberry32(seed);
  }

  feed(text: string): void {
    const logits = this.consume(encode(text));
    if (!logits) return;
    this.logits = logits.dataSync() as Float32Array;
    logits.dispose();
  }

  /** Reads back only the last character's logits: priming 1,000 characters costs one wait, not 1,000. */
  async feedAsync(text: string): Promise<void> {
    const logits = this.consume(encode(text));
    if (!logits) return;
    try {
      this.logits = (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  /** Draws, feeds and returns one character. */
  next(options: SampleOptions): string {
    if (!this.logits) this.feed('\n');
    const id = this.choose(options);
    this.feed(VOCAB[id]);
    return VOCAB[id];
  }

  async nextAsync(options: SampleOptions): Promise<string> {
    if (!this.logits) await this.feedAsync('\n');
    const id = this.choose(options);
    await this.feedAsync(VOCAB[id]);
    return VOCAB[id];
  }

  dispose(): void {
    disposeState(this.state);
  }

  private choose(options: SampleOptions): number {
    return draw(shapedProbabilities(this.logits as Float32Array, options), this.uniform());
  }

  /** One LSTM step on the kept state; returns the logits tensor for the caller to read and dispose. */
  private step(id: number): Tensor {
    const { logits, state } = this.model.step([id], this.state);
    disposeState(this.state);
    this.state = state;
    return logits;
  }

  /** Steps through every id; returns the last step's logits (null for no ids), the others disposed. */
  private consume(ids: number[]): Tensor | null {
    let logits: Tensor | null = null;
    for (const id of ids) {
      logits?.dispose();
      logits = this.step(id);
    }
    return logits;
  }
}

/** A whole sample: prime, then `length` characters, or up to the end of a tune (a blank line) when asked. */
export function sampleText(
  model: CharRNN,
  prime: string,
  length: number,
  seed: number,
  options: SampleOptions,
  stopAtTuneEnd = false,
): string {
  const writer = new Writer(model, seed);
  let out = '';
  try {
    writer.feed(prime);
    for (let i = 0; i < length; i++) {
      out += writer.next(options);
      if (stopAtTuneEnd && (prime + out).endsWith('\n\n')) break;
    }
  } finally {
    writer.dispose();
  }
  return out;
}
