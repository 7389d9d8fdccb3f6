'use client';
// The network a person's model is: a new one of 1 or 2 LSTM layers of 64 to 512 units, or one of our shipped models
// to fine-tune (its shape and vocabulary kept); the page shows its size.
import { FINE_TUNE_BASES, parameterCount } from '@/models/charrnn/own-text';
import { VOCAB } from '@/models/charrnn/vocab';

const UNITS = [64, 128, 256, 512];
const EMBED = 64;

export interface Choice {
  /** a FINE_TUNE_BASES id, or '' for a new model */
  baseId: string;
  layers: number;
  units: number;
}
export const FIRST_CHOICE: Choice = { baseId: '', layers: 1, units: 128 };

/** The shape chosen and the shipped model it starts from, if any (whose shape it then is). */
export function shapeOf({ baseId, layers, units }: Choice) {
  const base = FINE_TUNE_BASES.find((b) => b.id === baseId) ?? null;
  const shape = base?.shape ?? { vocab: VOCAB.length, embed: EMBED, hidden: units, layers };
  return { shape, base: base && { id: base.id, version: base.version } };
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;

export function ShapeChoice({
  choice,
  onChoice,
  disabled,
}: {
  choice: Choice;
  onChoice: (choice: Choice) => void;
  disabled: boolean;
}) {
  const { shape, base } = shapeOf(choice);
  const weights = parameterCount(shape);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="flex items-center gap-1">
        start from
        <select
          data-testid="own-base"
          value={choice.baseId}
          disabled={disabled}
          onChange={(e) => onChoice({ ...choice, baseId: e.target.value })}
        >
          <option value="">a new model</option>
          {FINE_TUNE_BASES.map((b) => (
            <option key={b.id} value={b.id}>
              our {b.title} model
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        layers
        <select
          value={shape.layers}
          disabled={disabled || !!base}
          onChange={(e) => onChoice({ ...choice, layers: Number(e.target.value) })}
        >
          <option value={1}>1</option>
          <option value={2}>2</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        units
        <select
          data-testid="own-units"
          value={shape.hidden}
          disabled={disabled || !!base}
          onChange={(e) => onChoice({ ...choice, units: Number(e.target.value) })}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <span data-testid="own-size" className="text-xs text-muted">
        {weights.toLocaleString('en')} weights, {megabytes(2 * weights)} saved
        {base && ': it keeps its shape and learns your text from what it knows'}
      </span>
    </div>
  );
}
