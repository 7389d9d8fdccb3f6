/**
 * Inside the LSTM (Karpathy, Johnson and Fei-Fei 2015, "Visualizing and Understanding Recurrent Networks"): a text
 * read one character at a time from a zero state, keeping every layer's cell state and gates at every step, so a
 * page can colour each character by one cell and show the gates of any step (trace.ts reads the trace without tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import { type CharRNN, disposeState } from './model';
import { type CellTrace, MAX_READ } from './trace';
import { encode } from './vocab';

/** Reads `text` (at most MAX_READ characters) from a zero state; one read of the device at the end. */
export async function readCells(model: CharRNN, text: string): Promise<CellTrace> {
  const ids = encode(text).slice(0, MAX_READ);
  if (ids.length === 0) throw new Error('There is no text to read.');
  let state = model.initialState(1);
  const cells: tf.Tensor[] = [];
  const gates: tf.Tensor[] = [];
  try {
    for (const id of ids) {
      const next = model.stepWithGates([id], state);
      disposeState(state);
      state = next.state;
      next.logits.dispose();
      cells.push(tf.concat(state.c, 1)); // [1, layers * hidden]
      gates.push(tf.concat(next.gates, 1)); // [1, layers * 4 * hidden]
      tf.dispose(next.gates);
    }
    const [allCells, allGates] = [tf.concat(cells, 0), tf.concat(gates, 0)];
    try {
      const [c, g] = await Promise.all([allCells.data(), allGates.data()]);
      return {
        steps: ids.length,
        layers: state.c.length,
        hidden: model.hidden,
        cells: c as Float32Array,
        gates: g as Float32Array,
      };
    } finally {
      tf.dispose([allCells, allGates]);
    }
  } finally {
    tf.dispose([...cells, ...gates]);
    disposeState(state);
  }
}
