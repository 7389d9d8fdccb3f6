'use client';
// Every layer of the digit classifier for one digit: feature maps as greyscale tiles (each channel scaled to its own
// largest value), dense layers as bars, the probabilities labelled.
import { useEffect, useRef } from 'react';
import { LAYER_NAMES, type LayerName } from '@/models/classifier/settings';
import type { Metrics } from '@/lib/engine/protocol';

/** [height, width, channels] of the spatial layers; dense layers are flat. */
const SHAPES: Partial<Record<LayerName, [number, number, number]>> & Record<SpatialLayer, [number, number, number]> = { conv1: [28, 28, 16], pool1: [14, 14, 16], conv2: [14, 14, 32], pool2: [7, 7, 32] };
const TITLES: Record<LayerName, string> = {
  conv1: 'conv 1 · 16 feature maps, 3x3 filters on the pixels',
  pool1: 'max-pool 1 · each map halved',
  conv2: 'conv 2 · 32 maps, 3x3 filters on all 16 maps below',
  pool2: 'max-pool 2',
  dense: 'dense · 64 units, each sees every pooled value',
  logits: 'logits · one score per digit',
};

/** A unit of a spatial layer under the pointer: its layer, channel and position in the layer's grid. */
export interface HoveredUnit {
  layer: SpatialLayer;
  channel: number;
  y: number;
  x: number;
}
type SpatialLayer = 'conv1' | 'pool1' | 'conv2' | 'pool2';

interface TileProps {
  values: Float32Array;
  shape: [number, number, number];
  channel: number;
  testId: string;
  onHover: (unit: { y: number; x: number } | null) => void;
}

function Tile({ values, shape, channel, testId, onHover }: TileProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const [h, w, c] = shape;
    let top = 0;
    for (let i = channel; i < values.length; i += c) top = Math.max(top, values[i]);
    const image = new ImageData(w, h);
    for (let p = 0; p < h * w; p++) {
      const level = top > 0 ? Math.round((255 * Math.max(0, values[p * c + channel])) / top) : 0;
      image.data.set([level, level, level, 255], p * 4);
    }
    canvas.current!.getContext('2d')!.putImageData(image, 0, 0);
  }, [values, shape, channel]);
  return (
    <canvas
      ref={canvas}
      data-testid={testId}
      width={shape[1]}
      height={shape[0]}
      className="h-12 w-12 cursor-crosshair rounded-sm bg-black [image-rendering:pixelated] hover:outline hover:outline-1 hover:outline-accent"
      onPointerMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const y = Math.min(shape[0] - 1, Math.floor(((e.clientY - box.top) / box.height) * shape[0]));
        const x = Math.min(shape[1] - 1, Math.floor(((e.clientX - box.left) / box.width) * shape[1]));
        onHover({ y, x });
      }}
      onPointerLeave={() => onHover(null)}
    />
  );
}

function Bars({ values, labels, testId }: { values: Float32Array; labels?: string[]; testId: string }) {
  const top = Math.max(1e-6, ...Array.from(values, Math.abs));
  return (
    <div data-testid={testId} className="flex h-24 items-end gap-px">
      {Array.from(values, (v, i) => (
        <div key={i} className="flex flex-1 flex-col items-center justify-end" title={`${labels?.[i] ?? i}: ${v.toFixed(3)}`}>
          <div className={v >= 0 ? 'w-full bg-accent' : 'w-full bg-muted'} style={{ height: `${(72 * Math.abs(v)) / top}px` }} />
          {labels && <span className="text-[10px] text-muted">{labels[i]}</span>}
        </div>
      ))}
    </div>
  );
}

export function LayerView({ metrics, onHover }: { metrics: Metrics; onHover: (unit: HoveredUnit | null) => void }) {
  const probabilities = metrics.probabilities as Float32Array;
  return (
    <div className="space-y-5">
      {LAYER_NAMES.map((name) => {
        const values = metrics[name] as Float32Array;
        const shape = name in SHAPES ? SHAPES[name as SpatialLayer] : undefined;
        return (
          <section key={name} data-testid={`layer-${name}`} className="space-y-1">
            <h3 className="text-sm text-muted">{TITLES[name]}</h3>
            {shape ? (
              <div className="flex flex-wrap gap-1">
                {Array.from({ length: shape[2] }, (_, k) => (
                  <Tile key={k} values={values} shape={shape} channel={k} testId={`tile-${name}-${k}`} onHover={(at) => onHover(at && { layer: name as SpatialLayer, channel: k, ...at })} />
                ))}
              </div>
            ) : (
              <Bars values={values} testId={`bars-${name}`} labels={name === 'logits' ? DIGITS : undefined} />
            )}
          </section>
        );
      })}
      <section className="space-y-1">
        <h3 className="text-sm text-muted">softmax · the probability of each digit</h3>
        <Probabilities values={probabilities} />
      </section>
    </div>
  );
}

const DIGITS = Array.from({ length: 10 }, (_, d) => String(d));

export function Probabilities({ values, testId = 'probabilities' }: { values: Float32Array; testId?: string }) {
  return (
    <div data-testid={testId} className="space-y-0.5">
      {Array.from(values, (p, d) => (
        <div key={d} className="flex items-center gap-2 text-xs">
          <span className="w-3 text-white">{d}</span>
          <div className="h-2.5 flex-1 rounded bg-line">
            <div className="h-2.5 rounded bg-accent" style={{ width: `${100 * p}%` }} />
          </div>
          <span data-testid={`${testId}-${d}`} className="w-12 text-right font-mono text-muted">{p.toFixed(3)}</span>
        </div>
      ))}
    </div>
  );
}
