'use client';
// Inside the LSTM: the text on screen (or a pasted one) read by the network, each character coloured by one cell's
// state; the gates of that cell at the character under the pointer; and cells ranked by how closely they follow a
// simple property of the text (models/charrnn/cells.ts, properties.ts).
import { type Ref, useImperativeHandle, useMemo, useState } from 'react';
import { type CellTrace, cellSeries, gatesAt, MAX_READ } from '@/models/charrnn/trace';
import { correlation, labelsOf, type Property, rankCells, shuffled } from '@/models/charrnn/properties';
import { normalizeText } from '@/models/charrnn/vocab';
import { pageEngine } from '@/lib/engine/client';
import type { ModelKey } from '@/lib/engine/protocol';
import { CellFinder, type Ranked } from './CellFinder';
import { CellReading } from './CellReading';

type Read = { text: string; trace: CellTrace };
const SHUFFLE_SEED = 1;

/** What the studio tells the inspector: a write ended with this text on screen. */
export interface CellFollower {
  writingEnded(text: string): void;
}

/** Reads a text through the network (the engine's lstm-read run), keeping the last text read and its trace;
 * `onRead` runs when a new one is there. */
function useReader(model: ModelKey, onRead: () => void) {
  const [read, setRead] = useState<Read | null>(null);
  const [reading, setReading] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const readOf = async (text: string) => {
    setReading(true);
    setMessage(null);
    try {
      const frame = await (await pageEngine()).run({ kind: 'lstm-read', model, text }).done;
      setRead({ text, trace: frame.data });
      onRead();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  };
  return { read, reading, message, setMessage, readOf };
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
  const [chosenLayer, setLayer] = useState(1);
  const [chosenCell, setCell] = useState(0);
  const [hovered, setHovered] = useState<number | null>(null);
  const [property, setProperty] = useState<Property>('quotes');
  const [ranked, setRanked] = useState<Ranked | null>(null);

  const { read, reading, message, setMessage, readOf } = useReader(model, () => {
    setRanked(null);
    setHovered(null);
  });
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

  // The choice as the network read has them: a one-layer model of 64 cells has no layer 2 or cell 100.
  const layer = read ? Math.min(chosenLayer, read.trace.layers - 1) : chosenLayer;
  const cell = read ? Math.min(chosenCell, read.trace.hidden - 1) : chosenCell;
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
  const layersText = (n: number) => (n === 1 ? 'its one layer' : `each of its ${n} layers`);

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
        The LSTM carries {read ? `${hidden} memory cells in ${layersText(read.trace.layers)}` : 'its memory cells'} from
        one character to the next. Read a text through it, pick a cell, and every character is coloured by what that
        cell holds after reading it (amber positive, blue negative). Some cells learn something you can name. Once the
        text above is read, whatever the network writes next is read as soon as it has written it.
      </p>
      <TextSource
        source={source}
        onSource={setSource}
        pasted={pasted}
        onPasted={setPasted}
        reading={reading}
        disabled={!ready || reading}
        onRead={readText}
      />
      {message && <p className="text-red-300">{message}</p>}
      {read && series && (
        <>
          <CellReading
            layers={read.trace.layers}
            hidden={hidden}
            onLayer={setLayer}
            onCell={setCell}
            chars={chars}
            series={series}
            layer={layer}
            cell={cell}
            hovered={hovered}
            onHover={setHovered}
            gates={gates && { ...gates, step }}
          />
          <CellFinder
            property={property}
            onProperty={setProperty}
            onFind={findCells}
            ranked={ranked}
            onPick={(r) => {
              setLayer(r.layer);
              setCell(r.cell);
            }}
            tracking={tracking && { ...tracking, layer, cell }}
          />
        </>
      )}
    </section>
  );
}

interface SourceProps {
  source: 'written' | 'pasted';
  onSource: (source: 'written' | 'pasted') => void;
  pasted: string;
  onPasted: (text: string) => void;
  reading: boolean;
  disabled: boolean;
  onRead: () => void;
}

/** Which text the network reads (the one written above, or one pasted) and Read it. */
function TextSource({ source, onSource, pasted, onPasted, reading, disabled, onRead }: SourceProps) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1 text-muted">
          <input
            data-testid="source-written"
            type="radio"
            checked={source === 'written'}
            onChange={() => onSource('written')}
          />{' '}
          the text above
        </label>
        <label className="flex items-center gap-1 text-muted">
          <input
            data-testid="source-pasted"
            type="radio"
            checked={source === 'pasted'}
            onChange={() => onSource('pasted')}
          />{' '}
          a text of my own
        </label>
        <button
          data-testid="read-cells"
          disabled={disabled}
          onClick={onRead}
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
          onChange={(e) => onPasted(e.target.value)}
          rows={4}
          placeholder="Paste a text here"
          className="w-full rounded-md border border-line bg-ink p-2 font-mono text-sm text-white"
        />
      )}
    </>
  );
}
