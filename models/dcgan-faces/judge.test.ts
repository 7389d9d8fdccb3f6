import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { cpuBackend } from '../node/backends';
import { registryEntry } from '../registry';
import { chooseFaces, FaceJudge } from './judge';
import { candidateLatents, latentFromSeed, LATENT_SIZE, seedLatents } from './latent';
import { pullFor } from './good-faces';
import pullParity from './pull-parity.json';
import { DCGANFaces } from './model';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'dcgan-faces-judge', 'parity.json'), 'utf8')) as {
  inputShape: number[];
  outputShape: number[];
  inputs: number[];
  outputs: number[];
};

describe('the face judge', () => {
  const judgeEntry = registryEntry('dcgan-faces-judge');
  const ganEntry = registryEntry('dcgan-faces');
  const judge = new FaceJudge(publicModel(judgeEntry.id, judgeEntry.version));
  const gan = new DCGANFaces(publicModel(ganEntry.id, ganEntry.version));
  before(async () => {
    await cpuBackend();
    await Promise.all([judge.load(), gan.load()]);
  });

  it('reproduces the PyTorch parity fixture with the shipped weights (max abs error < 1e-3)', () => {
    const faces = tf.tensor4d(fixture.inputs, fixture.inputShape as [number, number, number, number]);
    const scores = judge.score(faces);
    assert.deepEqual(scores.shape, fixture.outputShape);
    const got = scores.dataSync();
    const maxErr = Math.max(...fixture.outputs.map((v, i) => Math.abs(got[i] - v)));
    assert.ok(maxErr < 1e-3, `max abs error ${maxErr}`);
    tf.dispose([faces, scores]);
  });

  it("draws a seed's candidates from its own stream: the first is the seed's face without a judge", () => {
    const candidates = candidateLatents(42, 8);
    assert.equal(candidates.length, 8);
    assert.deepEqual(candidates[0], latentFromSeed(42, 0));
    assert.ok(candidates.every((z) => z.length === LATENT_SIZE));
    assert.notDeepEqual(candidates[1], candidates[2]);
    assert.deepEqual(candidateLatents(42, 3), candidates.slice(0, 3), 'fewer candidates are a prefix of more');
  });

  it("truncates each candidate with its own spare stream: the first is the seed's truncated face", () => {
    for (const t of [0.1, 0.7, 2]) {
      const candidates = candidateLatents(42, 4, { truncation: t });
      assert.deepEqual(candidates[0], latentFromSeed(42, t));
      assert.ok(candidates.every((z) => z.every((v) => Math.abs(v) <= t)));
      const untruncated = candidateLatents(42, 4);
      // values inside the bound stay, so candidates differ where their streams do
      candidates.forEach((z, j) =>
        z.forEach((v, i) => Math.abs(untruncated[j][i]) <= t && assert.equal(v, untruncated[j][i])),
      );
      assert.notDeepEqual(candidates[1], candidates[2]);
    }
  });

  it('chooses among pulled candidates as PyTorch did, and the choice replays without the judge', async () => {
    const seeds = [64, 65, 66, 67, 68, 69, 70, 71];
    const pull = pullFor(pullParity.generator, 0.5)!;
    const picked = await chooseFaces(gan, judge, seeds, { k: 8, pull }, 4);
    // models/dcgan-faces/judge_grids.py --first-seed 64 --k 8 --pull 0.5 (the shipped judge)
    assert.deepEqual(picked.chosen, [4, 1, 1, 0, 3, 7, 4, 7]);
    assert.deepEqual(seedLatents(seeds, { pull }, 8, picked.chosen), picked.latents);
  });

  it('chooses what the PyTorch side chose for seeds 64-71 at K = 8, with one candidate chooses the first, and frees every tensor', async () => {
    const start = tf.memory().numTensors;
    const seeds = [64, 65, 66, 67, 68, 69, 70, 71];
    const picked = await chooseFaces(gan, judge, seeds, { k: 8 }, 3);
    // models/dcgan-faces/judge_grids.py --first-seed 64 --k 8 (float32 PyTorch weights; the shipped ones are float16)
    assert.deepEqual(picked.chosen, [7, 1, 1, 0, 3, 2, 4, 0]);
    assert.deepEqual(picked.latents[0], candidateLatents(64, 8)[7]);
    const single = await chooseFaces(gan, judge, seeds, { k: 1 });
    assert.deepEqual(
      single.chosen,
      seeds.map(() => 0),
    );
    assert.equal(tf.memory().numTensors, start);
  });

  it('frees every weight on dispose and loads again', async () => {
    const other = new FaceJudge(publicModel(judgeEntry.id, judgeEntry.version));
    const start = tf.memory().numTensors;
    await other.load();
    assert.ok(tf.memory().numTensors > start);
    other.dispose();
    assert.equal(tf.memory().numTensors, start);
  });
});
