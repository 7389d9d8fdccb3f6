/**
 * Loading our exported tfjs layers models (models/toolchain/export_tfjs.py) from ModelFiles: one
 * `<name>.json` and its shards. Several networks of one model (a VAE's encoder and decoder) share a folder.
 */
import * as tf from '@tensorflow/tfjs';
import { type LayersModelJson, type ModelFiles, readJson, readWeightData } from './files';

export async function loadLayers(files: ModelFiles, name = 'model'): Promise<tf.LayersModel> {
  const json = await readJson<LayersModelJson>(files, `${name}.json`);
  const weightData = await readWeightData(files, json.weightsManifest);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData,
    }),
  );
}

/** The named weights of an exported model, decoded (quantisation undone) into tensors the caller owns. */
export async function loadNamedWeights(files: ModelFiles, name = 'model'): Promise<tf.NamedTensorMap> {
  const json = await readJson<LayersModelJson>(files, `${name}.json`);
  const weightData = await readWeightData(files, json.weightsManifest);
  return tf.io.decodeWeights(
    weightData,
    json.weightsManifest.flatMap((g) => g.weights),
  );
}

/**
 * A model's load() promise, shared by concurrent callers and forgotten on failure so a later call retries
 * (the lifecycle every model class follows: load is idempotent).
 */
export function onceLoaded(
  current: Promise<void> | null,
  start: () => Promise<void>,
  reset: () => void,
): Promise<void> {
  return (
    current ??
    start().catch((e: unknown) => {
      reset();
      throw e;
    })
  );
}

/** One exported layers model behind the lifecycle every model class follows: a cheap constructor, load, dispose. */
export class LayersNet {
  private net: tf.LayersModel | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly files: ModelFiles,
    private readonly what: string,
  ) {}

  load(): Promise<void> {
    this.loading = onceLoaded(
      this.loading,
      async () => {
        this.net = await loadLayers(this.files);
      },
      () => (this.loading = null),
    );
    return this.loading;
  }

  /** The loaded network; before load, an error that names the model. */
  protected get network(): tf.LayersModel {
    if (!this.net) throw new Error(`${this.what} is not loaded`);
    return this.net;
  }

  dispose(): void {
    this.net?.dispose();
    this.net = null;
    this.loading = null;
  }
}
