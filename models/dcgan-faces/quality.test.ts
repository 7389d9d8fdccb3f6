// CI quality gate: the shipped generator must be far closer to real faces than its own architecture
// with random weights, measured as FD-mixed5 against the committed statistics of 1,000 training faces.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { readGaussian } from '../node/stats';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { type LayersModelJson, readJson } from '../core/files';
import { fitGaussian, frechetDistance, sqrtPsd } from '../core/frechet';
import { FD_DIM, featuresInBatches } from '../inception-v3/features';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { LATENT_SIZE, latentFromSeed } from './latent';

// 300 faces: FD is biased upward at small N (trained 6.8 at 500 faces); the gate is a factor of ten, far
// above that bias, and 300 keep the test at about 15 s per generator (wasm).
const N = 300;

describe('DCGAN quality (FD-mixed5 against 1,000 training faces)', () => {
  const entry = registryEntry('dcgan-faces');
  const inception = registryEntry('inception-v3');
  const net = new InceptionV3(publicModel(inception.id, inception.version));
  before(async () => {
    await startWasmBackend();
    await net.load();
  });

  it('the shipped generator scores under a tenth of the same architecture with random weights', async () => {
    const real = readGaussian(join(__dirname, 'fd-stats.bin'), FD_DIM);
    const sqrtReal = sqrtPsd(real.cov, FD_DIM);
    const z = tf.tensor2d(Array.from({ length: N }, (_, i) => Array.from(latentFromSeed(10_000 + i, 0))), [N, LATENT_SIZE]);
    const json = await readJson<LayersModelJson>(publicModel(entry.id, entry.version), 'model.json');
    const trained = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: await publicModel(entry.id, entry.version).bytes(json.weightsManifest[0].paths[0]),
    }));
    // Same topology, fresh initialisers. (modelFromJSON declares tfjs-layers' internal PyJsonDict type.)
    const random = await tf.models.modelFromJSON({ modelTopology: json.modelTopology as never });
    const fd = async (g: tf.LayersModel) => {
      const features = await featuresInBatches(net, N, (start, count) =>
        tf.tidy(() => (g.predict(z.slice([start, 0], [count, LATENT_SIZE])) as tf.Tensor4D).add(1).mul(127.5).clipByValue(0, 255) as tf.Tensor4D),
      );
      return frechetDistance(real, fitGaussian(features, N, FD_DIM), sqrtReal);
    };
    const fdTrained = await fd(trained);
    const fdRandom = await fd(random);
    console.log(`FD-mixed5 (${N} faces vs committed stats): trained ${fdTrained.toFixed(2)}, random weights ${fdRandom.toFixed(2)}`);
    assert.ok(fdTrained < fdRandom / 10, `trained ${fdTrained} is not under a tenth of random ${fdRandom}`);
    tf.dispose([z]);
    trained.dispose();
    random.dispose();
  });
});
