'use client';
import { Slider } from './Slider';

/** The keys of S whose values are numbers (or absent numbers). */
type NumberKey<S> = { [K in keyof S]-?: NonNullable<S[K]> extends number ? K : never }[keyof S];

/** A numeric setting as data: the slider that moves it. */
export interface SliderSpec<S> {
  key: NumberKey<S>;
  label: string;
  min: number;
  max: number;
  step: number;
  format?: (value: number) => string;
  hint?: string;
  testId?: string;
  /** the value a setting that is absent shows */
  absent?: number;
  /** the slider moves the value's base-10 logarithm (weights over orders of magnitude); values are whole numbers */
  log?: boolean;
}

interface Props<S> {
  specs: SliderSpec<S>[];
  settings: S;
  onChange: (patch: Partial<S>) => void;
}

/** One slider per spec, each a small pure update of one setting. */
export function SettingSliders<S>({ specs, settings, onChange }: Props<S>) {
  return specs.map(({ key, log, absent, format, ...slider }) => {
    const value = (settings[key] as number | undefined) ?? absent ?? 0;
    return (
      <Slider
        key={String(key)}
        {...slider}
        value={log ? Math.log10(Math.max(value, 1e-3)) : value}
        onChange={(v) => onChange({ [key]: log ? Math.round(10 ** v) : v } as Partial<S>)}
        format={log ? () => String(value) : format}
      />
    );
  });
}
