'use client';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  hint?: string;
  format?: (value: number) => string;
  testId?: string;
  disabled?: boolean;
}

export function Slider({ label, value, min, max, step, onChange, hint, format, testId, disabled }: Props) {
  return (
    <label className="block text-sm">
      <span className="flex justify-between text-muted">
        <span title={hint}>{label}</span>
        <span className="font-mono text-white">{format ? format(value) : value}</span>
      </span>
      <input
        type="range"
        data-testid={testId}
        className="mt-1 w-full accent-[var(--color-accent)] disabled:opacity-40"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}
