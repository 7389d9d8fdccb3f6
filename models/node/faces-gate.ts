// What the faces' quality gates share (models/dcgan-faces/quality.test.ts, judge-quality.test.ts): FD-mixed5 of a
// generator's faces against the committed statistics of 1,000 training faces, and untrained networks to prove the
// gates can fail.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import { fitGaussian, frechetDistance, sqrtPsd } from '../core/frechet';
import { FD_DIM, featuresInBatches } from '../inception-v3/features';
import { InceptionV3 } from '../inception-v3/model';
import { type ModelEntry, registryEntry } from '../registry';
import { LATENT_SIZE } from '../dcgan-faces/latent';
import { DCGANFaces } from '../dcgan-faces/model';
import { FaceJudge } from '../dcgan-faces/judge';
import { startWasmBackend } from './backends';
import { publicModel } from './files';
import { readGaussian } from './stats';

/** Seeds of the gates' faces: FD is biased upward at small N, so thresholds are for 300 faces of these seeds. */
export const GATE_SEEDS = Array.from({ length: 300 }, (_, i) => 10_000 + i);

/** Starts wasm and InceptionV3; the returned function scores latents through a generator (loaded and disposed). */
export async function fdGate(): Promise<(gan: DCGANFaces, latents: Float32Array[]) => Promise<number>> {
  await startWasmBackend();
  const inception = registryEntry('inception-v3');
  const net = new InceptionV3(publicModel(inception.id, inception.version));
  await net.load();
  const real = readGaussian(join(__dirname, '..', 'dcgan-faces', 'fd-stats.bin'), FD_DIM);
  const sqrtReal = sqrtPsd(real.cov, FD_DIM);
  return async (gan, latents) => {
    await gan.load();
    const features = await faceFeatures(net, gan, latents);
    gan.dispose();
    return frechetDistance(real, fitGaussian(features, latents.length, FD_DIM), sqrtReal);
  };
}

/** InceptionV3's mixed5 features (FD_DIM each) of a loaded generator's faces for these latents. */
export async function faceFeatures(net: InceptionV3, gan: DCGANFaces, latents: Float32Array[]): Promise<Float32Array> {
  const z = tf.tensor2d(
    latents.flatMap((v) => Array.from(v)),
    [latents.length, LATENT_SIZE],
  );
  try {
    return await featuresInBatches(net, latents.length, (start, count) =>
      gan.pixels(z.slice([start, 0], [count, LATENT_SIZE])),
    );
  } finally {
    z.dispose();
  }
}

export const generatorOf = (version: ModelEntry) => new DCGANFaces(publicModel(version.id, version.version));

/** Shuffles the values of every weight tensor in place: the trained statistics, none of the training. */
function shuffleWeights(network: tf.LayersModel) {
  const random = mulberry32(7);
  const weights = network.getWeights().map((w) => {
    const values = w.dataSync().slice();
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    return tf.tensor(values, w.shape);
  });
  network.setWeights(weights);
  tf.dispose(weights);
}

export class UntrainedGenerator extends DCGANFaces {
  async load() {
    await super.load();
    shuffleWeights(this.network);
  }
}

export class UntrainedJudge extends FaceJudge {
  async load() {
    await super.load();
    shuffleWeights(this.network);
  }
}
