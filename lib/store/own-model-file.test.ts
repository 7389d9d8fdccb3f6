import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownModelShape as shape, trainedOwnModel as trained } from '../../tests/support/own-model';
import { ModelFileError, ownModelFile, readOwnModelFile } from './own-model-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const refused = (text: string | Uint8Array, message: RegExp) =>
  assert.throws(
    () => readOwnModelFile(typeof text === 'string' ? bytes(text) : text),
    (e: Error) => {
      assert.ok(e instanceof ModelFileError);
      assert.match(e.message, message);
      return true;
    },
  );

describe('own model files', () => {
  it('round-trip a model: its name, record and float16 weights (within float16 rounding), without its text', () => {
    const model = trained();
    const file = ownModelFile(model)!;
    assert.ok(!file.includes('My poems\\nline'), 'the text it learnt from stays out');
    const back = readOwnModelFile(bytes(file));
    assert.equal(back.name, 'My poems');
    assert.deepEqual(back.shape, shape);
    assert.deepEqual(back.reports, model.reports);
    assert.equal(back.text, '');
    assert.equal(back.phase, 'stopped');
    assert.notEqual(back.id, model.id);
    for (const [name, values] of Object.entries(model.weights))
      values.forEach((v, i) => assert.ok(Math.abs(back.weights![name][i] - v) <= Math.abs(v) / 1024 + 1e-7, name));
    assert.equal(ownModelFile({ ...model, weights: null }), null);
  });

  it('refuse what is not a model, a foreign format, another vocabulary, damage and size, saying which', () => {
    const file = JSON.parse(ownModelFile(trained())!);
    refused('\u{1F600} not json', /not a model file/);
    refused(new Uint8Array([0xff, 0xfe, 0x00]), /not a model file/);
    refused(JSON.stringify({ ...file, format: 'keras' }), /not a Neural Atelier text model/);
    refused(JSON.stringify({ ...file, vocab: 'abc' }), /another set of characters/);
    refused(JSON.stringify({ ...file, shape: { ...shape, hidden: 'x' } }), /damaged \(shape.hidden\)/);
    const cut = { ...file.weights, 'lstm2/bias': file.weights['lstm2/bias'].slice(0, 10) };
    refused(JSON.stringify({ ...file, weights: cut }), /damaged \(lstm2\/bias\)/);
    const extra = { ...file.weights, 'lstm3/bias': file.weights['lstm2/bias'] };
    refused(JSON.stringify({ ...file, weights: extra }), /weights its shape does not have/);
    const infinite = { ...file.weights, 'head/bias': 'AHw'.repeat(1) + file.weights['head/bias'].slice(3) };
    refused(JSON.stringify({ ...file, weights: infinite }), /damaged \(head\/bias\)/);
    refused(new Uint8Array(10_000_001), /at most 10 MB/);
  });
});
