/**
 * Model quality from the command line. Prints progress, then the figure as the last line.
 *
 *   npm run eval -- faces --model dcgan-faces --real <folder|tar> [--real <folder|tar> ...] [--n 1000]
 *       FD-mixed5 between n generated faces and n real ones (taken evenly from each --real), and between
 *       two halves of the real ones. Last line: `FD-mixed5: <generated-vs-real> (real-vs-real: <value>)`.
 *   npm run eval -- faces-stats --real <folder|tar> [...] [--n 1000] --out <file>
 *       Writes the mean and covariance of the real faces' mixed5 features (what CI compares against).
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { fitGaussian, frechetDistance, sqrtPsd } from '../models/core/frechet';
import { mulberry32 } from '../models/core/random';
import { DCGANFaces, LATENT_SIZE, latentFromSeed } from '../models/dcgan-faces/model';
import { FD_DIM, featuresInBatches } from '../models/inception-v3/features';
import { InceptionV3 } from '../models/inception-v3/model';
import { registryEntry } from '../models/registry';
import { publicModel } from '../tests/support/node-files';
import { readJpegs, type RgbImage } from './lib/images';
import { startWasmBackend } from './lib/node-tf';
import { writeGaussian } from './lib/stats';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string' }, real: { type: 'string', multiple: true }, n: { type: 'string', default: '1000' }, out: { type: 'string' } },
});

/** n images spread evenly over the given sources, picked at random (seeded) within each. */
function sampleReal(paths: string[], n: number): RgbImage[] {
  const per = Math.ceil(n / paths.length);
  const random = mulberry32(12345);
  return paths.flatMap((p) => {
    const all = readJpegs(p);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    if (all.length < per) console.warn(`${p}: only ${all.length} images, wanted ${per}`);
    return all.slice(0, per);
  }).slice(0, n);
}

const realPixels = (images: RgbImage[]) => (start: number, count: number) =>
  tf.tidy(() => tf.stack(images.slice(start, start + count).map((im) => tf.tensor3d(im.rgb, [im.height, im.width, 3], 'int32').toFloat())) as tf.Tensor4D);

async function main() {
  const [command] = positionals;
  const n = Number(values.n);
  if (!values.real?.length) throw new Error('give the real images with --real <folder|tar>');
  await startWasmBackend();
  const inception = registryEntry('inception-v3');
  const net = new InceptionV3(publicModel(inception.id, inception.version));
  await net.load();
  const started = Date.now();
  const real = sampleReal(values.real, n);
  console.log(`${real.length} real faces from ${values.real.join(', ')}`);
  const realFeatures = await featuresInBatches(net, real.length, realPixels(real));

  if (command === 'faces-stats') {
    if (!values.out) throw new Error('give --out <file>');
    writeGaussian(values.out, fitGaussian(realFeatures, real.length, FD_DIM));
    console.log(`wrote mean and covariance of ${real.length} faces' mixed5 features to ${values.out}`);
    return;
  }
  if (command !== 'faces') throw new Error(`unknown evaluation "${command}" (faces, faces-stats)`);
  const entry = registryEntry(values.model ?? 'dcgan-faces');
  const gan = new DCGANFaces(publicModel(entry.id, entry.version));
  await gan.load();
  const generated = await featuresInBatches(net, n, (start, count) =>
    tf.tidy(() => gan.pixels(tf.tensor2d(Array.from({ length: count }, (_, i) => Array.from(latentFromSeed(start + i, 0))), [count, LATENT_SIZE]))),
  );
  const realStats = fitGaussian(realFeatures, real.length, FD_DIM);
  const sqrtReal = sqrtPsd(realStats.cov, FD_DIM);
  const fd = frechetDistance(realStats, fitGaussian(generated, n, FD_DIM), sqrtReal);
  const half = Math.floor(real.length / 2);
  // Halves interleaved, so each holds the same mix of sources.
  const pick = (parity: number) => Float32Array.from({ length: half * FD_DIM }, (_, k) => realFeatures[(2 * Math.floor(k / FD_DIM) + parity) * FD_DIM + (k % FD_DIM)]);
  const realVsReal = frechetDistance(fitGaussian(pick(0), half, FD_DIM), fitGaussian(pick(1), half, FD_DIM));
  console.log(`${entry.id} v${entry.version}: ${n} generated vs ${real.length} real faces in ${((Date.now() - started) / 1000).toFixed(0)} s (real-vs-real uses ${half} vs ${half})`);
  console.log(`FD-mixed5: ${fd.toFixed(2)} (real-vs-real: ${realVsReal.toFixed(2)})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
