/**
 * Benchmarks shared by the Node harness (bench/run.ts) and the in-browser runner (/bench): plain tfjs code
 * taking a way to reach model files, returning named figures. Never part of the tests.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../../models/core/files';
import { CharRNN, disposeState } from '../../models/charrnn/model';
import { Writer } from '../../models/charrnn/sample';
import { encode } from '../../models/charrnn/vocab';
import { chooseFaces, FaceJudge } from '../../models/dcgan-faces/judge';
import { DEFAULT_FACE_CANDIDATES } from '../../models/dcgan-faces/latent';
import { DCGANFaces, LATENT_SIZE } from '../../models/dcgan-faces/model';
import { dreamStep } from '../../models/deepdream/dream';
import { DEFAULT_TILING } from '../../models/deepdream/tiles';
import { InceptionV3 } from '../../models/inception-v3/model';
import { modelVersions, registryEntry } from '../../models/registry';
import { VAE } from '../../models/vae/model';
import { defaultWeights, LATEST_STYLE_ALGORITHM, type StyleAlgorithm, transferStyle } from '../../models/style/run';
import { presetPixels } from './preset-pixels';
import { train } from './bench-train';
import { video } from './bench-video';

export type Figures = Record<string, number>;
export type FilesFor = (id: string, version: string) => ModelFiles;
/** Limits a run may set: `maxSize` skips image sizes above it (SwiftShader takes minutes a step at 1024 px);
 * `steps` sets the length of a benchmark's convergence run (style: 500 by default). */
export interface BenchOptions {
  maxSize?: number;
  steps?: number;
}

/** Median ms of `work` (which must finish its GPU work, e.g. by awaiting data()), after one warm-up;
 * up to `reps` repetitions or until `budgetMs` is spent. */
