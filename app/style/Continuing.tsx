'use client';
// The controls of a run that goes on from a picture: the note that Paint starts from the last result, and Stop here.

/** Paint goes on from the last result until the person starts afresh. */
export function StartsFromNote({ onClear }: { onClear: () => void }) {
  return (
    <p
      data-testid="starts-from"
      className={
        'flex items-center justify-between gap-2 rounded-md border border-accent/40 px-3 py-1.5 text-sm text-muted'
      }
    >
      Paint goes on from the last result
      <button onClick={onClear} className="text-xs hover:text-white">
        start afresh
      </button>
    </p>
  );
}

/** Ends the run where it is and keeps the picture (its recipe records where it stopped). */
export function StopHere({ onStop }: { onStop: () => void }) {
  return (
    <button
      data-testid="stop-here"
      onClick={onStop}
      className="rounded-lg border border-emerald-500/50 px-4 py-2 text-emerald-200"
      title="Keep the picture as it is now"
    >
      Stop here
    </button>
  );
}
