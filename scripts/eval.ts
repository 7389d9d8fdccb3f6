/**
 * Model quality from the command line. Prints progress, then the figure as the last line.
 *
 *   npm run eval -- faces --model dcgan-faces --real <folder|tar> [--real <folder|tar> ...] [--n 1000]
 *                         [--k 8] [--threshold T] [--pull A] [--version V] [--fakes <tar>]
 *       FD-mixed5 between n generated faces and n real ones (taken evenly from each --real), and between
 *       two halves of the real ones. --k K: each seed's best of K candidates by the face judge (--threshold T: the
 *       first scoring at least T); --pull A: the latents pulled A of the way toward good faces, as /faces does
 *       (models/dcgan-faces/good-faces.ts); --version V reads public/models/<model>/V (a trial export);
 *       --fakes measures the generated faces in a tar instead (export.py --faces-tar, for generators the browser
 *       cannot run).
 *       Last line: `FD-mixed5: <generated-vs-real> (real-vs-real: <value>)`.
 *   npm run eval -- faces-stats --real <folder|tar> [...] [--n 1000] --out <file>
 *       Writes the mean and covariance of the real faces' mixed5 features (what CI compares against).
 *   npm run eval -- text --model charrnn-shakespeare [--version N] --file <txt> [--slice 0.9:1]
 *       Last line: `nats/char: <value> bits/char: <value>` (32 contiguous streams, state carried, batched steps).
 *       --slice reads only that fraction of the text (0.9:1 is the last 10%); --version takes a served older version.
 *   npm run eval -- tunes [--model charrnn-nottingham] [--n 100] [--temperature 0.8]
 *       Writes n tunes (seeds 1..n, the studio's music settings) and checks each: X/T/M/K headers, a parse
 *       without warnings, bars that fit the meter, and a WAV render that is not silent.
 *       Last line: `valid tunes: <k>/<n> (<percent>%)`.
 *   npm run eval -- vae --model vae-mnist --data <idx[.gz]>
 *       Last line: `nats/image: <value>` (negative ELBO, one seeded z sample per image).
 *   npm run eval -- vae --model vae-faces --data <folder|tar> [--n 1000]
 *       Mean squared error per pixel of mean reconstructions, then `mse/pixel: <value> FD-mixed5: <value>`
 *       (n decoded prior samples against n of the given faces).
 *   npm run eval -- classifier --model digit-cnn (--images <idx[.gz]> --labels <idx[.gz]> | --npm-held-out)
 *       The digit classifier's top-1 accuracy on the given digits (the training run writes its validation split as
 *       runs/<model>/val-{images,labels}-*.gz), or on the npm package mnist's digits it never saw.
 *       Last line: `accuracy: <value>`.
 *   npm run eval -- style [--n 4] [--size 256] [--steps 100] [--algorithms 1,2,3] [--data ../shared/data]
 *                         [--painted '{"levels":1}'] [--style-scale S] [--tag name]
 *                         [--photos P]
 *       Style algorithms on a panel of n public-domain photos x n paintings (scripts/eval-style.ts); --painted changes
 *       parts of algorithm 3 (models/style/painted.ts PaintedOptions) for the ablation; --tag names the run's folder;
 *       --photos P takes only the first P photos.
 *       Last line: `mean: {...}` (cross-network style distance, palette distance, speckle ratio, content SSIM per
 *       algorithm).
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { fitGaussian, frechetDistance, sqrtPsd } from '../models/core/frechet';
import { mulberry32 } from '../models/core/random';
import { seedLatents } from '../models/dcgan-faces/latent';
import { pullFor } from '../models/dcgan-faces/good-faces';
import { modelFingerprint } from '../lib/share/model-ref';
import { MAX_FACE_PULL } from '../lib/share/recipe';
import { chooseFaces, FaceJudge } from '../models/dcgan-faces/judge';
import { DCGANFaces } from '../models/dcgan-faces/model';
import { FD_DIM, featuresInBatches } from '../models/inception-v3/features';
import { InceptionV3 } from '../models/inception-v3/model';
import { modelVersions, registryEntry } from '../models/registry';
import { publicModel, repoRoot } from '../models/node/files';
import { readFileSync, statSync } from 'node:fs';
import { CharRNN, natsPerChar } from '../models/charrnn/model';
import { checkTune, firstTune, TUNE_MAX_CHARS, TUNE_PRIME, TUNE_SAMPLING, tuneNotes } from '../models/charrnn/abc';
import { sampleText } from '../models/charrnn/sample';
import { encode } from '../models/charrnn/vocab';
import { renderNotes, rms } from '../lib/audio/wav';
import { seededNormals } from '../models/core/random';
import { bernoulliNegativeElbo, VAE } from '../models/vae/model';
import { readIdxImages, readIdxLabels, readJpegs, type RgbImage } from './lib/images';
import { accuracyOf, DigitClassifier } from '../models/classifier/model';
import { heldOutDigits } from '../models/node/mnist';
import { startWasmBackend } from '../models/node/backends';
import { evalStyle } from './eval-style';
import type { StyleAlgorithm } from '../models/style/run';
import { join } from 'node:path';
import { writeGaussian } from '../models/node/stats';
import { faceFeatures } from '../models/node/faces-gate';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    real: { type: 'string', multiple: true },
    n: { type: 'string' },
    out: { type: 'string' },
    file: { type: 'string' },
    data: { type: 'string' },
    temperature: { type: 'string' },
    version: { type: 'string' },
    fakes: { type: 'string' },
    slice: { type: 'string' },
    k: { type: 'string' },
    threshold: { type: 'string' },
    pull: { type: 'string' },
    size: { type: 'string' },
    steps: { type: 'string' },
    algorithms: { type: 'string' },
    painted: { type: 'string' },
    'style-scale': { type: 'string' },
    tag: { type: 'string' },
    photos: { type: 'string' },
    images: { type: 'string' },
    labels: { type: 'string' },
    'npm-held-out': { type: 'boolean' },
  },
});

/** n images spread evenly over the given sources, picked at random (seeded) within each. */
function sampleReal(paths: string[], n: number): RgbImage[] {
  const per = Math.ceil(n / paths.length);
  const random = mulberry32(12345);
  return paths
    .flatMap((p) => {
      const all = readJpegs(p);
      for (let i = all.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [all[i], all[j]] = [all[j], all[i]];
      }
      if (all.length < per) console.warn(`${p}: only ${all.length} images, wanted ${per}`);
      return all.slice(0, per);
    })
    .slice(0, n);
}

