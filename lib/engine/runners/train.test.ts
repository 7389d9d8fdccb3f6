import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { VOCAB } from '../../../models/charrnn/vocab';
import { startWasmBackend } from '../../../models/node/backends';
import { Cancelled } from '../errors';
import type { Frame, PlanOf } from '../protocol';
import type { RunContext } from './context';
import { CharRNN } from '../../../models/charrnn/model';
import { weightShapes } from '../../../models/charrnn/own-text';
import { runCharRNNTrain } from './train';

const TEXT = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8').slice(0, 20_000);

const plan = (overrides: Partial<PlanOf<'charrnn-train'>> = {}): PlanOf<'charrnn-train'> => ({
  kind: 'charrnn-train',
  text: TEXT,
  shape: { vocab: VOCAB.length, embed: 16, hidden: 32, layers: 1 },
  settings: { learningRate: 1e-2, clipNorm: 1, dropout: 0, weightDecay: 0.01, batch: 8, window: 32, seed: 1 },
  from: null,
  fromMoments: null,
  base: null,
  start: null,
  steps: 40,
  checkpointEvery: 20,
  reportEvery: 10,
  sampleEvery: 20,
  sampleLength: 24,
  ...overrides,
});

/**
 * A context that records frames and answers show() and between() after each step with `go(step)` (false: stop there;
 * with `cancel`, as Cancel does).
 */
function contextFor(go: (step: number) => boolean = () => true, cancel = false, shelf?: CharRNN) {
  const frames: Frame<'charrnn-train'>[] = [];
  let step = 0;
  const context: RunContext = {
    model: <M>() => (shelf ? Promise.resolve(shelf as M) : Promise.reject(new Error('no model on this shelf'))),
    prepare: async () => undefined,
    between: async () => go(++step),
    show: async (frame) => {
      frames.push(frame as Frame<'charrnn-train'>);
      step = frame.step;
      return go(step);
    },
    get cancelled() {
      return cancel && !go(step);
    },
  };
  return { context, frames };
}

describe('the engine trains a CharRNN on a text', () => {
  before(startWasmBackend);

  it('reports every 10 steps, samples every 20, ends with the weights in their shapes, frees its tensors', async () => {
    const tensors = tf.memory().numTensors;
    const { context, frames } = contextFor();
    const result = await runCharRNNTrain(context, plan());
    assert.deepEqual(
      frames.map((f) => [f.step, f.data.sample !== null, f.data.weights !== null]),
      [
        [10, false, false],
        [20, true, true],
        [30, false, false],
      ],
    );
    const { data } = result;
    assert.equal(result.step, 40);
    assert.equal(data.charsRead, 40 * 8 * 32);
    assert.ok(data.charsPerSecond > 0 && Number.isFinite(data.heldOutLoss) && data.unigram > 2, JSON.stringify(data));
    assert.equal(data.sample?.length, 24);
    const shapes = weightShapes(plan().shape);
    assert.deepEqual(Object.keys(data.weights!).sort(), Object.keys(shapes).sort());
    for (const [name, values] of Object.entries(data.weights!))
      assert.equal(
        values.length,
        shapes[name as keyof typeof shapes].reduce((a, b) => a * b),
        name,
      );
    assert.equal(tf.memory().numTensors, tensors);

    // Resumed from those weights, the first report is about where the run ended, far from a fresh model's.
    const fresh = contextFor();
    await runCharRNNTrain(fresh.context, plan({ steps: 2, reportEvery: 1 }));
    const resumed = contextFor();
    const start = { steps: 40, charsRead: data.charsRead };
    const fromMoments = data.moments;
    assert.equal(fromMoments?.iterations, 40, "Adam's state comes with the weights");
    await runCharRNNTrain(resumed.context, plan({ from: data.weights, fromMoments, start, steps: 42, reportEvery: 1 }));
    assert.deepEqual([resumed.frames[0].step, resumed.frames[0].data.charsRead], [41, data.charsRead + 8 * 32]);
    const [freshLoss, resumedLoss] = [fresh.frames[0].data.heldOutLoss, resumed.frames[0].data.heldOutLoss];
    console.log(
      `held-out after 40 steps ${data.heldOutLoss.toFixed(3)}; a step on from there ${resumedLoss.toFixed(3)}`,
    );
    assert.ok(Math.abs(resumedLoss - data.heldOutLoss) < 0.2, `resumed ${resumedLoss} vs ${data.heldOutLoss}`);
    assert.ok(freshLoss - resumedLoss > 0.5, `fresh ${freshLoss} vs resumed ${resumedLoss}`);
    assert.equal(tf.memory().numTensors, tensors);

    // Fine-tuned from a model on the engine's shelf (as a shipped one is): it starts where that model is, and the
    // model on the shelf, which the studio goes on writing with, keeps its weights.
    const shelved = CharRNN.fromArrays(data.weights!, shapes);
    const withShelf = tf.memory().numTensors;
    const tuned = contextFor(() => true, false, shelved);
    await runCharRNNTrain(
      tuned.context,
      plan({ base: { id: 'charrnn-test', version: '1' }, steps: 3, reportEvery: 1 }),
    );
    assert.ok(freshLoss - tuned.frames[0].data.heldOutLoss > 0.5, 'it starts from the shelved weights');
    for (const [name, t] of Object.entries(shelved.namedWeights))
      assert.deepEqual(t.dataSync(), data.weights![name], `${name} on the shelf is unchanged`);
    assert.equal(tf.memory().numTensors, withShelf);
    shelved.dispose();
  });

  it('Stop keeps the weights so far, where it is pressed; Cancel throws Cancelled; no tensor is left', async () => {
    const start = tf.memory().numTensors;
    const stopped = await runCharRNNTrain(contextFor((step) => step < 20).context, plan());
    assert.equal(stopped.step, 20);
    assert.ok(stopped.data.weights);
    // between two reports: at the next step
    assert.equal((await runCharRNNTrain(contextFor((step) => step < 13).context, plan())).step, 13);
    await assert.rejects(runCharRNNTrain(contextFor((step) => step < 20, true).context, plan()), Cancelled);
    await assert.rejects(runCharRNNTrain(contextFor((step) => step < 13, true).context, plan()), Cancelled);
    assert.equal(tf.memory().numTensors, start);
  });
});
