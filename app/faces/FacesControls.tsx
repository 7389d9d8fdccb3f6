'use client';
import { Slider } from '../_components/Slider';

interface Props {
  truncation: number;
  onTruncation: (truncation: number) => void;
  ready: boolean;
  picks: number;
  frames: number;
  onNewFaces: () => void;
  onRedraw: () => void;
  onBlend: () => void;
  onArithmetic: () => void;
}

/** Truncation, new faces or the same again, and what to do with the picked faces. */
export function FacesControls(p: Props) {
  return (
    <>
      <Slider
        label="Truncation"
        value={p.truncation}
        min={0}
        max={2}
        step={0.1}
        onChange={p.onTruncation}
        format={(t) => (t === 0 ? 'off' : `${t.toFixed(1)} σ`)}
        hint="Redraw latent values beyond this many standard deviations: plainer, more typical faces"
      />
      <div className="flex flex-wrap gap-2">
        <button
          data-testid="run"
          disabled={!p.ready}
          onClick={p.onNewFaces}
          className="rounded-lg bg-accent px-5 py-2 font-medium text-ink disabled:opacity-40"
        >
          New faces
        </button>
        <button
          data-testid="redraw"
          disabled={!p.ready}
          onClick={p.onRedraw}
          className="rounded-lg border border-line px-4 py-2 disabled:opacity-40"
        >
          Redraw
        </button>
      </div>
      <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
        <p className="text-muted">Click faces to pick them (up to three: A, B, C).</p>
        <button
          data-testid="interpolate"
          disabled={p.picks < 2}
          onClick={p.onBlend}
          className="w-full rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
        >
          Blend A → B ({p.frames} frames, slerp)
        </button>
        <button
          data-testid="arithmetic"
          disabled={p.picks < 3}
          onClick={p.onArithmetic}
          className="w-full rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
        >
          A − B + C
        </button>
        <p className="text-xs text-muted">
          Radford et al.&apos;s recipe: A = a man with glasses, B = a man without, C = a woman: A − B + C tends towards
          a woman with glasses. Averaging a few faces of each kind works better than one.
        </p>
      </div>
    </>
  );
}
