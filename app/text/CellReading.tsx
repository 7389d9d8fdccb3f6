'use client';
// One cell of the LSTM over a text, chosen by layer and number: every character coloured by the cell's state after
// reading it, and the cell's gates at the character under the pointer (the last one otherwise).
import { toneColor } from '@/lib/canvas/tone';

function Gate({
  name,
  value,
  testId,
  signed = false,
}: {
  name: string;
  value: number;
  testId: string;
  signed?: boolean;
}) {
  const width = signed ? Math.min(1, Math.abs(value)) * 50 : value * 100;
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="w-28 text-muted">{name}</span>
      <div className="relative h-2.5 flex-1 rounded bg-line">
        <div
          className="absolute h-2.5 rounded"
          style={{
            background: toneColor(signed ? value : 1, 1),
            width: `${width}%`,
            left: signed ? (value >= 0 ? '50%' : `${50 - width}%`) : 0,
          }}
        />
      </div>
      <span data-testid={testId} data-value={value} className="w-14 text-right font-mono text-muted">
        {value.toFixed(3)}
      </span>
    </div>
  );
}

interface Props {
  layers: number;
  /** cells a layer */
  hidden: number;
  onLayer: (layer: number) => void;
  onCell: (cell: number) => void;
  chars: string[];
  /** the cell's state after each character */
  series: ArrayLike<number>;
  layer: number;
  cell: number;
  hovered: number | null;
  onHover: (step: number | null) => void;
  /** the gates after character `step` */
  gates: { input: number; forget: number; candidate: number; output: number; cell: number; step: number } | null;
}

export function CellReading(props: Props) {
  const { layers, hidden, onLayer, onCell, chars, series, layer, cell, hovered, onHover, gates } = props;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1 text-muted">
          layer
          <select
            data-testid="cell-layer"
            value={layer}
            onChange={(e) => onLayer(Number(e.target.value))}
            className="rounded border border-line bg-ink px-1 text-white"
          >
            {Array.from({ length: layers }, (_, l) => (
              <option key={l} value={l}>
                {l + 1}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-muted">
          cell
          <input
            data-testid="cell-number"
            type="number"
            min={0}
            max={hidden - 1}
            value={cell}
            onChange={(e) => onCell(Math.min(hidden - 1, Math.max(0, Math.round(Number(e.target.value)))))}
            className="w-16 rounded border border-line bg-ink px-1 text-white"
          />
        </label>
      </div>
      <pre
        data-testid="cell-text"
        data-layer={layer}
        data-cell={cell}
        className={
          'max-h-72 overflow-auto whitespace-pre-wrap rounded-md ' +
          'bg-ink p-3 font-mono text-sm leading-relaxed text-white'
        }
        onMouseLeave={() => onHover(null)}
      >
        {chars.map((ch, t) => (
          <span
            key={t}
            data-testid={`char-${t}`}
            onMouseEnter={() => onHover(t)}
            style={{ background: toneColor(series[t], 0.85) }}
            className={t === hovered ? 'outline outline-1 outline-white' : undefined}
          >
            {ch}
          </span>
        ))}
      </pre>
      {gates && (
        <div data-testid="gates" data-step={gates.step} className="space-y-1">
          <p className="text-xs text-muted">
            layer {layer + 1}, cell {cell}, after reading character {gates.step + 1} (
            {JSON.stringify(chars[gates.step])}): the new cell state is forget × old state + input × candidate
          </p>
          <Gate name="input gate" value={gates.input} testId="gate-input" />
          <Gate name="forget gate" value={gates.forget} testId="gate-forget" />
          <Gate name="candidate" value={gates.candidate} testId="gate-candidate" signed />
          <Gate name="output gate" value={gates.output} testId="gate-output" />
          <Gate name="cell state (tanh)" value={Math.tanh(gates.cell)} testId="gate-cell" signed />
        </div>
      )}
    </>
  );
}
