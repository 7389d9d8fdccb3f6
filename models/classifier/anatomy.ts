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
export type SpatialLayer = 'conv1' | 'pool1' | 'conv2' | 'pool2';
const SPATIAL: Record<SpatialLayer, Step[]> = {
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

/** Each spatial layer's side and channels, and the layer that feeds it ('input': the 28x28 pixels). */
export const GRIDS = {
  input: { side: 28, channels: 1 },
  conv1: { side: 28, channels: 16 },
  pool1: { side: 14, channels: 16 },
  conv2: { side: 14, channels: 32 },
  pool2: { side: 7, channels: 32 },
} as const;
const BELOW = { conv1: 'input', pool1: 'conv1', conv2: 'pool1', pool2: 'conv2' } as const;

/** A unit of a spatial layer: its layer, channel and position in the layer's grid. */
export interface Unit {
  layer: SpatialLayer;
  channel: number;
  y: number;
  x: number;
}

/** What feeds a unit: positions of the layer below, and for a conv unit its weights on each channel there. */
export interface Feeding {
  below: keyof typeof GRIDS;
  /** the positions below that reach the unit, inclusive, inside the grid */
  window: PixelBox;
  /** per channel below that feeds the unit: the 3x3 weights, row by row (a conv), or null (a max-pool, which takes
   * the largest of its 2x2 and has no weights) */
  inputs: { channel: number; weights: number[] | null }[];
  /** the conv's bias for the unit's channel; null for a pool */
  bias: number | null;
}

/** A conv layer's weights as export.py writes them: kernel [3, 3, in, out] and bias [out], flat. */
export interface ConvWeights {
  kernel: ArrayLike<number>;
  bias: ArrayLike<number>;
}

/**
 * What feeds `unit`. A conv unit (channel k at y, x) sees the 3x3 window around (y, x) on every channel c below, each
 * position through the weight kernel[dy + 1][dx + 1][c][k] (positions outside the grid are zero padding); a pool unit
 * sees the 2x2 cells 2y..2y+1, 2x..2x+1 of its own channel.
 */
export function feedingOf(unit: Unit, weights: ConvWeights | null): Feeding {
  const below = BELOW[unit.layer];
  const { side, channels } = GRIDS[below];
  if (unit.layer === 'pool1' || unit.layer === 'pool2') {
    const window = { top: 2 * unit.y, left: 2 * unit.x, bottom: 2 * unit.y + 1, right: 2 * unit.x + 1 };
    return { below, window, inputs: [{ channel: unit.channel, weights: null }], bias: null };
  }
  if (!weights) throw new Error(`${unit.layer} needs its weights`);
  const out = GRIDS[unit.layer].channels;
  const clip = (v: number) => Math.max(0, Math.min(side - 1, v));
  const window = { top: clip(unit.y - 1), left: clip(unit.x - 1), bottom: clip(unit.y + 1), right: clip(unit.x + 1) };
  const inputs = Array.from({ length: channels }, (_, c) => ({
    channel: c,
    weights: Array.from({ length: 9 }, (_, tap) => weights.kernel[(tap * channels + c) * out + unit.channel]),
  }));
  return { below, window, inputs, bias: weights.bias[unit.channel] };
}

/**
 * What one channel below adds to conv unit `unit` before its bias and ReLU: the sum of weight x value over the 3x3
 * window (`values` is the layer below, [side, side, channels] flat; outside the grid is zero padding). For a pool
 * unit, the largest value in its window.
 */
export function contribution(
  unit: Unit,
  feeding: Feeding,
  input: Feeding['inputs'][number],
  values: ArrayLike<number>,
): number {
  const { side, channels } = GRIDS[feeding.below];
  const at = (y: number, x: number) => values[(y * side + x) * channels + input.channel];
  const { top, left, bottom, right } = feeding.window;
  if (!input.weights) {
    let largest = -Infinity;
    for (let y = top; y <= bottom; y++) for (let x = left; x <= right; x++) largest = Math.max(largest, at(y, x));
    return largest;
  }
  let sum = 0;
  for (let y = top; y <= bottom; y++)
    for (let x = left; x <= right; x++) sum += input.weights[(y - unit.y + 1) * 3 + (x - unit.x + 1)] * at(y, x);
  return sum;
}
