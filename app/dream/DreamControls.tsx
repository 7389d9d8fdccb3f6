'use client';
import { INCEPTION_CHANNELS, INCEPTION_LAYERS, type InceptionLayer } from '@/models/inception-v3/layers';
import type { DreamRecipe } from '@/lib/share/recipe';
import { Slider } from '../_components/Slider';
import { SettingSliders, type SliderSpec } from '../_components/SettingSliders';

/** What the dream's controls show: its recipe less the model and the input image. */
export type DreamSettings = Omit<DreamRecipe, 'studio' | 'v' | 'model' | 'input'>;

/** What a new dream starts with. */
export const DREAM_DEFAULTS: DreamSettings = {
  size: 384,
  layers: [
    { name: 'mixed3', weight: 1 },
    { name: 'mixed5', weight: 1 },
  ],
  octaves: 3,
  octaveScale: 1.4,
  steps: 10,
  stepSize: 0.012,
  jitter: 16,
  seed: 1,
};

/** What each layer tends to produce, from shallow to deep. */
const LAYER_HINTS: Record<InceptionLayer, string> = {
  mixed0: 'fine strokes and edges',
  mixed1: 'brush textures',
  mixed2: 'swirls and lattices',
  mixed3: 'eyes, scales and arches',
  mixed4: 'fur, feathers, eye clusters',
  mixed5: 'creatures, faces and towers',
};

/** Channels per layer: mixed0 256, mixed1-2 288, mixed3-5 768. */

/** The size and the ascent's schedule. */
const SLIDERS: SliderSpec<DreamSettings>[] = [
  {
    key: 'size',
    label: 'Working size',
    min: 128,
    max: 2048,
    step: 32,
    format: (v) => `${v} px`,
    hint: 'Long side of the image being dreamed; above 1024 px the gradient is computed in tiles',
  },
  { key: 'octaves', label: 'Octaves', min: 1, max: 5, step: 1, hint: 'Dream at several scales, smallest first' },
  { key: 'steps', label: 'Steps per octave', min: 1, max: 40, step: 1 },
  { key: 'stepSize', label: 'Step size', min: 0.002, max: 0.05, step: 0.001, format: (v) => v.toFixed(3) },
  { key: 'jitter', label: 'Jitter', min: 0, max: 64, step: 1, format: (v) => `${v} px` },
];

interface Props {
  settings: DreamSettings;
  onChange: (settings: DreamSettings) => void;
  painting: boolean;
  onPainting: (painting: boolean) => void;
  brush: number;
  onBrush: (brush: number) => void;
}

/** Layers, channel, octaves and brush: every knob of the dream, as small pure updates of the settings. */
export function DreamControls({ settings, onChange, painting, onPainting, brush, onBrush }: Props) {
  const set =
    <K extends keyof DreamSettings>(key: K) =>
    (value: DreamSettings[K]) =>
      onChange({ ...settings, [key]: value });
  const toggleLayer = (name: InceptionLayer) => {
    const has = settings.layers.some((l) => l.name === name);
    const layers = has ? settings.layers.filter((l) => l.name !== name) : [...settings.layers, { name, weight: 1 }];
    if (layers.length) onChange({ ...settings, layers, channel: undefined });
  };
  const first = settings.layers[0].name;
  return (
    <>
      <fieldset>
        <legend className="mb-2 text-sm text-muted">Layers to amplify</legend>
        <div className="grid grid-cols-2 gap-1.5">
          {INCEPTION_LAYERS.map((name) => (
            <label key={name} className="flex cursor-pointer items-start gap-2 rounded-md p-1 text-xs hover:bg-ink/60">
              <input
                type="checkbox"
                checked={settings.layers.some((l) => l.name === name)}
                onChange={() => toggleLayer(name)}
                className="mt-0.5 accent-[var(--color-accent)]"
              />
              <span>
                <span className="font-mono text-white">{name}</span>
                <br />
                <span className="text-muted">{LAYER_HINTS[name]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-muted" title="What does one feature detector want to see?">
        <input
          type="checkbox"
          checked={settings.channel !== undefined}
          onChange={(e) => set('channel')(e.target.checked ? 97 % INCEPTION_CHANNELS[first] : undefined)}
          className="accent-[var(--color-accent)]"
        />
        Only channel
        <input
          type="number"
          min={0}
          max={INCEPTION_CHANNELS[first] - 1}
          disabled={settings.channel === undefined}
          value={settings.channel ?? ''}
          onChange={(e) =>
            set('channel')(Math.min(INCEPTION_CHANNELS[first] - 1, Math.max(0, Math.round(Number(e.target.value)))))
          }
          className="w-16 rounded border border-line bg-ink px-1 text-white disabled:opacity-40"
        />
        <span className="text-xs">of {first}</span>
      </label>
      <SettingSliders specs={SLIDERS} settings={settings} onChange={(patch) => onChange({ ...settings, ...patch })} />
      <div className="space-y-2 rounded-lg border border-line p-3">
        <div className="flex items-center justify-between text-sm">
          <button
            data-testid="paint-mask"
            onClick={() => onPainting(!painting)}
            className={`rounded-md border px-2 py-1 ${
              painting ? 'border-accent text-accent' : 'border-line text-muted hover:text-white'
            }`}
          >
            {painting ? 'Painting where to dream…' : 'Paint where to dream'}
          </button>
          {settings.mask && (
            <button onClick={() => set('mask')(undefined)} className="text-xs text-muted hover:text-white">
              clear ({settings.mask.strokes.length})
            </button>
          )}
        </div>
        {painting && (
          <Slider
            label="Brush"
            value={brush}
            min={0.01}
            max={0.3}
            step={0.01}
            onChange={onBrush}
            format={(v) => `${Math.round(v * 100)}%`}
          />
        )}
        <p className="text-xs text-muted">
          {settings.mask
            ? 'Only painted areas dream; the rest stays exactly as it was.'
            : 'No mask: the whole image dreams.'}
        </p>
      </div>
    </>
  );
}
