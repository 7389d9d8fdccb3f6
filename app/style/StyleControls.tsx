'use client';
import type { StyleRecipe } from '@/lib/share/recipe';
import { Slider } from '../_components/Slider';

export type StyleSettings = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'content' | 'styles' | 'start' | 'stopAt'>;

interface Props {
  settings: StyleSettings;
  onChange: (settings: StyleSettings) => void;
  /** The next Paint goes on from the last result, so where a fresh run starts does not apply. */
  continuing: boolean;
}

const log10 = (v: number) => Math.log10(Math.max(v, 1e-3));

/** Every knob of the optimisation, as small pure updates of the settings. Weights move on a log scale. */
export function StyleControls({ settings, onChange, continuing }: Props) {
  const set =
    <K extends keyof StyleSettings>(key: K) =>
    (value: StyleSettings[K]) =>
      onChange({ ...settings, [key]: value });
  // Only algorithm 3 has a strength: a link of another algorithm carries none.
  const chooseAlgorithm = (algorithm: StyleSettings['algorithm']) => {
    const { strength, ...rest } = settings;
    onChange({ ...rest, algorithm, ...(algorithm === 3 && strength !== undefined ? { strength } : {}) });
  };
  const select = 'max-w-[65%] rounded-md border border-line bg-ink px-2 py-1 text-sm text-white';
  return (
    <>
      <Slider
        label="Size"
        value={settings.size}
        min={128}
        max={1024}
        step={32}
        onChange={set('size')}
        format={(v) => `${v} px`}
        hint="Long side of the result"
      />
      <Slider
        label="Steps"
        value={settings.steps}
        min={10}
        max={1000}
        step={10}
        onChange={set('steps')}
        hint="Adam steps; stop earlier whenever you like the picture"
      />
      {settings.algorithm === 3 && (
        <Slider
          label="Strength"
          value={settings.strength ?? 1}
          min={0}
          max={1}
          step={0.05}
          onChange={set('strength')}
          format={(v) => `${Math.round(v * 100)}%`}
          hint="0 keeps the photo as it is, 100% paints the full style"
          testId="strength"
        />
      )}
      <Slider
        label="Style scale"
        value={settings.styleScale}
        min={0.25}
        max={2}
        step={0.05}
        onChange={set('styleScale')}
        format={(v) => `${v.toFixed(2)}×`}
        hint="The style image's size relative to the result: smaller gives larger strokes"
      />
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
          <Slider
            label="Style weight"
            value={log10(settings.styleWeight)}
            min={1}
            max={5}
            step={0.1}
            onChange={(v) => set('styleWeight')(Math.round(10 ** v))}
            format={() => String(settings.styleWeight)}
            hint="Weight of the Gram-matrix (texture) loss"
          />
          <Slider
            label="Content weight"
            value={log10(settings.contentWeight)}
            min={0}
            max={4}
            step={0.1}
            onChange={(v) => set('contentWeight')(Math.round(10 ** v))}
            format={() => String(settings.contentWeight)}
            hint="Weight of keeping the content's features (mixed3)"
          />
          <Slider
            label="Smoothness"
            value={settings.tvWeight}
            min={0}
            max={100}
            step={1}
            onChange={set('tvWeight')}
            hint="Total-variation weight: less speckle, softer detail"
          />
          <Slider
            label="Learning rate"
            value={settings.learningRate}
            min={1}
            max={20}
            step={0.5}
            onChange={set('learningRate')}
            hint="Adam's step in pixel levels (painted: the same, scaled to its pyramid)"
          />
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
