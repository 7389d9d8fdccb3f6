'use client';
// What an InceptionV3 channel looks for (models/featurevis/featurevis.ts): the controls that choose a channel, and a
// grid of a layer's first channels that fills in on the visitor's GPU and is kept in this browser.
import { useEffect, useRef, useState } from 'react';
import { FEATURE_VIS_DEFAULTS, type FeatureVisSettings } from '@/models/featurevis/settings';
import { INCEPTION_CHANNELS, INCEPTION_LAYERS, type InceptionLayer } from '@/models/inception-v3/layers';
import { pageEngine } from '@/lib/engine/client';
import type { ModelKey } from '@/lib/engine/protocol';
import { canvasToPng, drawBitmap } from '@/lib/canvas/image-file';
import { cachedPicture, cachePicture } from '@/lib/store/pictures';
import { recipeHash } from '@/lib/share/codec';
import { modelRefFor } from '@/lib/share/model-ref';
import { registryEntry } from '@/models/registry';
import { DREAM_DEFAULTS } from '../dream/DreamControls';

/** Steps of a channel opened on its own, and of a grid cell (smaller and shorter: a preview to choose from). */
export const CHANNEL_STEPS = 48;
const GRID = { size: 80, steps: 24, count: 16 };

export function ChannelControls({
  initial,
  disabled,
  onShow,
}: {
  initial: { layer: InceptionLayer; channel: number };
  disabled: boolean;
  onShow: (layer: InceptionLayer, channel: number) => void;
}) {
  const [layer, setLayer] = useState(initial.layer);
  const [channel, setChannel] = useState(initial.channel);
  const count = INCEPTION_CHANNELS[layer];
  return (
    <section className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <p className="text-muted">
        What a channel looks for: grow an image from noise until one channel of InceptionV3 (the network the dream and
        style studios use) fires as hard as it can.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <select
          data-testid="channel-layer"
          aria-label="InceptionV3 layer"
          value={layer}
          onChange={(e) => {
            const next = e.target.value as InceptionLayer;
            setLayer(next);
            setChannel((c) => Math.min(c, INCEPTION_CHANNELS[next] - 1));
          }}
          className="rounded border border-line bg-ink px-1 py-1 text-white"
        >
          {INCEPTION_LAYERS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-1 text-muted">
          channel
          <input
            data-testid="channel-number"
            type="number"
            min={0}
            max={count - 1}
            value={channel}
            onChange={(e) => setChannel(Math.min(count - 1, Math.max(0, Math.round(Number(e.target.value)))))}
            className="w-16 rounded border border-line bg-ink px-1 text-white"
          />
          <span className="text-xs">of {count}</span>
        </label>
      </div>
      <button
        data-testid="show-channel"
        disabled={disabled}
        onClick={() => onShow(layer, channel)}
        className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
      >
        Show what it looks for
      </button>
    </section>
  );
}

/** The settings of a grid cell: the defaults at the grid's size, seed 1. */
const gridSettings = (layer: InceptionLayer, channel: number): FeatureVisSettings => ({
  ...FEATURE_VIS_DEFAULTS,
  size: GRID.size,
  layer,
  channel,
  seed: 1,
});

/** The cache key of a grid cell: the weights, the settings and the steps that make it. */
const cellKey = (fingerprint: string, settings: FeatureVisSettings) =>
  `featurevis ${fingerprint} ${JSON.stringify(settings)} ${GRID.steps}`;

/**
 * The first channels of a layer as small pictures: the ones made before come from this browser's store at once;
 * "Fill in" makes the others on this GPU, one after another, each kept as it arrives.
 */
export function ChannelGrid({
  model,
  fingerprint,
  layer,
  current,
  onPick,
}: {
  model: ModelKey;
  fingerprint: string;
  layer: InceptionLayer;
  current: number;
  onPick: (channel: number) => void;
}) {
  const [urls, setUrls] = useState<(string | null)[]>(() => Array(GRID.count).fill(null));
  const [filling, setFilling] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => {
    let live = true;
    const made: string[] = [];
    void Promise.all(
      Array.from({ length: GRID.count }, async (_, c) => {
        const blob = await cachedPicture(cellKey(fingerprint, gridSettings(layer, c))).catch(() => undefined);
        if (!blob) return null;
        const url = URL.createObjectURL(blob);
        made.push(url);
        return url;
      }),
    ).then((found) => live && setUrls(found));
    return () => {
      live = false;
      stop.current?.();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [fingerprint, layer]);

  const fill = async () => {
    setFilling(true);
    setMessage(null);
    let stopped = false;
    const engine = await pageEngine();
    try {
      for (let c = 0; c < GRID.count && !stopped; c++) {
        if (urls[c]) continue;
        const settings = gridSettings(layer, c);
        const run = engine.run({ kind: 'feature-vis', model, settings, steps: GRID.steps });
        stop.current = () => {
          stopped = true;
          run.cancel();
        };
        const frame = await run.done;
        const canvas = document.createElement('canvas');
        drawBitmap(frame.image!, canvas);
        const png = await canvasToPng(canvas);
        await cachePicture(cellKey(fingerprint, settings), png).catch(() =>
          setMessage('This browser does not keep pictures (private window?): they are shown, not kept.'),
        );
        const url = URL.createObjectURL(png);
        setUrls((u) => u.map((v, i) => (i === c ? url : v)));
      }
    } catch (e) {
      if (!stopped) setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      stop.current = null;
      setFilling(false);
    }
  };

  return (
    <section data-testid="channel-grid" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span>
          {layer}, channels 0-{GRID.count - 1}: click one to open it
        </span>
        {filling ? (
          <button
            data-testid="stop-grid"
            onClick={() => stop.current?.()}
            className="rounded border border-line px-2 py-0.5"
          >
            stop
          </button>
        ) : (
          urls.some((u) => !u) && (
            <button
              data-testid="fill-grid"
              onClick={() => void fill()}
              className="rounded border border-line px-2 py-0.5 text-white"
            >
              fill in on my GPU ({urls.filter((u) => !u).length} to make)
            </button>
          )
        )}
      </div>
      {message && <p className="text-xs text-red-300">{message}</p>}
      <div className="grid w-fit grid-cols-8 gap-1">
        {urls.map((url, c) => (
          <button
            key={c}
            data-testid={`cell-${c}`}
            data-made={url ? 'yes' : 'no'}
            onClick={() => onPick(c)}
            title={`channel ${c}`}
            className={
              `h-16 w-16 overflow-hidden rounded border ${c === current ? 'border-accent' : 'border-line'} ` +
              'bg-black text-[10px] text-muted'
            }
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            {url ? <img src={url} alt={`what ${layer} channel ${c} looks for`} className="h-full w-full" /> : c}
          </button>
        ))}
      </div>
    </section>
  );
}

/** A link to the dream studio with this channel chosen: the same channel raised in a photo instead of noise. */
export function DreamLink({ layer, channel }: { layer: InceptionLayer; channel: number }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const recipe = {
      studio: 'dream' as const,
      v: 1 as const,
      model: modelRefFor(registryEntry('inception-v3')),
      input: { kind: 'preset' as const, id: 'clouds' },
      ...DREAM_DEFAULTS,
      layers: [{ name: layer, weight: 1 }],
      channel,
    };
    void recipeHash(recipe).then((hash) => setHref(`/dream${hash}`));
  }, [layer, channel]);
  return href ? (
    <a
      data-testid="dream-channel"
      href={href}
      className="inline-block rounded-md border border-line px-3 py-1.5 text-white hover:border-accent"
    >
      Dream with {layer} channel {channel} →
    </a>
  ) : null;
}