const realPixels = (images: RgbImage[]) => (start: number, count: number) =>
  tf.tidy(
    () =>
      tf.stack(
        images
          .slice(start, start + count)
          .map((im) => tf.tensor3d(im.rgb, [im.height, im.width, 3], 'int32').toFloat()),
      ) as tf.Tensor4D,
  );

async function evalText(modelId: string, version: string | undefined, file: string, slice: string) {
  const entry = version ? modelVersions(modelId).find((m) => m.version === version) : registryEntry(modelId);
  if (!entry) throw new Error(`${modelId} has no served version ${version}`);
  const model = new CharRNN(publicModel(entry.id, entry.version));
  await model.load();
  const text = readFileSync(file, 'utf8');
  const [from, to] = slice.split(':').map(Number);
  if (!(from >= 0 && to <= 1 && from < to))
    throw new Error(`--slice wants from:to, fractions of the text (got ${slice})`);
  const ids = encode(text.slice(Math.floor(text.length * from), Math.floor(text.length * to)));
  console.log(`${entry.id} v${entry.version} on ${file} [${from}, ${to}): ${ids.length} characters`);
  const nats = await natsPerChar(model, ids, 32, (t) => t % 2048 === 0 && console.log(`  ${t * 32} characters`));
  console.log(`nats/char: ${nats.toFixed(4)} bits/char: ${(nats / Math.LN2).toFixed(4)}`);
}

async function evalTunes(modelId: string, n: number, temperature: number) {
  const entry = registryEntry(modelId);
  const model = new CharRNN(publicModel(entry.id, entry.version));
  await model.load();
  const reasons = new Map<string, number>();
  let valid = 0;
  for (let seed = 1; seed <= n; seed++) {
    const tune = firstTune(
      TUNE_PRIME + sampleText(model, TUNE_PRIME, TUNE_MAX_CHARS, seed, { ...TUNE_SAMPLING, temperature }, true),
    );
    const check = checkTune(tune);
    const loud = check.valid && rms(renderNotes(tuneNotes(tune, 120))) > 0.01;
    if (check.valid && loud) valid++;
    const why = check.problems[0]?.replace(/\d+(\.\d+)?/g, 'N') ?? (loud ? null : 'silent WAV');
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    console.log(
      `seed ${seed}: ${check.valid && loud ? 'valid' : `not valid (${check.problems.concat(loud ? [] : ['silent']).join('; ')})`} "${check.title}", ${tune.length} chars`,
    );
  }
  console.log('why tunes failed:', Object.fromEntries(reasons));
  console.log(`${entry.id} at temperature ${temperature}`);
  console.log(`valid tunes: ${valid}/${n} (${((100 * valid) / n).toFixed(0)}%)`);
}

