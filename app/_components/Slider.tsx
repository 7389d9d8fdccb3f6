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
}

export function Slider({ label, value, min, max, step, onChange, hint, format, testId }: Props) {
  return (
    <label className="block text-sm">
      <span className="flex justify-between text-muted">
        <span title={hint}>{label}</span>
        <span className="font-mono text-white">{format ? format(value) : value}</span>
      </span>
      <input
        type="range"
        data-testid={testId}
        className="mt-1 w-full accent-[var(--color-accent)]"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}
