/**
 * A CharRNN learning one text, as the studio trains a person's own model: the last 10% held out, the rest read by
 * `batch` streams side by side, window after window, each window starting from the state the last one ended in
 * (truncated backpropagation through time; a new pass over the text starts from zeros). Steps, held-out loss and
 * samples are separate calls, so a runner chooses its cadence and shows progress between them.
 */
import * as tf from '@tensorflow/tfjs';
import { CharRNN, disposeState, type LSTMState } from './model';
import { sampleText, type SampleOptions } from './sample';
import { type CharRNNShape, type CharRNNWeights, initialWeights, type TrainSettings, windowLoss } from './train';
import { CharRNNTrainer } from './trainer';

export interface FitSettings extends TrainSettings {
  batch: number; // streams read side by side
  window: number; // characters per window: backpropagation reaches this far back
  seed: number; // initial weights and dropout
}

/** The share of a text held out for validation: its end. */
export const HELD_OUT = 0.1;

export class TextFit {
  readonly train: number[];
  readonly heldOut: number[];
  readonly trainer: CharRNNTrainer;
  /** Characters the model has learnt from, counted over every stream. */
  charsRead = 0;
  private state: LSTMState | null = null;
  private position = 0; // where the streams' next window starts, within each stream

  constructor(
    ids: readonly number[],
    readonly shape: CharRNNShape,
    readonly settings: FitSettings,
    weights?: CharRNNWeights, // fresh ones (made once the text is known to be long enough) when absent
    start: { steps: number; charsRead: number } | null = null,
  ) {
    const cut = Math.floor(ids.length * (1 - HELD_OUT));
    this.train = ids.slice(0, cut);
    this.heldOut = ids.slice(cut);
    if (Math.floor(this.train.length / settings.batch) < settings.window + 2)
      throw new Error(`the text is too short for ${settings.batch} streams of ${settings.window}-character windows`);
    this.trainer = new CharRNNTrainer(shape, weights ?? initialWeights(shape, settings.seed), settings);
    // A run going on from a checkpoint counts on from it (dropout's seeds follow the step).
    this.trainer.steps = start?.steps ?? 0;
    this.charsRead = start?.charsRead ?? 0;
  }

  get weights(): CharRNNWeights {
    return this.trainer.weights;
  }

  get steps(): number {
    return this.trainer.steps;
  }

  /** Learns from the streams' next window; the loss before the update, nats/char (read back: one GPU wait). */
  async step(): Promise<number> {
    const { batch, window } = this.settings;
    const streamLength = Math.floor(this.train.length / batch);
    if (this.position + window + 1 > streamLength) this.restart();
    const windows = Array.from({ length: batch }, (_, b) => {
      const from = b * streamLength + this.position;
      return this.train.slice(from, from + window + 1);
    });
    const { loss, state } = this.trainer.step(windows, this.state);
    if (this.state) disposeState(this.state);
    this.state = state;
    this.position += window;
    this.charsRead += batch * window;
    try {
      return (await loss.data())[0];
    } finally {
      loss.dispose();
    }
  }

  /**
   * Mean nats/char of (at most `maxChars` of) the held-out text, read as `streams` contiguous pieces from zeros, a
   * window at a time with the state carried, without dropout.
   */
  async heldOutLoss(streams = 8, maxChars = 16_384): Promise<number> {
    const length = Math.floor((Math.min(this.heldOut.length, maxChars) - 1) / streams);
    let state: LSTMState | null = null;
    let nats = 0;
    for (let t = 0; t < length; t += this.settings.window) {
      const steps = Math.min(this.settings.window, length - t);
      const windows = Array.from({ length: streams }, (_, s) =>
        this.heldOut.slice(s * length + t, s * length + t + steps + 1),
      );
      const out = tf.tidy(() => {
        const { loss, state: next } = windowLoss(this.weights, this.shape, windows, state, 0, null);
        return { loss: loss.mul(steps), h: next.h, c: next.c };
      });
      if (state) disposeState(state);
      state = { h: out.h, c: out.c };
      nats += (await out.loss.data())[0];
      out.loss.dispose();
    }
    if (state) disposeState(state);
    return nats / length;
  }

  /** What the current weights write after `prime`. */
  sample(prime: string, length: number, seed: number, options: SampleOptions): string {
    const writer = CharRNN.over(this.weights);
    return sampleText(writer, prime, length, seed, options);
  }

  /** Nats/char of the held-out text under the training text's character frequencies (add-one): the bar a model
   * that learnt only which characters are common would reach. */
  unigramEntropy(): number {
    const counts = new Float64Array(this.shape.vocab).fill(1);
    this.train.forEach((t) => counts[t]++);
    const total = counts.reduce((a, b) => a + b, 0);
    return -this.heldOut.reduce((sum, t) => sum + Math.log(counts[t] / total), 0) / this.heldOut.length;
  }

  dispose(): void {
    if (this.state) disposeState(this.state);
    this.trainer.dispose();
    tf.dispose(Object.values(this.weights));
  }

  private restart(): void {
    if (this.state) disposeState(this.state);
    this.state = null;
    this.position = 0;
  }
}
