'use client';
import { useState } from 'react';

/** Flags a shared creation for review; enough reports take it out of the gallery. */
export function ReportButton({ id }: { id: string }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | string>('idle');
  const report = async () => {
    if (!confirm('Report this creation as abusive or illegal? It will be reviewed.')) return;
    setState('sending');
    const res = await fetch(`/api/creations/${id}/report`, { method: 'POST' }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { error?: string } | null;
    setState(res?.ok ? 'sent' : (body?.error ?? 'The report could not be sent; try again.'));
  };
  if (state === 'sent') return <span className="text-xs text-muted">Reported. Thank you.</span>;
  return (
    <span className="text-xs">
      <button
        data-testid="report"
        disabled={state === 'sending'}
        onClick={() => void report()}
        className="text-muted hover:text-rose-300"
      >
        Report
      </button>
      {state !== 'idle' && state !== 'sending' && <span className="ml-2 text-rose-300">{state}</span>}
    </span>
  );
}
