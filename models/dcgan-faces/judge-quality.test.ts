// CI quality gate for the faces /faces shows by default, each seed's best of DEFAULT_FACE_CANDIDATES by the face
// judge: the judge must rank the hand-labelled faces, which an untrained judge cannot, and the faces it chooses must
// score FD-mixed5 under a threshold (an untrained generator's faces do not: quality.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { fdGate, GATE_SEEDS, generatorOf, UntrainedJudge } from '../node/faces-gate';
import { publicModel } from '../node/files';
import { registryEntry } from '../registry';
import { chooseFaces, FaceJudge } from './judge';
import { DEFAULT_FACE_CANDIDATES, LATENT_SIZE, latentFromSeed } from './latent';

const CHOSEN_THRESHOLD = 12;
const MIN_AUC = 0.8;

const labels = JSON.parse(readFileSync(join(__dirname, '..', 'dcgan-faces-judge', 'labels.json'), 'utf8')) as {
  malformed: Record<string, number[]>;
};

/** Area under the ROC curve of `scores` for telling `positive` apart (ties count half). */
function auc(scores: number[], positive: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) =>
    scores.forEach((q, j) => {
      if (!positive[i] || positive[j]) return;
      pairs++;
      wins += p > q ? 1 : p === q ? 0.5 : 0;
    }),
  );
  return wins / pairs;
}

describe("the face judge's choice (AUC on hand labels; FD-mixed5 of the chosen faces)", () => {
  const entry = registryEntry('dcgan-faces');
  const judgeEntry = registryEntry('dcgan-faces-judge');
  let fd: Awaited<ReturnType<typeof fdGate>>;
  before(async () => {
    fd = await fdGate();
  });

  it(`the judge ranks the hand-labelled faces (AUC at least ${MIN_AUC}), and the faces it chooses score under ${CHOSEN_THRESHOLD}; an untrained judge fails`, async () => {
    const gan = generatorOf(entry);
    await gan.load();
    const seeds = Object.keys(labels.malformed).flatMap((first) => Array.from({ length: 64 }, (_, i) => +first + i));
    const wellFormed = Object.values(labels.malformed).flatMap((bad) =>
      Array.from({ length: 64 }, (_, i) => !bad.includes(i)),
    );
    const aucOf = async (judge: FaceJudge) => {
      await judge.load();
      const scores = tf.tidy(() => {
        const z = tf.tensor2d(
          seeds.flatMap((s) => Array.from(latentFromSeed(s, 0))),
          [seeds.length, LATENT_SIZE],
        );
        return judge.score(gan.generate(z));
      });
      const values = Array.from(await scores.data());
      scores.dispose();
      return auc(values, wellFormed);
    };
    const judge = new FaceJudge(publicModel(judgeEntry.id, judgeEntry.version));
    const randomJudge = new UntrainedJudge(publicModel(judgeEntry.id, judgeEntry.version));
    const [shippedAuc, untrainedAuc] = [await aucOf(judge), await aucOf(randomJudge)];
    const chosen = await chooseFaces(gan, judge, GATE_SEEDS, { k: DEFAULT_FACE_CANDIDATES });
    gan.dispose();
    const fdChosen = await fd(generatorOf(entry), chosen.latents);
    console.log(
      `judge AUC on ${seeds.length} labelled faces: shipped ${shippedAuc.toFixed(3)}, untrained ` +
        `${untrainedAuc.toFixed(3)}; FD-mixed5 of the best of ${DEFAULT_FACE_CANDIDATES}: ${fdChosen.toFixed(2)}`,
    );
    assert.ok(shippedAuc >= MIN_AUC, `the shipped judge's AUC is ${shippedAuc}`);
    assert.ok(untrainedAuc < MIN_AUC, `an untrained judge's AUC is ${untrainedAuc}: the gate cannot tell`);
    assert.ok(fdChosen < CHOSEN_THRESHOLD, `the chosen faces score ${fdChosen}`);
    judge.dispose();
    randomJudge.dispose();
  });
});
