/**
 * InceptionV3 through mixed5: the ImageNet feature extractor for DeepDream and style transfer.
 *
 * The shipped file is a tfjs layers model (scripts/extract-inception.mjs), but the forward pass here
 * interprets its topology with plain ops: every BatchNormalization is folded into the conv before it
 * (one conv + bias instead of conv, BN), and weights are constants, so a gradient with respect to the
 * image never computes the filter gradients that tfjs-layers' fused convs always compute.
 */
import * as tf from '@tensorflow/tfjs';
import { type KerasLayer, type LayersModelJson, type ModelFiles, readJson } from '../core/files';
import { loadNamedWeights, onceLoaded } from '../core/layers';
import { INCEPTION_LAYERS, type InceptionLayer, MIN_INPUT_SIDE } from './layers';

export { INCEPTION_LAYERS, type InceptionLayer, MIN_INPUT_SIDE };

type Node =
  | {
      kind: 'conv';
      name: string;
      input: string;
      filter: tf.Tensor4D;
      bias: tf.Tensor1D;
      strides: [number, number];
      pad: 'valid' | 'same';
    }
  | { kind: 'relu'; name: string; input: string }
  | {
      kind: 'maxpool' | 'avgpool';
      name: string;
      input: string;
      size: [number, number];
      strides: [number, number];
      pad: 'valid' | 'same';
    }
  | { kind: 'concat'; name: string; inputs: string[] };

export interface InceptionGraph {
  input: string;
  nodes: Node[];
  /** Every constant tensor the graph owns, for dispose. */
  constants: tf.Tensor[];
}

const inputsOf = (layer: KerasLayer) => layer.inbound_nodes[0].map(([src]) => src);

/** Build the folded graph from model.json and its decoded weights (a pure function of its arguments). */
export function buildGraph(json: LayersModelJson, weights: tf.NamedTensorMap): InceptionGraph {
  const config = json.modelTopology.model_config?.config ?? json.modelTopology.config;
  if (!config) throw new Error('model.json has no model_config');
  const nodes: Node[] = [];
  const constants: tf.Tensor[] = [];
  const byName = new Map(config.layers.map((l) => [l.name, l]));
  let input = '';
  for (const layer of config.layers) {
    const c = layer.config;
    switch (layer.class_name) {
      case 'InputLayer':
        input = layer.name;
        break;
      case 'Conv2D':
        break; // emitted together with the BatchNormalization that follows it
      case 'BatchNormalization': {
        const conv = byName.get(inputsOf(layer)[0]);
        if (!conv || conv.class_name !== 'Conv2D') throw new Error(`${layer.name} does not follow a conv`);
        const [filter, bias] = tf.tidy(() => {
          const eps = c.epsilon as number;
          const gamma = weights[`${layer.name}/gamma`] ?? tf.onesLike(weights[`${layer.name}/beta`]);
          const scale = gamma.div(weights[`${layer.name}/moving_variance`].add(eps).sqrt());
          const convBias = weights[`${conv.name}/bias`] ?? tf.zerosLike(scale);
          const shift = weights[`${layer.name}/beta`].add(
            convBias.sub(weights[`${layer.name}/moving_mean`]).mul(scale),
          );
          return [weights[`${conv.name}/kernel`].mul(scale) as tf.Tensor4D, shift as tf.Tensor1D];
        });
        constants.push(filter, bias);
        const cc = conv.config;
        nodes.push({
          kind: 'conv',
          name: layer.name,
          input: inputsOf(conv)[0],
          filter,
          bias,
          strides: cc.strides as [number, number],
          pad: cc.padding as 'valid' | 'same',
        });
        break;
      }
      case 'Activation':
        if (c.activation !== 'relu') throw new Error(`unsupported activation ${String(c.activation)}`);
        nodes.push({ kind: 'relu', name: layer.name, input: inputsOf(layer)[0] });
        break;
      case 'MaxPooling2D':
      case 'AveragePooling2D':
        nodes.push({
          kind: layer.class_name === 'MaxPooling2D' ? 'maxpool' : 'avgpool',
          name: layer.name,
          input: inputsOf(layer)[0],
          size: c.pool_size as [number, number],
          strides: c.strides as [number, number],
          pad: c.padding as 'valid' | 'same',
        });
        break;
      case 'Concatenate':
        nodes.push({ kind: 'concat', name: layer.name, inputs: inputsOf(layer) });
        break;
      default:
        throw new Error(`unsupported layer ${layer.class_name}`);
    }
  }
  return { input, nodes, constants };
}

/** Changes to the forward pass that leave the weights alone. */
export interface ForwardOptions {
  /** replaces the network's ReLU (feature visualisation's redirected ReLU) */
  relu?: (x: tf.Tensor4D) => tf.Tensor4D;
  /**
   * Every max pool (the stem's two and mixed3's) becomes an average pool of the same size, as Gatys et al. did on
   * VGG: a smoother path for an image's gradient. Style algorithm 3 may use it; nothing else does.
   */
  averagePooling?: boolean;
  /**
   * The first convolution runs at stride 1 instead of 2, so every later layer sees 4x the positions: finer detail
   * for style algorithm 3 to match, at 4x the work. Measured (models/style/README.md), used by no default.
   */
  stemStride1?: boolean;
}

