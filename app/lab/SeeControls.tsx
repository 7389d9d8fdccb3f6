'use client';
import { SEE_CLASS_STARTS, type SeeClassStart } from '@/models/classifier/settings';

interface Props {
  target: number;
  onTarget: (digit: number) => void;
  from: SeeClassStart;
  onFrom: (start: SeeClassStart) => void;
  disabled: boolean;
  onRun: () => void;
}

/** "Make it see": the digit the network should see, and where the pixels start from. */
export function SeeControls({ target, onTarget, from, onFrom, disabled, onRun }: Props) {
  return (
    <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
      <p className="text-muted">Make it see: change the pixels, step by step, until the network sees this digit.</p>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Digit to see">
        {Array.from({ length: 10 }, (_, d) => (
          <button
            key={d}
            data-testid={`target-${d}`}
            onClick={() => onTarget(d)}
            className={`h-8 w-8 rounded-md ${d === target ? 'bg-accent text-ink' : 'border border-line'}`}
          >
            {d}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap gap-3 text-xs text-muted" role="radiogroup" aria-label="Start from">
        {SEE_CLASS_STARTS.map((start) => (
          <label key={start} className="flex items-center gap-1">
            <input
              type="radio"
              data-testid={`see-from-${start}`}
              checked={from === start}
              onChange={() => onFrom(start)}
            />
            {start === 'drawing' ? 'from your digit' : start === 'blank' ? 'from black' : 'from noise'}
          </label>
        ))}
      </div>
      <button
        data-testid="run"
        disabled={disabled}
        onClick={onRun}
        className="rounded-lg bg-accent px-4 py-2 font-medium text-ink disabled:opacity-40"
      >
        Make it see {target}
      </button>
    </div>
  );
}
