/**
 * Inside the LSTM (Karpathy, Johnson and Fei-Fei 2015, "Visualizing and Understanding Recurrent Networks"): a text
 * read one character at a time from a zero state, keeping every layer's cell state and gates at every step, so a
 * page can colour each character by one cell and show the gates of any step.
 */
import * as tf from '@tensorflow/tfjs';
import { type CharRNN, disposeState } from './model';
import { encode } from './vocab';

/** What reading a text left at every step; step t is after reading character t. */
export interface CellTrace {
  steps: number;
  layers: number;
  hidden: number;
  /** cell states c, [steps, layers, hidden] */
  cells: Float32Array;
  /** gates after their nonlinearity, [steps, layers, 4, hidden] in the order input, forget, candidate, output */
  gates: Float32Array;
}

/** The longest text read at once: its trace is steps x 2 layers x 5 x 512 floats (12 MB at this length). */
export const MAX_READ = 600;

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
      return { steps: ids.length, layers: state.c.length, hidden: model.hidden, cells: c as Float32Array, gates: g as Float32Array };
    } finally {
      tf.dispose([allCells, allGates]);
    }
  } finally {
    tf.dispose([...cells, ...gates]);
    disposeState(state);
  }
}

/** One cell's state at every step (tanh of c: the part of the cell the output gate sees, in -1..1). */
export function cellSeries(trace: CellTrace, layer: number, cell: number): Float32Array {
  const width = trace.layers * trace.hidden;
  return Float32Array.from({ length: trace.steps }, (_, t) => Math.tanh(trace.cells[t * width + layer * trace.hidden + cell]));
}

/** One cell's gates at one step: input, forget, candidate and output, and its cell state. */
export function gatesAt(trace: CellTrace, step: number, layer: number, cell: number): { input: number; forget: number; candidate: number; output: number; cell: number } {
  const base = (step * trace.layers + layer) * 4 * trace.hidden + cell;
  const [input, forget, candidate, output] = [0, 1, 2, 3].map((k) => trace.gates[base + k * trace.hidden]);
  return { input, forget, candidate, output, cell: trace.cells[(step * trace.layers + layer) * trace.hidden + cell] };
}