export async function timeIt(work: () => Promise<void>, reps = 5, budgetMs = 20_000): Promise<number> {
  await work();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < reps && (times.length === 0 || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

async function inception(filesFor: FilesFor): Promise<Figures> {
  const entry = registryEntry('inception-v3');
  const net = new InceptionV3(filesFor(entry.id, entry.version));
  await net.load();
  const figures: Figures = {};
  try {
    for (const size of [224, 512]) {
      const image = tf.randomUniform([1, size, size, 3], -1, 1) as tf.Tensor4D;
      figures[`forward_mixed5_${size}px_ms`] = await timeIt(async () => {
        const [out] = net.features(image, ['mixed5']);
        await out.data();
        tf.dispose(out);
      });
      image.dispose();
    }
  } finally {
    net.dispose();
  }
  return figures;
}

/** DCGAN faces per second at batch 1, 16 and 64 (generation plus read-back of the pixels), and ms for the studio's
 * 64-face grid at the default number of candidates per seed, the judge choosing (the pixels of the chosen faces made
 * again, as the engine's faces run does). */
async function faces(filesFor: FilesFor): Promise<Figures> {
  const [entry, judgeEntry] = [registryEntry('dcgan-faces'), registryEntry('dcgan-faces-judge')];
  const gan = new DCGANFaces(filesFor(entry.id, entry.version));
  const judge = new FaceJudge(filesFor(judgeEntry.id, judgeEntry.version));
  await Promise.all([gan.load(), judge.load()]);
  const figures: Figures = {};
  try {
    const seeds = Array.from({ length: 64 }, (_, i) => i);
    figures[`grid64_k${DEFAULT_FACE_CANDIDATES}_ms`] = await timeIt(async () => {
      const { latents } = await chooseFaces(gan, judge, seeds, { k: DEFAULT_FACE_CANDIDATES });
      const out = gan.pixels(
        tf.tensor2d(
          latents.flatMap((z) => Array.from(z)),
          [latents.length, LATENT_SIZE],
        ),
      );
      await out.data();
      out.dispose();
    }, 3);
    for (const batch of [1, 16, 64]) {
      const z = tf.randomNormal([batch, LATENT_SIZE]) as tf.Tensor2D;
      const ms = await timeIt(async () => {
        const out = gan.pixels(z);
        await out.data();
        out.dispose();
      }, 10);
      figures[`faces_per_s_batch${batch}`] = Math.round((batch * 1000 * 10) / ms) / 10;
      z.dispose();
    }
  } finally {
    gan.dispose();
    judge.dispose();
  }
  return figures;
}

/** DeepDream ms per ascent step (mixed3 + mixed5) at 256, 512 and 1024 px, and tiled at 2048 px. */
async function dream(filesFor: FilesFor, { maxSize = Infinity }: BenchOptions = {}): Promise<Figures> {
  const entry = registryEntry('inception-v3');
  const net = new InceptionV3(filesFor(entry.id, entry.version));
  await net.load();
  const settings = {
    layers: [
      { name: 'mixed3' as const, weight: 1 },
      { name: 'mixed5' as const, weight: 1 },
    ],
    stepSize: 0.01,
  };
  const figures: Figures = {};
  try {
    for (const [size, tiling] of [[256], [512], [1024], [2048, DEFAULT_TILING]] as const) {
      if (size > maxSize) continue;
      const image = tf.randomUniform([1, size, size, 3], 0, 255) as tf.Tensor4D;
      figures[`step_${size}px${tiling ? '_tiled' : ''}_ms`] = await timeIt(
        async () => {
          const { image: out, objective } = dreamStep(net, image, settings, [3, 5], undefined, tiling);
          await out.data();
          tf.dispose([out, objective]);
        },
        3,
        60_000,
      );
      image.dispose();
    }
  } finally {
    net.dispose();
  }
  return figures;
}

/** VAE decode latency at batch 1 (one map drag or slider move: decode plus read-back), per latent model;
 * the studio aims for 16.7 ms (60 frames a second). Encode latency of one image, for draw-to-encode. */
async function latent(filesFor: FilesFor): Promise<Figures> {
  const figures: Figures = {};
  for (const id of ['vae-mnist-2d', 'vae-mnist', 'vae-fashion', 'vae-faces']) {
    const entry = registryEntry(id);
    const vae = new VAE(filesFor(entry.id, entry.version));
    await vae.load();
    try {
      let k = 0;
      figures[`${id}_decode_ms`] = await timeIt(async () => {
        // A new point each time, as a drag makes them.
        const image = tf.tidy(() => vae.decode(tf.fill([1, vae.latentSize], Math.sin(k++)) as tf.Tensor2D));
        await image.data();
        image.dispose();
      }, 30);
      const input = tf.randomUniform([1, ...vae.imageShape]) as tf.Tensor4D;
      figures[`${id}_encode_ms`] = await timeIt(async () => {
        const { mu, logvar } = vae.encode(input);
        await mu.data();
        tf.dispose([mu, logvar]);
      }, 10);
      input.dispose();
    } finally {
      vae.dispose();
    }
  }
  return figures;
}

/**
 * CharRNN characters per second at batch 1, for every served version of the Shakespeare model (figures
 * prefixed v<N>_): the studio's way (one LSTM step per character on the kept state, logits read back each step)
 * against the tfjs-examples way (re-running the whole text so far through the LSTM from a zero state for every
 * new character), at a 200-character prefix, in the same run.
 */
async function text(filesFor: FilesFor): Promise<Figures> {
  const figures: Figures = {};
  for (const entry of modelVersions('charrnn-shakespeare')) {
    for (const [name, value] of Object.entries(await textFigures(new CharRNN(filesFor(entry.id, entry.version))))) {
      figures[`v${entry.version}_${name}`] = value;
    }
  }
  return figures;
}

async function textFigures(model: CharRNN): Promise<Figures> {
  await model.load();
  const prefix =
    'ROMEO:\nWhat light through yonder window breaks? It is the east, and Juliet is the sun.\n' +
    'Arise, fair sun, and kill the envious moon, who is already sick and pale with grief, ' +
    'that thou her maid art far more fair than she.\n';
  const options = { temperature: 0.8, topK: 0, topP: 1 };
  const figures: Figures = {};
  try {
    const writer = new Writer(model, 1);
    await writer.feedAsync(prefix);
    const chars = 50;
    const stateful = await timeIt(async () => {
      for (let i = 0; i < chars; i++) await writer.nextAsync(options);
    }, 3);
    writer.dispose();
    figures.stateful_chars_per_s = Math.round((chars * 1000 * 10) / stateful) / 10;
    const ids = encode(prefix);
    const rerun = await timeIt(async () => {
      let state = model.initialState(1);
      let logits: { dispose(): void; data(): Promise<unknown> } | null = null;
      for (const id of ids) {
        logits?.dispose();
        const next = model.step([id], state);
        disposeState(state);
        state = next.state;
        logits = next.logits;
      }
      await logits!.data();
      logits!.dispose();
      disposeState(state);
    }, 3);
    figures.prefix_rerun_chars_per_s = Number((1000 / rerun).toPrecision(3));
    figures.prefix_chars = ids.length;
  } finally {
    model.dispose();
  }
  return figures;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The times between consecutive entries. */
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

/**
 * One style run with the studio's defaults for `algorithm` in a single stage (no coarse-to-fine, so every step
 * works at `size`): when it started, when each step ended (the loss read back each step, as the studio does).
 */
async function styleRun(net: InceptionV3, algorithm: StyleAlgorithm, size: number, steps: number) {
  const plan = {
    algorithm,
    weights: defaultWeights(algorithm),
    learningRate: 6,
    init: 'content' as const,
    seed: 1,
    styleScale: 1,
    coarseToFine: false,
    preserveColor: 'none' as const,
    steps,
  };
  const content = presetPixels('orbs', size);
  const styleImage = presetPixels('mosaic', size);
  const times: number[] = [];
  const losses: number[] = [];
  const started = performance.now();
  const out = await transferStyle(net, content, [{ pixels: styleImage, weight: 1 }], plan, (r) => {
    times.push(performance.now());
    losses.push(r.losses[0]);
  });
  tf.dispose([out, content, styleImage]);
  return { started, times, losses };
}

/**
 * Gatys style transfer, algorithms 2 and 3 side by side at the same working size: ms per step at 256 and 512 px
 * (the median of steps 2-6: the first builds the style targets and compiles), the seconds 100 steps take (the first
 * step plus 99 median steps) and algorithm 3's step over algorithm 2's. Then how fast the newest algorithm's loss
 * falls: over a `steps`-step run at 128 px (500 unless set), the step and the seconds at which 90% of the run's
 * whole loss drop was reached.
 */
async function style(filesFor: FilesFor, { maxSize = Infinity, steps = 500 }: BenchOptions = {}): Promise<Figures> {
  const entry = registryEntry('inception-v3');
  const net = new InceptionV3(filesFor(entry.id, entry.version));
  await net.load();
  const figures: Figures = {};
  try {
    for (const size of [256, 512]) {
      if (size > maxSize) continue;
      for (const algorithm of [2, 3] as const) {
        const { started, times } = await styleRun(net, algorithm, size, 6);
        const step = medianOf(gaps(times.slice(1)));
        figures[`alg${algorithm}_step_${size}px_ms`] = round1(step);
        figures[`alg${algorithm}_100_steps_${size}px_s`] = round1((times[0] - started + 99 * step) / 1000);
      }
      figures[`alg3_over_alg2_step_${size}px`] =
        Math.round((figures[`alg3_step_${size}px_ms`] / figures[`alg2_step_${size}px_ms`]) * 100) / 100;
    }
    const { times, losses } = await styleRun(net, LATEST_STYLE_ALGORITHM, 128, steps);
    const drop = losses[0] - Math.min(...losses);
    const reached = losses.findIndex((l) => losses[0] - l >= 0.9 * drop);
    figures.step_128px_ms = round1(medianOf(gaps(times)));
    figures.converge_steps = steps;
    figures.converge_90pct_step = reached + 1;
    figures.converge_90pct_s = Math.round((times[reached] - times[0]) / 100) / 10;
    figures.converge_loss_first = Number(losses[0].toPrecision(4));
    figures.converge_loss_last = Number(losses[losses.length - 1].toPrecision(4));
  } finally {
    net.dispose();
  }
  return figures;
}

/** Picks `keys` of `figures`, each renamed with `prefix`. */
const pick = (figures: Figures, prefix: string, keys: string[]): Figures =>
  Object.fromEntries(keys.map((k) => [`${prefix}${k}`, figures[k]]));

/**
 * A step of each long-running studio, for comparing backends (and wasm with and without threads) side by side:
 * dream and style ms per step at 128 and 256 px, text characters per second of the newest Shakespeare model.
 */
async function steps(filesFor: FilesFor): Promise<Figures> {
  const latest = registryEntry('charrnn-shakespeare');
  return {
    ...pick(await dream(filesFor, { maxSize: 256 }), 'dream_', ['step_256px_ms']),
    ...pick(await style(filesFor, { maxSize: 256, steps: 6 }), 'style_', [
      'step_128px_ms',
      `alg${LATEST_STYLE_ALGORITHM}_step_256px_ms`,
    ]),
    ...pick(await textFigures(new CharRNN(filesFor(latest.id, latest.version))), `text_v${latest.version}_`, [
      'stateful_chars_per_s',
    ]),
  };
}

export const BENCHMARKS: Record<string, (filesFor: FilesFor, options?: BenchOptions) => Promise<Figures>> = {
  inception,
  faces,
  dream,
  latent,
  text,
  style,
  steps,
  train,
  video,
};
