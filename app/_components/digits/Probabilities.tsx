'use client';

/** A digit classifier's ten probabilities as bars, each with its value (test ids `<testId>-<digit>`). */
export function Probabilities({ values, testId = 'probabilities' }: { values: Float32Array; testId?: string }) {
  return (
    <div data-testid={testId} className="space-y-0.5">
      {Array.from(values, (p, d) => (
        <div key={d} className="flex items-center gap-2 text-xs">
          <span className="w-3 text-white">{d}</span>
          <div className="h-2.5 flex-1 rounded bg-line">
            <div className="h-2.5 rounded bg-accent" style={{ width: `${100 * p}%` }} />
          </div>
          <span data-testid={`${testId}-${d}`} className="w-12 text-right font-mono text-muted">
            {p.toFixed(3)}
          </span>
        </div>
      ))}
    </div>
  );
}
