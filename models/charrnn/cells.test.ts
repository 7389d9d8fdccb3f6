import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { cpuBackend } from '../node/backends';
import { publicModel } from '../node/files';
import { registryEntry } from '../registry';
import { readCells } from './cells';
import { cellSeries, gatesAt } from './trace';
import { CharRNN } from './model';
import { correlation, labelsOf, rankCells, shuffled } from './properties';

describe('what a text leaves in the cells', () => {
  const entry = registryEntry('charrnn-moby-dick');
  const rnn = new CharRNN(publicModel(entry.id, entry.version));
  before(async () => {
    await cpuBackend();
    await rnn.load();
  });

  it("keeps every step's cell states and gates, the same the step itself gives, and leaves no tensor", async () => {
    const text = 'He said, "Ahoy!"\nAnd then';
    const start = tf.memory().numTensors;
    const trace = await readCells(rnn, text);
    assert.equal(tf.memory().numTensors, start);
    assert.deepEqual([trace.steps, trace.layers, trace.hidden], [text.length, 2, 512]);
    // The cell state is forget x the previous state + input x candidate, for every cell and step.
    for (const [step, layer, cell] of [
      [5, 0, 3],
      [12, 1, 186],
      [20, 1, 511],
    ]) {
      const now = gatesAt(trace, step, layer, cell);
      const previous = gatesAt(trace, step - 1, layer, cell).cell;
      assert.ok(
        Math.abs(now.cell - (now.forget * previous + now.input * now.candidate)) < 1e-5,
        `step ${step} layer ${layer} cell ${cell}`,
      );
      assert.equal(cellSeries(trace, layer, cell)[step], Math.fround(Math.tanh(now.cell)));
    }
  });
});

describe('text properties', () => {
  it('label quotes, line positions, speakers and bars', () => {
    assert.deepEqual(Array.from(labelsOf('quotes', 'a “bc” d')), [0, 0, 1, 1, 1, 1, 0, 0]);
    assert.deepEqual(Array.from(labelsOf('line', 'ab\ncd')), [1, 2, 0, 1, 2]);
    assert.deepEqual(Array.from(labelsOf('bar', 'ab|c\nd')), [1, 2, 0, 1, 0, 1]);
    assert.deepEqual(Array.from(labelsOf('speaker', 'ROMEO:\nHi:\nX')), [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('rank cells by |correlation|, and shuffled labels keep their values', () => {
    const labels = Float32Array.from([0, 1, 0, 1, 1, 0, 0, 1]);
    const cells = [
      labels.map((v) => 1 - 2 * v),
      labels.map((v, i) => v + 0.3 * Math.sin(i)),
      labels.map((_, i) => i % 3),
    ];
    const ranked = rankCells(1, 3, (_, c) => cells[c], labels, 3);
    assert.deepEqual(
      ranked.map((r) => r.cell),
      [0, 1, 2],
    );
    assert.ok(Math.abs(ranked[0].r + 1) < 1e-9);
    assert.equal(correlation([1, 1, 1], [0, 1, 2]), 0);
    assert.deepEqual(Array.from(shuffled(labels, 1)).sort(), Array.from(labels).sort());
  });
});
