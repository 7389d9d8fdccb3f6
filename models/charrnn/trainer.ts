/**
 * AdamW steps on a CharRNN, as models/charrnn/train.py takes them: the gradients of a batch of windows (backprop.ts),
 * clipped together to a global norm, weight decay decoupled from Adam's update. The optimiser's moments go into a
 * checkpoint and come back from one, so a run that goes on after a reload steps as it would have.
 */
import * as tf from '@tensorflow/tfjs';
import { windowGradients } from './backprop';
import type { LSTMState } from './model';
import type { CharRNNShape, CharRNNWeights, TrainSettings } from './train';

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
    const { loss, grads, h, c } = tf.tidy(() => {
      const out = windowGradients(this.weights, this.shape, windows, state, dropout, seed);
      // by the variables' names, in the weights' order: the optimiser's (namesInOptimiserOrder)
      const named = Object.fromEntries(Object.entries(this.weights).map(([k, v]) => [v.name, out.grads[k]]));
      return { loss: out.loss, grads: named, h: out.state.h, c: out.state.c };
    });
    const { clipped, norm } = clipByGlobalNorm(grads, clipNorm);
    tf.dispose([Object.values(grads), norm]);
    // AdamW: weights shrink by lr x decay before the Adam update, as torch.optim.AdamW does
    tf.tidy(() => Object.values(this.weights).forEach((w) => w.assign(w.mul(1 - learningRate * weightDecay))));
    this.optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    tf.dispose(Object.values(clipped));
    return { loss, state: { h, c } };
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
