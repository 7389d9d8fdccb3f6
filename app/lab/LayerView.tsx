'use client';
// Every layer of the digit classifier for one digit: feature maps as greyscale tiles (each channel scaled to its own
// largest value), dense layers as bars, the probabilities labelled.
import { useEffect, useRef } from 'react';
import { GRIDS, type PixelBox, type SpatialLayer, type Unit } from '@/models/classifier/anatomy';
import { LAYER_NAMES, type LayerName } from '@/models/classifier/settings';
import type { DigitLayers } from '@/lib/engine/protocol';
import { toneColor } from '@/lib/canvas/tone';
import { Probabilities } from '../_components/digits/Probabilities';
const TITLES: Record<LayerName, string> = {
  conv1: 'conv 1 · 16 feature maps, 3x3 filters on the pixels',
  pool1: 'max-pool 1 · each map halved',
  conv2: 'conv 2 · 32 maps, 3x3 filters on all 16 maps below',
  pool2: 'max-pool 2',
  dense: 'dense · 64 units, each sees every pooled value',
  logits: 'logits · one score per digit',
};

/** Where the units feeding the hovered one sit: a window on some channels of one layer, each with a tone in -1..1
 * (its share of the unit's input, signed: warm adds, cool takes away). */
export interface FeedHighlight {
  layer: SpatialLayer | 'input';
  window: PixelBox;
  tones: Map<number, number>;
}

interface TileProps {
  values: Float32Array;
  layer: SpatialLayer;
  channel: number;
  /** the window that feeds the hovered unit, drawn over the tile, with its tone */
  feed: { window: PixelBox; tone: number } | null;
  onHover: (at: { y: number; x: number } | null) => void;
}

function Tile({ values, layer, channel, feed, onHover }: TileProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { side, channels } = GRIDS[layer];
  useEffect(() => {
    let top = 0;
    for (let i = channel; i < values.length; i += channels) top = Math.max(top, values[i]);
    const image = new ImageData(side, side);
    for (let p = 0; p < side * side; p++) {
      const level = top > 0 ? Math.round((255 * Math.max(0, values[p * channels + channel])) / top) : 0;
      image.data.set([level, level, level, 255], p * 4);
    }
    canvas.current!.getContext('2d')!.putImageData(image, 0, 0);
  }, [values, side, channels, channel]);
  const cell = 48 / side; // screen px per unit of the 48 px tile
  return (
    <div className="relative h-12 w-12">
      <canvas
        ref={canvas}
        data-testid={`tile-${layer}-${channel}`}
        width={side}
        height={side}
        className={
          'h-12 w-12 cursor-crosshair rounded-sm bg-black [image-rendering:pixelated] ' +
          'hover:outline hover:outline-1 hover:outline-accent'
        }
        onPointerMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const y = Math.min(side - 1, Math.floor(((e.clientY - box.top) / box.height) * side));
          const x = Math.min(side - 1, Math.floor(((e.clientX - box.left) / box.width) * side));
          onHover({ y, x });
        }}
        onPointerLeave={() => onHover(null)}
      />
      {feed && (
        <div
          data-testid={`feed-${layer}-${channel}`}
          className="pointer-events-none absolute border"
          style={{
            top: feed.window.top * cell,
            left: feed.window.left * cell,
            height: (feed.window.bottom - feed.window.top + 1) * cell,
            width: (feed.window.right - feed.window.left + 1) * cell,
            borderColor: toneColor(feed.tone, 1),
            background: toneColor(feed.tone, 0.45),
          }}
        />
      )}
    </div>
  );
}

function Bars({ values, labels, testId }: { values: Float32Array; labels?: string[]; testId: string }) {
  const top = Math.max(1e-6, ...Array.from(values, Math.abs));
  return (
    <div data-testid={testId} className="flex h-24 items-end gap-px">
      {Array.from(values, (v, i) => (
        <div
          key={i}
          className="flex flex-1 flex-col items-center justify-end"
          title={`${labels?.[i] ?? i}: ${v.toFixed(3)}`}
        >
          <div
            className={v >= 0 ? 'w-full bg-accent' : 'w-full bg-muted'}
            style={{ height: `${(72 * Math.abs(v)) / top}px` }}
          />
          {labels && <span className="text-[10px] text-muted">{labels[i]}</span>}
        </div>
      ))}
    </div>
  );
}

export function LayerView({
  layers,
  feed,
  onHover,
}: {
  layers: DigitLayers;
  feed: FeedHighlight | null;
  onHover: (unit: Unit | null) => void;
}) {
  const probabilities = layers.probabilities;
  return (
    <div className="space-y-5">
      {LAYER_NAMES.map((name) => {
        const values = layers[name];
        const spatial = name in GRIDS ? (name as SpatialLayer) : null;
        return (
          <section key={name} data-testid={`layer-${name}`} className="space-y-1">
            <h3 className="text-sm text-muted">{TITLES[name]}</h3>
            {spatial ? (
              <div className="flex flex-wrap gap-1">
                {Array.from({ length: GRIDS[spatial].channels }, (_, k) => {
                  const tone = feed?.layer === spatial ? feed.tones.get(k) : undefined;
                  return (
                    <Tile
                      key={k}
                      values={values}
                      layer={spatial}
                      channel={k}
                      feed={tone === undefined ? null : { window: feed!.window, tone }}
                      onHover={(at) => onHover(at && { layer: spatial, channel: k, ...at })}
                    />
                  );
                })}
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
