/**
 * The Lab's digit classifier in the browser: model.py's network, loaded from export.py's files, with every layer's
 * output reachable for the Lab's layer-by-layer view. model.test.ts proves it agrees with PyTorch.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../core/files';
import { loadLayers, onceLoaded } from '../core/layers';

import { LAYER_NAMES, type LayerName } from './settings';

export class DigitClassifier {
  private net: tf.LayersModel | null = null;
  /** The same weights with every shown layer as an output. */
  private inspector: tf.LayersModel | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly files: ModelFiles) {}

  load(): Promise<void> {
    this.loading = onceLoaded(
      this.loading,
      async () => {
        const net = await loadLayers(this.files);
        this.net = net;
        this.inspector = tf.model({
          inputs: net.inputs,
          outputs: LAYER_NAMES.map((name) => net.getLayer(name).output as tf.SymbolicTensor),
        });
      },
      () => (this.loading = null),
    );
    return this.loading;
  }

  /** x [B, 28, 28, 1] in [0, 1] (ink 1) -> logits [B, 10]. Differentiable: the Lab ascends its gradient. */
  logits(x: tf.Tensor4D): tf.Tensor2D {
    return this.loaded().net.apply(x) as tf.Tensor2D;
  }

  /** x [B, 28, 28, 1] -> class probabilities [B, 10]. */
  probabilities(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.logits(x)));
  }

  /** Every shown layer's output for x, by name; the caller disposes them. */
  layers(x: tf.Tensor4D): Record<LayerName, tf.Tensor> {
    const outputs = this.loaded().inspector.predict(x) as tf.Tensor[];
    return Object.fromEntries(LAYER_NAMES.map((name, i) => [name, outputs[i]])) as Record<LayerName, tf.Tensor>;
  }

  /** A layer's weights (conv kernels [kh, kw, in, out], dense kernels [in, out]) and biases; the model owns them. */
  weights(name: 'conv1' | 'conv2' | 'dense' | 'logits'): { kernel: tf.Tensor; bias: tf.Tensor } {
    const [kernel, bias] = this.loaded().net.getLayer(name).getWeights();
    return { kernel, bias };
  }

  dispose(): void {
    this.net?.dispose();
    this.net = this.inspector = null;
    this.loading = null;
  }

  private loaded(): { net: tf.LayersModel; inspector: tf.LayersModel } {
    if (!this.net || !this.inspector) throw new Error('DigitClassifier is not loaded');
    return { net: this.net, inspector: this.inspector };
  }
}

/** Share of `labels` whose top class under `classifier` is right, for x [N, 28, 28, 1] in [0, 1], in batches. */
export async function accuracyOf(
  classifier: DigitClassifier,
  x: tf.Tensor4D,
  labels: ArrayLike<number>,
  batch = 500,
): Promise<number> {
  let right = 0;
  for (let start = 0; start < x.shape[0]; start += batch) {
    const top = tf.tidy(() => classifier.logits(x.slice(start, Math.min(batch, x.shape[0] - start))).argMax(1));
    const predicted = await top.data();
    top.dispose();
    predicted.forEach((p, i) => (right += p === labels[start + i] ? 1 : 0));
  }
  return right / x.shape[0];
}
