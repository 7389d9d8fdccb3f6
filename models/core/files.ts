/**
 * How a model reaches its files. The browser passes a loader that verifies sha256 and caches
 * (lib/models); Node tests pass one that reads public/models from disk. Models never fetch themselves.
 */
export interface ModelFiles {
  /** The bytes of one file of the model, by its name in the registry (e.g. "model.json"). */
  bytes(name: string): Promise<ArrayBuffer>;
}

export async function readJson<T>(files: ModelFiles, name: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await files.bytes(name))) as T;
}

/** A tfjs weights manifest entry (model.json "weightsManifest"). */
export interface WeightsGroup {
  paths: string[];
  weights: WeightSpec[];
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; min?: number; scale?: number };
}

export interface LayersModelJson {
  format?: string;
  modelTopology: {
    model_config?: { class_name: string; config: KerasModelConfig };
    class_name?: string;
    config?: KerasModelConfig;
  };
  weightsManifest: WeightsGroup[];
}

export interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, Record<string, unknown>][][];
}

export interface KerasModelConfig {
  name: string;
  layers: KerasLayer[];
  input_layers?: [string, number, number][];
  output_layers?: [string, number, number][];
}

/** Byte arrays back to back in one new buffer. */
export function concatBytes(parts: (Uint8Array | ArrayBuffer)[]): Uint8Array<ArrayBuffer> {
  const views = parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p)));
  const out = new Uint8Array(views.reduce((n, v) => n + v.length, 0));
  let offset = 0;
  for (const v of views) {
    out.set(v, offset);
    offset += v.length;
  }
  return out;
}

/** Concatenate every shard of a weights manifest, in order, into one buffer. */
export async function readWeightData(files: ModelFiles, manifest: WeightsGroup[]): Promise<ArrayBuffer> {
  const parts = await Promise.all(manifest.flatMap((g) => g.paths).map((p) => files.bytes(p)));
  return concatBytes(parts).buffer;
}
