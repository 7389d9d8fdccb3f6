'use client';
// Inside the LSTM: the text on screen (or a pasted one) read by the network, each character coloured by one cell's
// state; the gates of that cell at the character under the pointer; and cells ranked by how closely they follow a
// simple property of the text (models/charrnn/cells.ts, properties.ts).
import { type Ref, useCallback, useImperativeHandle, useMemo, useState } from 'react';
import { type CellTrace, cellSeries, gatesAt, MAX_READ } from '@/models/charrnn/trace';
import { correlation, labelsOf, PROPERTIES, type Property, rankCells, shuffled } from '@/models/charrnn/properties';
import { normalizeText } from '@/models/charrnn/vocab';
import { pageEngine } from '@/lib/engine/client';
import type { ModelKey } from '@/lib/engine/protocol';
import { toneColor } from '@/lib/canvas/tone';

type Read = { text: string; trace: CellTrace };
type Ranked = { layer: number; cell: number; r: number }[];
const SHUFFLE_SEED = 1;

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

/** What the studio tells the inspector: a write ended with this text on screen. */
export interface CellFollower {
  writingEnded(text: string): void;
}

export function CellInspector({
  model,
  written,
  ready,
  ref,
}: {
  model: ModelKey;
  written: string;
  ready: boolean;
  ref?: Ref<CellFollower>;
}) {
  const [source, setSource] = useState<'written' | 'pasted'>('written');
  const [pasted, setPasted] = useState('');
  const [read, setRead] = useState<Read | null>(null);
  const [reading, setReading] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [layer, setLayer] = useState(1);
  const [cell, setCell] = useState(0);
  const [hovered, setHovered] = useState<number | null>(null);
  const [property, setProperty] = useState<Property>('quotes');
  const [ranked, setRanked] = useState<Ranked | null>(null);

  const readOf = useCallback(
    async (text: string) => {
      setReading(true);
      setMessage(null);
      try {
        const frame = await (await pageEngine()).run({ kind: 'lstm-read', model, text }).done;
        setRead({ text, trace: frame.data });
        setRanked(null);
        setHovered(null);
      } catch (e) {
        setMessage(e instanceof Error ? e.message : String(e));
      } finally {
        setReading(false);
      }
    },
    [model],
  );
  // Once the text above has been read, each text the network writes next is read when its writing ends.
  useImperativeHandle(
    ref,
    () => ({
      writingEnded: (text) => void (source === 'written' && read && readOf(normalizeText(text).slice(0, MAX_READ))),
    }),
    [source, read, readOf],
  );

  const readText = () => {
    const text = normalizeText(source === 'written' ? written : pasted).slice(0, MAX_READ);
    if (!text)
      return setMessage(
        source === 'written' ? 'Write something first, or paste a text.' : 'Paste a text to read first.',
      );
    void readOf(text);
  };

  const chars = useMemo(() => (read ? Array.from(read.text) : []), [read]);
  const series = useMemo(() => (read ? cellSeries(read.trace, layer, cell) : null), [read, layer, cell]);
  const labels = useMemo(() => (read ? labelsOf(property, read.text) : null), [read, property]);
  // Once per text, cell and property, not on every hover (each hover re-renders the panel).
  const tracking = useMemo(
    () =>
      series && labels
        ? { r: correlation(series, labels), shuffled: correlation(series, shuffled(labels, SHUFFLE_SEED)) }
        : null,
    [series, labels],
  );
  const step = hovered ?? chars.length - 1;
  const gates = read && step >= 0 ? gatesAt(read.trace, step, layer, cell) : null;
  const hidden = read?.trace.hidden ?? 512;

  const findCells = () => {
    if (!read || !labels) return;
    const top = rankCells(read.trace.layers, read.trace.hidden, (l, c) => cellSeries(read.trace, l, c), labels);
    setRanked(top);
    setLayer(top[0].layer);
    setCell(top[0].cell);
  };

  return (
    <section data-testid="cell-inspector" className="space-y-3 rounded-lg border border-line p-4 text-sm">
      <h2 className="font-medium text-white">Inside the network</h2>
      <p className="text-muted">
        The LSTM carries {hidden} memory cells in each of its two layers from one character to the next. Read a text
        through it, pick a cell, and every character is coloured by what that cell holds after reading it (amber
        positive, blue negative). Some cells learn something you can name. Once the text above is read, whatever the
        network writes next is read as soon as it has written it.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1 text-muted">
          <input
            data-testid="source-written"
            type="radio"
            checked={source === 'written'}
            onChange={() => setSource('written')}
          />{' '}
          the text above
        </label>
        <label className="flex items-center gap-1 text-muted">
          <input
            data-testid="source-pasted"
            type="radio"
            checked={source === 'pasted'}
            onChange={() => setSource('pasted')}
          />{' '}
          a text of my own
        </label>
        <button
          data-testid="read-cells"
          disabled={!ready || reading}
          onClick={readText}
          className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
        >
          {reading ? 'reading…' : 'Read it'}
        </button>
        <span className="text-xs text-muted">the first {MAX_READ} characters</span>
      </div>
      {source === 'pasted' && (
        <textarea
          data-testid="pasted"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          rows={4}
          placeholder="Paste a text here"
          className="w-full rounded-md border border-line bg-ink p-2 font-mono text-sm text-white"
        />
      )}
      {message && <p className="text-red-300">{message}</p>}
      {read && series && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-1 text-muted">
              layer
              <select
                data-testid="cell-layer"
                value={layer}
                onChange={(e) => setLayer(Number(e.target.value))}
                className="rounded border border-line bg-ink px-1 text-white"
              >
                {Array.from({ length: read.trace.layers }, (_, l) => (
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
                onChange={(e) => setCell(Math.min(hidden - 1, Math.max(0, Math.round(Number(e.target.value)))))}
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
            onMouseLeave={() => setHovered(null)}
          >
            {chars.map((ch, t) => (
              <span
                key={t}
                data-testid={`char-${t}`}
                onMouseEnter={() => setHovered(t)}
                style={{ background: toneColor(series[t], 0.85) }}
                className={t === hovered ? 'outline outline-1 outline-white' : undefined}
              >
                {ch}
              </span>
            ))}
          </pre>
          {gates && (
            <div data-testid="gates" data-step={step} className="space-y-1">
              <p className="text-xs text-muted">
                layer {layer + 1}, cell {cell}, after reading character {step + 1} ({JSON.stringify(chars[step])}): the
                new cell state is forget × old state + input × candidate
              </p>
              <Gate name="input gate" value={gates.input} testId="gate-input" />
              <Gate name="forget gate" value={gates.forget} testId="gate-forget" />
              <Gate name="candidate" value={gates.candidate} testId="gate-candidate" signed />
              <Gate name="output gate" value={gates.output} testId="gate-output" />
              <Gate name="cell state (tanh)" value={Math.tanh(gates.cell)} testId="gate-cell" signed />
            </div>
          )}
          <div className="space-y-2 border-t border-line pt-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-muted">Find cells that track</span>
              <select
                data-testid="property"
                value={property}
                onChange={(e) => setProperty(e.target.value as Property)}
                className="rounded border border-line bg-ink px-1 py-1 text-white"
              >
                {Object.entries(PROPERTIES).map(([key, title]) => (
                  <option key={key} value={key}>
                    {title}
                  </option>
                ))}
              </select>
              <button
                data-testid="find-cells"
                onClick={findCells}
                className="rounded-md border border-line px-3 py-1.5"
              >
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
                    onClick={() => {
                      setLayer(r.layer);
                      setCell(r.cell);
                    }}
                    className="rounded border border-line px-2 py-1 font-mono text-muted hover:border-accent"
                  >
                    layer {r.layer + 1} cell {r.cell}: r = {r.r.toFixed(2)}
                  </button>
                ))}
              </div>
            )}
            {tracking && (
              <p
                data-testid="tracking"
                data-r={tracking.r}
                data-shuffled={tracking.shuffled}
                className="text-xs text-muted"
              >
                On this text, layer {layer + 1} cell {cell} follows &ldquo;{PROPERTIES[property]}&rdquo; with
                correlation {tracking.r.toFixed(2)}; the same labels shuffled give {tracking.shuffled.toFixed(2)} (what
                chance looks like). Read another text to see whether it holds.
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
