// A text's trace through the CharRNN (cells.ts makes it), and reading one cell or one step out of it, without tfjs:
// the page colours and ranks from it.

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

/** One cell's state at every step (tanh of c: the part of the cell the output gate sees, in -1..1). */
export function cellSeries(trace: CellTrace, layer: number, cell: number): Float32Array {
  const width = trace.layers * trace.hidden;
  return Float32Array.from({ length: trace.steps }, (_, t) =>
    Math.tanh(trace.cells[t * width + layer * trace.hidden + cell]),
  );
}

/** One cell's gates at one step: input, forget, candidate and output, and its cell state. */
export function gatesAt(
  trace: CellTrace,
  step: number,
  layer: number,
  cell: number,
): { input: number; forget: number; candidate: number; output: number; cell: number } {
  const base = (step * trace.layers + layer) * 4 * trace.hidden + cell;
  const [input, forget, candidate, output] = [0, 1, 2, 3].map((k) => trace.gates[base + k * trace.hidden]);
  return { input, forget, candidate, output, cell: trace.cells[(step * trace.layers + layer) * trace.hidden + cell] };
}
