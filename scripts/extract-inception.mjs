// Writes public/models/inception-v3/<version>/ from the InceptionV3 bundled in nsfwjs@4.3.0:
// a tfjs layers model cut after mixed5 (the frozen ImageNet layers), free spatial input, uint8
// quantisation kept, and BatchNormalization switched to scale: true with gamma = 1 so tfjs can take
// gradients through it (docs/ARCHITECTURE.md, measured facts). Runs on install and before build; deterministic,
// so its sha256 values are pinned in models/registry.ts and checked here.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
export const VERSION = '1';
export const OUTPUTS = ['mixed0', 'mixed1', 'mixed2', 'mixed3', 'mixed4', 'mixed5'];
const SHARD_BYTES = 4 * 1024 * 1024;

/** One of nsfwjs's bundled models (a folder of dist/models/): its model JSON and its weights, one buffer. */
export function readNsfwjs(folder = 'inception_v3') {
  // nsfwjs's exports map hides its files; find the package folder through node_modules instead.
  const pkgDir = require.resolve
    .paths('nsfwjs')
    .map((p) => join(p, 'nsfwjs'))
    .find((p) => existsSync(join(p, 'package.json')));
  if (!pkgDir) throw new Error('nsfwjs is not installed: run npm ci');
  const base = join(pkgDir, 'dist', 'models', folder);
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  if (version !== '4.3.0') throw new Error(`nsfwjs ${version} installed; this extractor is pinned to 4.3.0`);
  const model = require(join(base, 'model.min.js'));
  const shards = model.weightsManifest[0].paths.map((p) => Buffer.from(require(join(base, `${p}.min.js`)), 'base64'));
  return { model, weights: Buffer.concat(shards) };
}

const bytesPer = (spec) => (spec.quantization ? { uint8: 1, uint16: 2, float16: 2 }[spec.quantization.dtype] : 4);
const count = (shape) => shape.reduce((a, b) => a * b, 1);

/** Names of every layer that mixed5 depends on (walks inbound_nodes backwards). */
export function ancestors(layers, outputs) {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const keep = new Set();
  const stack = [...outputs];
  while (stack.length) {
    const name = stack.pop();
    if (keep.has(name)) continue;
    keep.add(name);
    for (const node of byName.get(name).inbound_nodes) for (const [src] of node) stack.push(src);
  }
  return keep;
}

export function extract() {
  const { model, weights } = readNsfwjs();
  const config = model.modelTopology.model_config.config;
  const keep = ancestors(config.layers, OUTPUTS);
  const layers = config.layers.filter((l) => keep.has(l.name)).map((l) => structuredClone(l));

  // Slice each kept weight out of nsfwjs's concatenated buffer.
  const source = new Map();
  let offset = 0;
  for (const spec of model.weightsManifest[0].weights) {
    const n = count(spec.shape) * bytesPer(spec);
    source.set(spec.name, { spec, data: weights.subarray(offset, offset + n) });
    offset += n;
  }
  if (offset !== weights.length) throw new Error(`weights manifest covers ${offset} of ${weights.length} bytes`);

  const specs = [];
  const chunks = [];
  const take = (name) => {
    const w = source.get(name);
    if (!w) throw new Error(`missing weight ${name}`);
    specs.push(w.spec);
    chunks.push(w.data);
  };
  for (const layer of layers) {
    layer.config.trainable = false;
    if (layer.class_name === 'InputLayer') layer.config.batch_input_shape = [null, null, null, 3];
    if (layer.class_name === 'Conv2D') {
      take(`${layer.name}/kernel`);
      if (layer.config.use_bias) take(`${layer.name}/bias`);
    }
    if (layer.class_name === 'BatchNormalization') {
      if (!layer.config.scale) {
        // gamma = 1 exactly: uint8 zeros dequantise to min = 1.
        layer.config.scale = true;
        const shape = source.get(`${layer.name}/beta`).spec.shape;
        specs.push({
          name: `${layer.name}/gamma`,
          shape,
          dtype: 'float32',
          quantization: { min: 1, scale: 1, dtype: 'uint8' },
        });
        chunks.push(Buffer.alloc(count(shape)));
      } else take(`${layer.name}/gamma`);
      if (layer.config.center) take(`${layer.name}/beta`);
      take(`${layer.name}/moving_mean`);
      take(`${layer.name}/moving_variance`);
    }
  }
  const blob = Buffer.concat(chunks);
  const paths = [];
  const shardData = [];
  for (let i = 0; i * SHARD_BYTES < blob.length; i++)
    shardData.push(blob.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  shardData.forEach((_, i) => paths.push(`group1-shard${i + 1}of${shardData.length}.bin`));

  const topology = structuredClone(model.modelTopology);
  Object.assign(topology.model_config.config, {
    name: 'inception_v3_mixed5',
    layers,
    output_layers: OUTPUTS.map((n) => [n, 0, 0]),
  });
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'neural-atelier scripts/extract-inception.mjs from nsfwjs@4.3.0',
    modelTopology: topology,
    weightsManifest: [{ paths, weights: specs }],
  });
  const files = [
    { name: 'model.json', data: Buffer.from(modelJson) },
    ...shardData.map((data, i) => ({ name: paths[i], data })),
  ];
  return { files, layerCount: layers.length, parameterBytes: blob.length };
}

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function main() {
  const out = join(root, 'public', 'models', 'inception-v3', VERSION);
  const { files, layerCount } = extract();
  mkdirSync(out, { recursive: true });
  for (const f of files) {
    const path = join(out, f.name);
    if (!existsSync(path) || sha256(readFileSync(path)) !== sha256(f.data)) writeFileSync(path, f.data);
  }
  const summary = files.map((f) => `${f.name} ${f.data.length} ${sha256(f.data)}`).join('\n  ');
  console.log(
    `inception-v3: ${layerCount} layers up to mixed5 -> public/models/inception-v3/${VERSION}/\n  ${summary}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