async function evalVae(modelId: string, data: string, n: number) {
  const entry = registryEntry(modelId);
  const vae = new VAE(publicModel(entry.id, entry.version));
  await vae.load();
  if (!statSync(data).isDirectory() && !data.endsWith('.tar')) {
    const images = readIdxImages(data);
    const count = images.shape[0];
    let total = 0;
    for (let start = 0; start < count; start += 500) {
      const size = Math.min(500, count - start);
      const sum = tf.tidy(() => {
        const x = images.slice([start, 0, 0, 0], [size, -1, -1, -1]);
        const noise = tf.tensor2d(seededNormals(start + 1, size * vae.latentSize), [size, vae.latentSize]);
        return bernoulliNegativeElbo(vae, x, noise).sum();
      });
      total += (await sum.data())[0];
      sum.dispose();
    }
    console.log(`${entry.id} v${entry.version} on ${count} images of ${data}`);
    console.log(`nats/image: ${(total / count).toFixed(3)}`);
    return;
  }
  const real = sampleReal([data], n);
  const batch = (images: RgbImage[]) =>
    tf.tidy(
      () =>
        tf.stack(
          images.map((im) => tf.tensor3d(im.rgb, [im.height, im.width, 3], 'int32').toFloat().div(255)),
        ) as tf.Tensor4D,
    );
  let squared = 0;
  for (let start = 0; start < real.length; start += 100) {
    const err = tf.tidy(() => {
      const x = batch(real.slice(start, start + 100));
      return vae.decode(vae.encode(x).mu).sub(x).square().sum();
    });
    squared += (await err.data())[0];
    err.dispose();
  }
  const mse = squared / (real.length * 64 * 64 * 3);
  console.log(
    `${entry.id}: mean squared error per pixel of reconstructions of ${real.length} faces: ${mse.toFixed(6)}`,
  );
  const net = await inceptionNet();
  const realStats = fitGaussian(await featuresInBatches(net, real.length, realPixels(real)), real.length, FD_DIM);
  const prior = await featuresInBatches(net, n, (start, count) =>
    tf.tidy(
      () =>
        vae
          .decode(tf.tensor2d(seededNormals(start + 11, count * vae.latentSize), [count, vae.latentSize]))
          .mul(255) as tf.Tensor4D,
    ),
  );
  console.log(
    `mse/pixel: ${mse.toFixed(6)} FD-mixed5: ${frechetDistance(realStats, fitGaussian(prior, n, FD_DIM)).toFixed(2)}`,
  );
}

async function evalClassifier(modelId: string) {
  const entry = registryEntry(modelId);
  const classifier = new DigitClassifier(publicModel(entry.id, entry.version));
  await classifier.load();
  let digits: { x: tf.Tensor4D; labels: ArrayLike<number> };
  if (values['npm-held-out']) digits = heldOutDigits();
  else if (values.images && values.labels)
    digits = { x: readIdxImages(values.images), labels: readIdxLabels(values.labels) };
  else throw new Error('give the digits with --images <idx> --labels <idx>, or --npm-held-out');
  const accuracy = await accuracyOf(classifier, digits.x, digits.labels);
  console.log(
    `${entry.id} v${entry.version} on ${digits.x.shape[0]} digits of ${values['npm-held-out'] ? 'the npm package mnist, held out' : values.images}`,
  );
  console.log(`accuracy: ${accuracy.toFixed(4)}`);
}

async function faceJudge(): Promise<FaceJudge> {
  const entry = registryEntry('dcgan-faces-judge');
  const judge = new FaceJudge(publicModel(entry.id, entry.version));
  await judge.load();
  return judge;
}

async function inceptionNet(): Promise<InceptionV3> {
  const inception = registryEntry('inception-v3');
  const net = new InceptionV3(publicModel(inception.id, inception.version));
  await net.load();
  return net;
}

/** Features of n faces of a served (or trial) generator, seeds 0..n-1; with --k K, each seed's face is the one of
 * its K candidates the face judge scores highest. */