/** A convolution's strides under the options: the one reading the input image may run at stride 1. */
const stemStride = (node: Extract<Node, { kind: 'conv' }>, graph: InceptionGraph, options: ForwardOptions) =>
  options.stemStride1 && node.input === graph.input ? ([1, 1] as [number, number]) : node.strides;

/**
 * Features of `image` ([B, H, W, 3], Keras scale [-1, 1]) at the requested layers. Runs only as far as
 * the deepest requested layer. Call inside tf.tidy or tf.grad: intermediate tensors are not disposed here.
 */
export function inceptionForward(
  graph: InceptionGraph,
  image: tf.Tensor4D,
  layers: readonly InceptionLayer[],
  options: ForwardOptions = {},
): tf.Tensor4D[] {
  const relu = options.relu ?? tf.relu;
  const [, h, w] = image.shape;
  if (Math.min(h, w) < MIN_INPUT_SIDE)
    throw new Error(`InceptionV3 needs at least ${MIN_INPUT_SIDE} px per side (got ${w}x${h})`);
  const wanted = new Set<string>(layers);
  const values = new Map<string, tf.Tensor4D>([[graph.input, image]]);
  for (const node of graph.nodes) {
    if (wanted.size === 0) break;
    let out: tf.Tensor4D;
    switch (node.kind) {
      case 'conv':
        out = tf
          .conv2d(values.get(node.input)!, node.filter, stemStride(node, graph, options), node.pad)
          .add(node.bias);
        break;
      case 'relu':
        out = relu(values.get(node.input)!);
        break;
      case 'maxpool':
        out = (options.averagePooling ? tf.avgPool : tf.maxPool)(
          values.get(node.input)!,
          node.size,
          node.strides,
          node.pad,
        );
        break;
      case 'avgpool':
        out = tf.avgPool(values.get(node.input)!, node.size, node.strides, node.pad);
        break;
      case 'concat':
        out = tf.concat(
          node.inputs.map((n) => values.get(n)!),
          3,
        );
        break;
    }
    values.set(node.name, out);
    wanted.delete(node.name);
  }
  return layers.map((l) => values.get(l)!);
}

/** The [height, width] of a layer's output for an input of (height, width), from the graph alone. */
export function featureSize(
  graph: InceptionGraph,
  height: number,
  width: number,
  layer: InceptionLayer,
): [number, number] {
  const out = (n: number, k: number, s: number, pad: 'valid' | 'same') =>
    pad === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
  const sizes = new Map<string, [number, number]>([[graph.input, [height, width]]]);
  for (const node of graph.nodes) {
    const [h, w] = sizes.get(node.kind === 'concat' ? node.inputs[0] : node.input)!;
    if (node.kind === 'conv')
      sizes.set(node.name, [
        out(h, node.filter.shape[0], node.strides[0], node.pad),
        out(w, node.filter.shape[1], node.strides[1], node.pad),
      ]);
    else if (node.kind === 'maxpool' || node.kind === 'avgpool')
      sizes.set(node.name, [
        out(h, node.size[0], node.strides[0], node.pad),
        out(w, node.size[1], node.strides[1], node.pad),
      ]);
    else sizes.set(node.name, [h, w]);
    if (node.name === layer) return sizes.get(layer)!;
  }
  throw new Error(`no layer ${layer}`);
}

/** Keras InceptionV3 preprocessing: pixels in [0, 255] -> [-1, 1]. */
export function preprocess(pixels: tf.Tensor): tf.Tensor {
  return tf.tidy(() => pixels.div(127.5).sub(1));
}

/** The feature extractor with the shared model lifecycle: cheap constructor, idempotent load, dispose. */
export class InceptionV3 {
  private graph: InceptionGraph | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly files: ModelFiles) {}

  get loaded(): boolean {
    return this.graph !== null;
  }

  load(): Promise<void> {
    this.loading = onceLoaded(
      this.loading,
      async () => {
        const json = await readJson<LayersModelJson>(this.files, 'model.json');
        const weights = await loadNamedWeights(this.files);
        try {
          this.graph = buildGraph(json, weights);
        } finally {
          tf.dispose(Object.values(weights));
        }
      },
      () => (this.loading = null),
    );
    return this.loading;
  }

  /** See featureSize. */
  featureSize(height: number, width: number, layer: InceptionLayer): [number, number] {
    if (!this.graph) throw new Error('InceptionV3 is not loaded');
    return featureSize(this.graph, height, width, layer);
  }

  /** See inceptionForward and ForwardOptions. */
  features(image: tf.Tensor4D, layers: readonly InceptionLayer[], options?: ForwardOptions): tf.Tensor4D[] {
    const graph = this.graph;
    if (!graph) throw new Error('InceptionV3 is not loaded');
    // Only the asked-for feature maps survive: a caller outside tf.tidy leaks nothing.
    return tf.tidy(() => inceptionForward(graph, image, layers, options));
  }

  dispose(): void {
    if (this.graph) tf.dispose(this.graph.constants);
    this.graph = null;
    this.loading = null;
  }
}
