'use client';
import type { StyleRecipe } from '@/lib/share/recipe';
import { SettingSliders, type SliderSpec } from '../_components/SettingSliders';

export type StyleSettings = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'content' | 'styles' | 'start' | 'stopAt'>;

interface Props {
  settings: StyleSettings;
  onChange: (settings: StyleSettings) => void;
  /** The next Paint goes on from the last result, so where a fresh run starts does not apply. */
  continuing: boolean;
}

/** Size, steps, algorithm 3's strength and the style's scale. */
const mainSliders = (algorithm: StyleSettings['algorithm']): SliderSpec<StyleSettings>[] => [
  {
    key: 'size',
    label: 'Size',
    min: 128,
    max: 1024,
    step: 32,
    format: (v) => `${v} px`,
    hint: 'Long side of the result',
  },
  {
    key: 'steps',
    label: 'Steps',
    min: 10,
    max: 1000,
    step: 10,
    hint: 'Adam steps; stop earlier whenever you like the picture',
  },
  ...(algorithm === 3
    ? [
        {
          key: 'strength' as const,
          label: 'Strength',
          min: 0,
          max: 1,
          step: 0.05,
          absent: 1,
          format: (v: number) => `${Math.round(v * 100)}%`,
          hint: '0 keeps the photo as it is, 100% paints the full style',
          testId: 'strength',
        },
      ]
    : []),
  {
    key: 'styleScale',
    label: 'Style scale',
    min: 0.25,
    max: 2,
    step: 0.05,
    format: (v) => `${v.toFixed(2)}×`,
    hint: "The style image's size relative to the result: smaller gives larger strokes",
  },
];

/** The loss weights (on a log scale) and the optimiser's rate, under "More". */
const MORE_SLIDERS: SliderSpec<StyleSettings>[] = [
  {
    key: 'styleWeight',
    label: 'Style weight',
    min: 1,
    max: 5,
    step: 0.1,
    log: true,
    hint: 'Weight of the Gram-matrix (texture) loss',
  },
  {
    key: 'contentWeight',
    label: 'Content weight',
    min: 0,
    max: 4,
    step: 0.1,
    log: true,
    hint: "Weight of keeping the content's features (mixed3)",
  },
  {
    key: 'tvWeight',
    label: 'Smoothness',
    min: 0,
    max: 100,
    step: 1,
    hint: 'Total-variation weight: less speckle, softer detail',
  },
  {
    key: 'learningRate',
    label: 'Learning rate',
    min: 1,
    max: 20,
    step: 0.5,
    hint: "Adam's step in pixel levels (painted: the same, scaled to its pyramid)",
  },
];

/** Every knob of the optimisation, as small pure updates of the settings. Weights move on a log scale. */
export function StyleControls({ settings, onChange, continuing }: Props) {
  const patch = (changes: Partial<StyleSettings>) => onChange({ ...settings, ...changes });
  const set =
    <K extends keyof StyleSettings>(key: K) =>
    (value: StyleSettings[K]) =>
      patch({ [key]: value });
  // Only algorithm 3 has a strength: a link of another algorithm carries none.
  const chooseAlgorithm = (algorithm: StyleSettings['algorithm']) => {
    const { strength, ...rest } = settings;
    onChange({ ...rest, algorithm, ...(algorithm === 3 && strength !== undefined ? { strength } : {}) });
  };
  const select = 'max-w-[65%] rounded-md border border-line bg-ink px-2 py-1 text-sm text-white';
  return (
    <>
      <SettingSliders specs={mainSliders(settings.algorithm)} settings={settings} onChange={patch} />
      <label
        className="flex items-center justify-between text-sm text-muted"
        title={
          "Painted: large forms in the painting's own colours, built on a pyramid of scales; " +
          "painterly: shifted, smoothed steps that start in the painting's palette; " +
          'classic: plain Gatys, finer and speckled (see Models and licenses)'
        }
      >
        Brushwork
        <select
          data-testid="algorithm"
          value={settings.algorithm ?? 1}
          onChange={(e) => chooseAlgorithm(Number(e.target.value) as StyleSettings['algorithm'])}
          className={select}
        >
          <option value={3}>painted</option>
          <option value={2}>painterly</option>
          <option value={1}>classic (speckled)</option>
        </select>
      </label>
      <label className="flex items-center justify-between text-sm text-muted">
        Colours
        <select
          data-testid="preserve-color"
          value={settings.preserveColor}
          onChange={(e) => set('preserveColor')(e.target.value as StyleSettings['preserveColor'])}
          className={select}
        >
          <option value="none">the style&apos;s</option>
          <option value="luminance">the content&apos;s (luminance only)</option>
          <option value="histogram">the content&apos;s (matched style)</option>
        </select>
      </label>
      <details className="group rounded-md border border-line px-3 py-2" data-testid="more-settings">
        <summary className="cursor-pointer text-sm text-muted">More: loss weights, start, schedule</summary>
        <div className="mt-3 space-y-3">
          <SettingSliders specs={MORE_SLIDERS} settings={settings} onChange={patch} />
          {!continuing && (
            <label className="flex items-center justify-between text-sm text-muted">
              Start from
              <select
                data-testid="init"
                value={settings.init}
                onChange={(e) => set('init')(e.target.value as StyleSettings['init'])}
                className={select}
              >
                <option value="content">the content</option>
                <option value="noise">noise (seeded)</option>
              </select>
            </label>
          )}
          <label
            className="flex items-center gap-2 text-sm text-muted"
            title="Half the steps at half size, then upsample and refine: large sizes converge faster"
          >
            <input
              type="checkbox"
              checked={settings.coarseToFine}
              onChange={(e) => set('coarseToFine')(e.target.checked)}
              className="accent-[var(--color-accent)]"
            />
            Coarse to fine
          </label>
        </div>
      </details>
    </>
  );
}
