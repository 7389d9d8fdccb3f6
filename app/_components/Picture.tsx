'use client';
import type { ReactNode } from 'react';
import type { PictureCanvases } from '@/lib/hooks/usePictureRun';

interface Props extends PictureCanvases {
  /** true while "Hold to compare" is held: the input shows in place of the result */
  comparing: boolean;
  hidden?: boolean;
  /** what lies over the picture (a brush) */
  children?: ReactNode;
}

/** A picture studio's result canvas, the input at the working size over it while compared, and what overlays them. */
export function Picture({ result, original, comparing, hidden, children }: Props) {
  return (
    <div className="relative w-full max-w-[40rem]">
      <canvas
        data-testid="result"
        ref={result}
        className={`block h-auto w-full scroll-mt-20 rounded-lg bg-ink ${hidden ? 'hidden' : ''}`}
        width={1}
        height={1}
      />
      <canvas
        data-testid="original"
        ref={original}
        className={`absolute inset-0 h-full w-full rounded-lg ${comparing ? '' : 'invisible'}`}
        width={1}
        height={1}
      />
      {children}
    </div>
  );
}

/** Shows the input in place of the result while pressed. */
export function HoldToCompare({ onHold }: { onHold: (held: boolean) => void }) {
  return (
    <button
      data-testid="hold-to-compare"
      onPointerDown={() => onHold(true)}
      onPointerUp={() => onHold(false)}
      onPointerLeave={() => onHold(false)}
      // A keyboard holds it as a pointer does: Space or Enter down shows the input, up (or leaving) the result.
      onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && !e.repeat && onHold(true)}
      onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && onHold(false)}
      onBlur={() => onHold(false)}
      className="rounded-md border border-line px-3 py-1.5"
    >
      Hold to compare
    </button>
  );
}
