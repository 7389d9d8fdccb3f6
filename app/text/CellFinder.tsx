'use client';
// Cells ranked by how closely they follow a property of the text, and how closely the chosen cell does, beside what
// the same labels shuffled give (models/charrnn/properties.ts).
import { PROPERTIES, type Property } from '@/models/charrnn/properties';

export type Ranked = { layer: number; cell: number; r: number }[];

interface Props {
  property: Property;
  onProperty: (property: Property) => void;
  onFind: () => void;
  ranked: Ranked | null;
  onPick: (cell: Ranked[number]) => void;
  /** the chosen cell's correlation with the property, and with the shuffled labels */
  tracking: { r: number; shuffled: number; layer: number; cell: number } | null;
}

export function CellFinder({ property, onProperty, onFind, ranked, onPick, tracking }: Props) {
  return (
    <div className="space-y-2 border-t border-line pt-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-muted">Find cells that track</span>
        <select
          data-testid="property"
          value={property}
          onChange={(e) => onProperty(e.target.value as Property)}
          className="rounded border border-line bg-ink px-1 py-1 text-white"
        >
          {Object.entries(PROPERTIES).map(([key, title]) => (
            <option key={key} value={key}>
              {title}
            </option>
          ))}
        </select>
        <button data-testid="find-cells" onClick={onFind} className="rounded-md border border-line px-3 py-1.5">
          Find
        </button>
      </div>
      {ranked && (
        <div className="flex flex-wrap gap-1 text-xs">
          {ranked.map((r, i) => (
            <button
              key={i}
              data-testid={`ranked-${i}`}
              data-layer={r.layer}
              data-cell={r.cell}
              onClick={() => onPick(r)}
              className="rounded border border-line px-2 py-1 font-mono text-muted hover:border-accent"
            >
              layer {r.layer + 1} cell {r.cell}: r = {r.r.toFixed(2)}
            </button>
          ))}
        </div>
      )}
      {tracking && (
        <p data-testid="tracking" data-r={tracking.r} data-shuffled={tracking.shuffled} className="text-xs text-muted">
          On this text, layer {tracking.layer + 1} cell {tracking.cell} follows &ldquo;{PROPERTIES[property]}&rdquo;
          with correlation {tracking.r.toFixed(2)}; the same labels shuffled give {tracking.shuffled.toFixed(2)} (what
          chance looks like). Read another text to see whether it holds.
        </p>
      )}
    </div>
  );
}