async function generatorFeatures(net: InceptionV3, n: number): Promise<{ generated: Float32Array; label: string }> {
  const entry = {
    ...registryEntry(values.model ?? 'dcgan-faces'),
    ...(values.version ? { version: values.version } : {}),
  };
  const gan = new DCGANFaces(publicModel(entry.id, entry.version));
  await gan.load();
  const amount = values.pull === undefined ? undefined : Number(values.pull);
  if (amount !== undefined && !(amount > 0 && amount <= MAX_FACE_PULL))
    throw new Error(`--pull takes a number in (0, ${MAX_FACE_PULL}], not ${values.pull}`);
  const pull = amount === undefined ? null : pullFor(modelFingerprint(entry), amount);
  if (amount !== undefined && (values.version || !pull))
    throw new Error(`--pull needs a served version with a good faces' mean (models/dcgan-faces/good-latents.json)`);
  const rule = {
    k: Number(values.k ?? 1),
    threshold: values.threshold === undefined ? undefined : Number(values.threshold),
    pull,
  };
  const seeds = Array.from({ length: n }, (_, i) => i);
  const latents =
    rule.k > 1 ? (await chooseFaces(gan, await faceJudge(), seeds, rule)).latents : seedLatents(seeds, rule);
  const generated = await faceFeatures(net, gan, latents);
  const chosen = rule.threshold === undefined ? 'best' : `first over ${rule.threshold}`;
  const judged = rule.k > 1 ? `, ${chosen} of ${rule.k} by the face judge` : '';
  const pulled = pull ? `, pulled ${pull.amount} toward good faces` : '';
  return { generated, label: `${entry.id} v${entry.version}${judged}${pulled}` };
}

async function main() {
  const [command] = positionals;
  // --n defaults per evaluation: 100 tunes, else 1,000 images.
  const n = Number(values.n ?? (command === 'tunes' ? 100 : 1000));
  await startWasmBackend();
  if (command === 'text') {
    if (!values.file) throw new Error('give the text with --file <txt>');
    return evalText(values.model ?? 'charrnn-shakespeare', values.version, values.file, values.slice ?? '0:1');
  }
  if (command === 'style') {
    return evalStyle({
      dataDir: values.data ?? join(repoRoot, '..', 'shared', 'data'),
      side: Number(values.n ?? 4),
      photos: values.photos ? Number(values.photos) : undefined,
      size: Number(values.size ?? 256),
      steps: Number(values.steps ?? 100),
      algorithms: (values.algorithms ?? '1,2').split(',').map((a) => Number(a) as StyleAlgorithm),
      painted: values.painted ? JSON.parse(values.painted) : undefined,
      styleScale: values['style-scale'] ? Number(values['style-scale']) : undefined,
      tag: values.tag,
    });
  }
  if (command === 'tunes')
    return evalTunes(values.model ?? 'charrnn-nottingham', n, Number(values.temperature ?? TUNE_SAMPLING.temperature));
  if (command === 'classifier') return evalClassifier(values.model ?? 'digit-cnn');
  if (command === 'vae') {
    if (!values.data) throw new Error('give the images with --data <idx file|folder|tar>');
    return evalVae(values.model ?? 'vae-mnist', values.data, n);
  }
  if (!values.real?.length) throw new Error('give the real images with --real <folder|tar>');
  const net = await inceptionNet();
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
  if (command !== 'faces')
    throw new Error(`unknown evaluation "${command}" (faces, faces-stats, text, tunes, vae, classifier, style)`);
  const fakes = values.fakes ? sampleReal([values.fakes], n) : null;
  if (fakes && fakes.length < n) throw new Error(`${values.fakes} holds ${fakes.length} faces; --n asks for ${n}`);
  const { generated, label } = fakes
    ? { generated: await featuresInBatches(net, n, realPixels(fakes)), label: values.fakes! }
    : await generatorFeatures(net, n);
  const realStats = fitGaussian(realFeatures, real.length, FD_DIM);
  const sqrtReal = sqrtPsd(realStats.cov, FD_DIM);
  const fd = frechetDistance(realStats, fitGaussian(generated, n, FD_DIM), sqrtReal);
  const half = Math.floor(real.length / 2);
  // Halves interleaved, so each holds the same mix of sources.
  const pick = (parity: number) =>
    Float32Array.from(
      { length: half * FD_DIM },
      (_, k) => realFeatures[(2 * Math.floor(k / FD_DIM) + parity) * FD_DIM + (k % FD_DIM)],
    );
  const realVsReal = frechetDistance(fitGaussian(pick(0), half, FD_DIM), fitGaussian(pick(1), half, FD_DIM));
  console.log(
    `${label}: ${n} generated vs ${real.length} real faces in ${((Date.now() - started) / 1000).toFixed(0)} s ` +
      `(real-vs-real uses ${half} vs ${half})`,
  );
  console.log(`FD-mixed5: ${fd.toFixed(2)} (real-vs-real: ${realVsReal.toFixed(2)})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
