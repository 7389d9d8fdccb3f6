/**
 * MobileNetV2's ImageNet layers as nsfwjs@4.3.0 bundles them (its own training began at block 11), up to block 10, for
 * the Projected-GAN discriminator of the faces' training (models/dcgan-faces/projected.py): float32 weights and, as
 * a parity fixture, what tfjs computes at the discriminator's taps for a seeded input, which projected.py's PyTorch
 * definition must reproduce before a run starts. Written to runs/mobilenet-v2/ (regenerated, never committed).
 * Usage: npx tsx scripts/extract-mobilenet.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ancestors, readNsfwjs } from './extract-inception.mjs';
import { mulberry32 } from '../models/core/random';
import { repoRoot } from '../models/node/files';

/** The feature maps the discriminator reads: 32, 16, 8 and 4 px from a 64 px face. */
const TAPS = ['expanded_conv_project_BN', 'block_2_add', 'block_5_add', 'block_10_project_BN'];

interface Spec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { min: number; scale: number; dtype: string };
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Every weight as float32 (nsfwjs stores them as uint8 with a min and a scale), by name. */
function dequantised(specs: Spec[], bytes: Buffer): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    const n = count(spec.shape);
    const q = spec.quantization;
    if (q && q.dtype !== 'uint8') throw new Error(`${spec.name}: ${q.dtype} quantisation is not read here`);
    const values = q
      ? Float32Array.from(bytes.subarray(offset, offset + n), (v) => q.min + q.scale * v)
      : new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + 4 * n));
    out.set(spec.name, { shape: spec.shape, values });
    offset += q ? n : 4 * n;
  }
  if (offset !== bytes.length) throw new Error(`weights manifest covers ${offset} of ${bytes.length} bytes`);
  return out;
}

async function main() {
  const { model, weights } = readNsfwjs('mobilenet_v2');
  const specs: Spec[] = model.weightsManifest[0].weights;
  const all = dequantised(specs, weights);
  const topology = structuredClone(model.modelTopology);
  const config = topology.model_config.config;
  const layers = ancestors(config.layers, TAPS);
  config.layers = config.layers.filter((l: { name: string }) => layers.has(l.name));
  config.layers[0].config.batch_input_shape = [null, null, null, 3]; // a 64 px face, not the classifier's 224
  config.output_layers = TAPS.map((name) => [name, 0, 0]);
  const kept = (name: string) => layers.has(name.split('/')[0]);
  const out = join(repoRoot, 'runs', 'mobilenet-v2');
  mkdirSync(out, { recursive: true });
  const manifest: { name: string; shape: number[]; offset: number }[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, { shape, values }] of all) {
    if (!kept(name)) continue;
    manifest.push({ name, shape, offset });
    chunks.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
    offset += values.length;
  }
  const blob = Buffer.concat(chunks);
  writeFileSync(join(out, 'weights.bin'), blob);
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ source: 'nsfwjs@4.3.0 mobilenet_v2', manifest }));

  // The parity fixture: tfjs's own layers from the same float32 weights, on two seeded 64 px faces in [-1, 1].
  const weightSpecs = specs
    .filter((s) => kept(s.name))
    .map(({ name, shape }) => ({ name, shape, dtype: 'float32' as const }));
  const weightData = new Uint8Array(blob).buffer;
  const net = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs, weightData }));
  const random = mulberry32(11);
  const input = Float32Array.from({ length: 2 * 64 * 64 * 3 }, () => 2 * random() - 1);
  const outputs = net.predict(tf.tensor4d(input, [2, 64, 64, 3])) as tf.Tensor[];
  const parity = {
    input: Array.from(input),
    taps: TAPS,
    outputs: outputs.map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })),
  };
  writeFileSync(join(out, 'parity.json'), JSON.stringify(parity));
  console.log(`mobilenet-v2: ${manifest.length} weights (${offset} values) up to ${TAPS.at(-1)} -> runs/mobilenet-v2/`);
}

main();
