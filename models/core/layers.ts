/**
 * Loading our exported tfjs layers models (models/toolchain/export_tfjs.py) from ModelFiles: one
 * `<name>.json` and its shards. Several networks of one model (a VAE's encoder and decoder) share a folder.
 */
import * as tf from '@tensorflow/tfjs';
import { type LayersModelJson, type ModelFiles, readJson, readWeightData } from './files';

export async function loadLayers(files: ModelFiles, name = 'model'): Promise<tf.LayersModel> {
  const json = await readJson<LayersModelJson>(files, `${name}.json`);
  const weightData = await readWeightData(files, json.weightsManifest);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
}

/** The named weights of an exported model, decoded (quantisation undone) into tensors the caller owns. */
export async function loadNamedWeights(files: ModelFiles, name = 'model'): Promise<tf.NamedTensorMap> {
  const json = await readJson<LayersModelJson>(files, `${name}.json`);
  const weightData = await readWeightData(files, json.weightsManifest);
  return tf.io.decodeWeights(weightData, json.weightsManifest.flatMap((g) => g.weights));
}

/**
 * A model's load() promise, shared by concurrent callers and forgotten on failure so a later call retries
 * (the lifecycle every model class follows: load is idempotent).
 */
export function onceLoaded(current: Promise<void> | null, start: () => Promise<void>, reset: () => void): Promise<void> {
  return (
    current ??
    start().catch((e: unknown) => {
      reset();
      throw e;
    })
  );
}
