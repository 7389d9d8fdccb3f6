'use client';
import type { Segment } from './voices';

/** The text on screen: the prime greyed, what the network wrote, forced characters marked; a cursor while writing. */
export function WrittenText({ segments, writing }: { segments: Segment[]; writing: boolean }) {
  return (
    <pre
      data-testid="result"
      className={
        'max-h-[32rem] min-h-64 overflow-auto whitespace-pre-wrap rounded-lg ' +
        'bg-ink p-4 font-mono text-sm leading-relaxed'
      }
    >
      {segments.map((s, i) => (
        <span
          key={i}
          className={
            s.kind === 'prime'
              ? 'text-muted'
              : s.kind === 'forced'
                ? 'rounded-sm bg-accent/30 text-accent underline'
                : 'text-white'
          }
          title={s.kind === 'forced' ? 'forced by you' : undefined}
        >
          {s.text}
        </span>
      ))}
      {writing && <span className="animate-pulse text-accent">▌</span>}
    </pre>
  );
}
