/**
 * The classifier's wiring, for the Lab's "hover a unit" view: which input pixels a unit of each layer can see (its
 * receptive field) and which units of the layer below feed it. Pure arithmetic on model.py's architecture: 3x3
 * convolutions with stride 1 and padding 1, 2x2 max-pools with stride 2, then dense layers that see everything.
 */

/** A rectangle of input pixels, inclusive, clipped to the 28x28 input. */
export interface PixelBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const SIDE = 28;

/** What one layer does to positions: a 3x3 same-padded convolution or a 2x2 pool of stride 2. */
type Step = { kind: 'conv' } | { kind: 'pool' };
const SPATIAL: Record<'conv1' | 'pool1' | 'conv2' | 'pool2', Step[]> = {
  conv1: [{ kind: 'conv' }],
  pool1: [{ kind: 'conv' }, { kind: 'pool' }],
  conv2: [{ kind: 'conv' }, { kind: 'pool' }, { kind: 'conv' }],
  pool2: [{ kind: 'conv' }, { kind: 'pool' }, { kind: 'conv' }, { kind: 'pool' }],
};

/**
 * The input pixels that unit (y, x) of a spatial layer can see. Walked from the unit back to the input: a conv
 * widens a span by one on each side, a pool maps cell i to the two cells 2i and 2i + 1 below it.
 */
export function receptiveField(layer: keyof typeof SPATIAL, y: number, x: number): PixelBox {
  let [top, bottom, left, right] = [y, y, x, x];
  for (const step of [...SPATIAL[layer]].reverse()) {
    if (step.kind === 'conv') [top, bottom, left, right] = [top - 1, bottom + 1, left - 1, right + 1];
    else [top, bottom, left, right] = [2 * top, 2 * bottom + 1, 2 * left, 2 * right + 1];
  }
  const clip = (v: number) => Math.max(0, Math.min(SIDE - 1, v));
  return { top: clip(top), left: clip(left), bottom: clip(bottom), right: clip(right) };
}


/**
 * The positions in the layer below that feed unit (y, x) of a conv layer: the 3x3 window around it (inside the
 * grid), each of whose channels reaches it through one kernel weight, kernel[dy + 1][dx + 1][channel][unit channel].
 */
export function convInputs(y: number, x: number, side: number): { y: number; x: number; dy: number; dx: number }[] {
  const window = [];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) if (y + dy >= 0 && y + dy < side && x + dx >= 0 && x + dx < side) window.push({ y: y + dy, x: x + dx, dy, dx });
  }
  return window;
}
