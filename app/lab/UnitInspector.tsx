'use client';
// The hovered unit, opened: the units below that feed it, each channel's weights and what it adds, and how they sum
// to the unit's value (conv: ReLU of bias plus the sum; pool: the largest of its 2x2).
import { contribution, type Feeding, feedingOf, GRIDS, type Unit } from '@/models/classifier/anatomy';
import type { DigitLayers } from '@/lib/engine/protocol';
import { toneColor } from '@/lib/canvas/tone';
import type { FeedHighlight } from './LayerView';

/** A hovered unit worked out from the layers and weights of one run (runDigitLayers' result). */
export interface Inspection {
  unit: Unit;
  feeding: Feeding;
  /** per feeding channel, in feeding.inputs' order: what it adds (conv) or its largest value (pool) */
  parts: number[];
  /** the unit's value as the run computed it */
  value: number;
  highlight: FeedHighlight;
}

export function inspect(unit: Unit, layers: DigitLayers): Inspection {
  const isConv = unit.layer === 'conv1' || unit.layer === 'conv2';
  const weights = isConv ? { kernel: layers[`${unit.layer}.kernel`], bias: layers[`${unit.layer}.bias`] } : null;
  const feeding = feedingOf(unit, weights);
  const below = feeding.below === 'input' ? layers.pixels : layers[feeding.below];
  const parts = feeding.inputs.map((input) => contribution(unit, feeding, input, below));
  const { side, channels } = GRIDS[unit.layer];
  const value = layers[unit.layer][(unit.y * side + unit.x) * channels + unit.channel];
  const largest = Math.max(1e-9, ...parts.map(Math.abs));
  const tones = new Map(feeding.inputs.map((input, i) => [input.channel, isConv ? parts[i] / largest : 1]));
  return { unit, feeding, parts, value, highlight: { layer: feeding.below, window: feeding.window, tones } };
}

const LAYER_TITLES = {
  input: 'the input pixels',
  conv1: 'conv 1',
  pool1: 'max-pool 1',
  conv2: 'conv 2',
  pool2: 'max-pool 2',
};

/** A 3x3 kernel as coloured cells: warm positive, cool negative, scaled to the largest weight of the unit. */
function Kernel({ weights, scale, testId }: { weights: number[]; scale: number; testId: string }) {
  return (
    <div data-testid={testId} data-weights={JSON.stringify(weights)} className="grid w-fit grid-cols-3 gap-px">
      {weights.map((w, i) => (
        <div key={i} title={w.toFixed(3)} className="h-3 w-3" style={{ background: toneColor(w / scale, 1) }} />
      ))}
    </div>
  );
}

export function UnitInspector({ inspection }: { inspection: Inspection }) {
  const { unit, feeding, parts, value } = inspection;
  const name = `${LAYER_TITLES[unit.layer]}, map ${unit.channel + 1}, unit (${unit.y}, ${unit.x})`;
  if (feeding.bias === null) {
    return (
      <section data-testid="feeding" className="w-56 space-y-1 text-xs text-muted">
        <p className="text-white">
          {name} = {value.toFixed(3)}
        </p>
        <p>
          the largest of the 2x2 units below it in {LAYER_TITLES[feeding.below]}, map {unit.channel + 1}{' '}
          {`(highlighted): ${parts[0].toFixed(3)}`}. A pool has no weights.
        </p>
      </section>
    );
  }
  const scale = Math.max(1e-9, ...feeding.inputs.flatMap((input) => input.weights!.map(Math.abs)));
  const sum = parts.reduce((a, b) => a + b, feeding.bias);
  return (
    <section data-testid="feeding" className="w-56 space-y-2 text-xs text-muted">
      <p className="text-white">
        {name} = {value.toFixed(3)}
      </p>
      <p>
        fed by the 3x3 window of {LAYER_TITLES[feeding.below]} around it (
        {feeding.inputs.length === 1 ? 'one channel' : `all ${feeding.inputs.length} maps, highlighted`}), each through
        its own 3x3 weights (amber adds, blue takes away). Each map adds the sum of weight × value:
      </p>
      <div className="flex flex-wrap gap-2">
        {feeding.inputs.map((input, i) => (
          <figure key={input.channel} className="space-y-0.5">
            <Kernel weights={input.weights!} scale={scale} testId={`weights-${input.channel}`} />
            <figcaption
              data-testid={`adds-${input.channel}`}
              className="font-mono text-[10px]"
              style={{ color: toneColor(parts[i] / Math.max(1e-9, ...parts.map(Math.abs)), 1) }}
            >
              {parts[i] >= 0 ? '+' : ''}
              {parts[i].toFixed(2)}
            </figcaption>
          </figure>
        ))}
      </div>
      <p data-testid="unit-sum" data-sum={sum}>
        bias {feeding.bias.toFixed(3)} + the maps&apos; sum {(sum - feeding.bias).toFixed(3)} = {sum.toFixed(3)}; ReLU
        keeps {Math.max(0, sum).toFixed(3)}
      </p>
    </section>
  );
}
