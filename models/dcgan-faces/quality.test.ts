// CI quality gate: FD-mixed5 of the shipped generator against the committed statistics of 1,000 training faces must
// be under a threshold that version 4 (still served for its links) and an untrained generator fail, on the same
// latents. The faces /faces shows by default (the judge's choice) have their own gate: judge-quality.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fdGate, GATE_SEEDS, generatorOf, UntrainedGenerator } from '../node/faces-gate';
import { publicModel } from '../node/files';
import { modelVersions, registryEntry } from '../registry';
import { latentFromSeed } from './latent';

// 300 faces keep the test at about 15 s per generator (wasm); the card's figures are 1,000 vs 1,000
// (models/dcgan-faces/README.md).
const THRESHOLD = 6;

describe('DCGAN quality (FD-mixed5 against 1,000 training faces)', () => {
  const entry = registryEntry('dcgan-faces');
  let fd: Awaited<ReturnType<typeof fdGate>>;
  before(async () => {
    fd = await fdGate();
  });

  it(`the shipped generator scores under ${THRESHOLD}, and version 4 and an untrained one do not`, async () => {
    const latents = GATE_SEEDS.map((seed) => latentFromSeed(seed, 0));
    const v4 = modelVersions(entry.id).find((m) => m.version === '4')!;
    const fdShipped = await fd(generatorOf(entry), latents);
    const fdV4 = await fd(generatorOf(v4), latents);
    const fdUntrained = await fd(new UntrainedGenerator(publicModel(entry.id, entry.version)), latents);
    console.log(
      `FD-mixed5 (${latents.length} faces vs committed stats): version ${entry.version} ${fdShipped.toFixed(2)}, ` +
        `version 4 ${fdV4.toFixed(2)}, untrained ${fdUntrained.toFixed(2)}`,
    );
    assert.ok(fdShipped < THRESHOLD, `version ${entry.version}: ${fdShipped} is not under ${THRESHOLD}`);
    assert.ok(fdV4 >= THRESHOLD, `version 4 scores ${fdV4}: the threshold no longer tells the versions apart`);
    assert.ok(fdUntrained >= THRESHOLD, `an untrained generator scores ${fdUntrained}`);
  });
});
