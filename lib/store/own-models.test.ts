import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedPicture, cachePicture } from './pictures';
import {
  deleteOwnModel,
  newOwnModel,
  ownModel,
  ownModels,
  renameOwnModel,
  saveOwnModel,
  type TrainingReport,
  withReport,
} from './own-models';

const shape = { vocab: 97, embed: 8, hidden: 16, layers: 1 };
const settings = { learningRate: 5e-3, clipNorm: 1, dropout: 0.1, weightDecay: 0.01, batch: 4, window: 8, seed: 1 };
const report = (steps: number): TrainingReport => ({
  ...{ steps, charsRead: 32 * steps, trainLoss: 3, heldOutLoss: 3, unigram: 3.3, charsPerSecond: 100 },
});

describe('own models kept in the browser', () => {
  it('keep, list, rename and delete models with their weights, beside the pictures kept before', async () => {
    await cachePicture('kept', new Blob([new Uint8Array([7])]));
    const model = newOwnModel('  Diary, 1999\nDear diary', shape, settings);
    assert.equal(model.name, 'Diary, 1999');
    const weights = { 'head/bias': Float32Array.from({ length: 97 }, (_, i) => i / 97) };
    await saveOwnModel({ ...withReport(model, report(10)), weights });
    await saveOwnModel(newOwnModel('Poems', shape, settings));
    assert.deepEqual((await ownModels()).map((m) => m.name).sort(), ['Diary, 1999', 'Poems']);
    const back = await ownModel(model.id);
    assert.deepEqual(back?.weights?.['head/bias'], weights['head/bias']);
    assert.equal(back?.reports.at(-1)?.steps, 10);
    await renameOwnModel(model.id, '  My diary  ');
    assert.equal((await ownModel(model.id))?.name, 'My diary');
    await renameOwnModel(model.id, '   '); // an empty name keeps the old one
    assert.equal((await ownModel(model.id))?.name, 'My diary');
    await deleteOwnModel(model.id);
    assert.deepEqual(
      (await ownModels()).map((m) => m.name),
      ['Poems'],
    );
    assert.ok(await cachedPicture('kept'), 'the pictures store is still there');
  });

  it('thin a long chart to every other report, the latest kept', () => {
    let model = newOwnModel('x'.repeat(30), shape, settings);
    for (let s = 1; s <= 401; s++) model = withReport(model, report(10 * s));
    assert.equal(model.reports.length, 201);
    assert.equal(model.reports.at(-1)?.steps, 4010);
  });
});
