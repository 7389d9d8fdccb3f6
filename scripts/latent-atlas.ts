/**
 * What the latent studio knows about a VAE's latent space, measured from its training data with the shipped
 * encoder: the principal directions of the encoded means (the sliders), and for 2-D latents a histogram of
 * where each class lands (the map). Only aggregate statistics leave ../shared/data: no image, no per-image code.
 *
 *   npm run atlas -- --model vae-mnist-2d --data <images idx[.gz]> --labels <labels idx[.gz]>
 *   npm run atlas -- --model vae-faces --data <tar|folder of 64x64 JPEGs>
 *
 * Writes models/<id>/atlas.json.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fitGaussian, symmetricEigen } from '../models/core/frechet';
import { registryEntry } from '../models/registry';
import { VAE } from '../models/vae/model';
import type { LatentAtlas } from '../models/vae/atlas';
import { publicModel, repoRoot } from '../models/node/files';
import { readIdxImages, readIdxLabels, readJpegs } from './lib/images';
import { startWasmBackend } from '../models/node/backends';

const DIRECTIONS = 8; // sliders shown for latents larger than this
const MAP_CELLS = 48; // histogram cells per side
const MAP_EXTENT = 3.5; // the map spans [-extent, extent]^2: the prior's 99.95% box

const { values } = parseArgs({
  options: { model: { type: 'string' }, data: { type: 'string' }, labels: { type: 'string' } },
});

const round = (v: number) => Number(v.toPrecision(5));

function loadImages(path: string): tf.Tensor4D {
  if (/\.tar$/.test(path) || !/idx/.test(path)) {
    const faces = readJpegs(path);
    return tf.tidy(
      () =>
        tf.stack(
          faces.map((im) => tf.tensor3d(im.rgb, [im.height, im.width, 3], 'int32').toFloat().div(255)),
        ) as tf.Tensor4D,
    );
  }
  return readIdxImages(path);
}

async function encodeAll(vae: VAE, images: tf.Tensor4D): Promise<Float32Array> {
  const [count] = images.shape;
  const out = new Float32Array(count * vae.latentSize);
  for (let start = 0; start < count; start += 500) {
    const size = Math.min(500, count - start);
    const mu = tf.tidy(() => vae.encode(images.slice([start, 0, 0, 0], [size, -1, -1, -1])).mu);
    out.set(await mu.data(), start * vae.latentSize);
    mu.dispose();
  }
  return out;
}

function principalDirections(
  codes: Float32Array,
  count: number,
  dim: number,
): Pick<LatentAtlas, 'mean' | 'directions'> {
  const gaussian = fitGaussian(codes, count, dim);
  const { values: variances, vectors } = symmetricEigen(gaussian.cov, dim);
  const order = Array.from(variances.keys())
    .sort((a, b) => variances[b] - variances[a])
    .slice(0, Math.min(DIRECTIONS, dim));
  return {
    mean: Array.from(gaussian.mean, round),
    directions: order.map((k) => ({
      sigma: round(Math.sqrt(Math.max(0, variances[k]))),
      vector: Array.from({ length: dim }, (_, i) => round(vectors[i * dim + k])),
    })),
  };
}

function classMap(codes: Float32Array, labels: Uint8Array): NonNullable<LatentAtlas['map']> {
  const classes = Math.max(...labels) + 1;
  const perClass = Array.from({ length: MAP_CELLS * MAP_CELLS }, () => new Uint32Array(classes));
  const sums = Array.from({ length: classes }, () => [0, 0, 0]);
  const cell = (v: number) =>
    Math.min(MAP_CELLS - 1, Math.max(0, Math.floor(((v + MAP_EXTENT) / (2 * MAP_EXTENT)) * MAP_CELLS)));
  labels.forEach((label, n) => {
    const [x, y] = [codes[2 * n], codes[2 * n + 1]];
    sums[label][0] += x;
    sums[label][1] += y;
    sums[label][2] += 1;
    // Rows run top to bottom while y runs upwards, as on a plot.
    perClass[(MAP_CELLS - 1 - cell(y)) * MAP_CELLS + cell(x)][label] += 1;
  });
  const counts = perClass.map((c) => c.reduce((a, b) => a + b, 0));
  const labelsOfCells = perClass
    .map((c, i) => (counts[i] === 0 ? '.' : c.indexOf(Math.max(...c)).toString(36)))
    .join('');
  return {
    extent: MAP_EXTENT,
    cells: MAP_CELLS,
    labels: labelsOfCells,
    counts,
    centroids: sums.map(([x, y, n]) => [round(x / n), round(y / n)]),
  };
}

async function main() {
  if (!values.model || !values.data) throw new Error('give --model <vae id> --data <images> [--labels <labels idx>]');
  await startWasmBackend();
  const entry = registryEntry(values.model);
  const vae = new VAE(publicModel(entry.id, entry.version));
  await vae.load();
  const images = loadImages(values.data);
  const count = images.shape[0];
  const codes = await encodeAll(vae, images);
  images.dispose();
  const atlas: LatentAtlas = {
    model: entry.id,
    version: entry.version,
    data: basename(values.data),
    images: count,
    ...principalDirections(codes, count, vae.latentSize),
  };
  if (vae.latentSize === 2 && values.labels)
    atlas.map = classMap(codes, readIdxLabels(values.labels).subarray(0, count));
  const out = join(repoRoot, 'models', entry.id, 'atlas.json');
  writeFileSync(out, `${JSON.stringify(atlas)}\n`);
  console.log(
    `${entry.id}: ${count} images encoded; sigma of the principal directions: ${atlas.directions.map((d) => d.sigma).join(', ')}`,
  );
  console.log(`wrote ${out}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
