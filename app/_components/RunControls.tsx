'use client';
import type { ReactNode } from 'react';
import type { RunStatus } from '@/lib/studio/run';

interface Props {
  studio: { state: { status: RunStatus }; busy: boolean; pause: () => void; resume: () => void; cancel: () => void };
  /** the start button's word: Dream, Paint */
  label: string;
  disabled: boolean;
  onRun: () => void;
  /** more buttons shown while a run is going (Stop here) */
  whileBusy?: ReactNode;
}

/** Start, then Pause / Resume / Cancel while the run goes: the same controls in every image studio. */
export function RunControls({ studio, label, disabled, onRun, whileBusy }: Props) {
  const { busy, state } = studio;
  return (
    <div className="flex flex-wrap gap-2">
      {!busy && (
        <button
          data-testid="run"
          disabled={disabled}
          onClick={onRun}
          className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
        >
          {label}
        </button>
      )}
      {state.status === 'running' && (
        <button data-testid="pause" onClick={studio.pause} className="rounded-lg border border-line px-4 py-2">
          Pause
        </button>
      )}
      {state.status === 'paused' && (
        <button data-testid="resume" onClick={studio.resume} className="rounded-lg border border-line px-4 py-2">
          Resume
        </button>
      )}
      {busy && whileBusy}
      {busy && (
        <button
          data-testid="cancel"
          onClick={studio.cancel}
          className="rounded-lg border border-rose-500/50 px-4 py-2 text-rose-200"
        >
          Cancel
        </button>
      )}
    </div>
  );
}
