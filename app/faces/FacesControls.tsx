'use client';
import { MAX_FACE_PULL } from '@/lib/share/recipe';
import { Slider } from '../_components/Slider';

/** How many candidates per seed the judge may choose among; 1 shows each seed's own face. */
export const CANDIDATE_CHOICES = [1, 4, 8, 16] as const;

interface Props {
  candidates: number;
  onCandidates: (k: number) => void;
  pull: number;
  /** null: these weights have no good faces' mean to pull toward (models/dcgan-faces/good-faces.ts). */
  onPull: ((pull: number) => void) | null;
  /** An older link's truncation toward zero, kept until the pull is moved. */
  truncation: number;
  ready: boolean;
  picks: number;
  frames: number;
  onNewFaces: () => void;
  onRedraw: () => void;
  onBlend: () => void;
  onArithmetic: () => void;
}

/** The judge's candidates, the pull toward good faces, new faces or the same again, and what to do with the picked
 * faces. */
export function FacesControls(p: Props) {
  return (
    <>
      <label className="flex items-center justify-between text-sm text-muted">
        Faces tried per seed
        <select
          data-testid="candidates"
          value={p.candidates}
          onChange={(e) => p.onCandidates(Number(e.target.value))}
          className="rounded-md border border-line bg-ink px-2 py-1 text-sm text-white"
        >
          {CANDIDATE_CHOICES.map((k) => (
            <option key={k} value={k}>
              {k === 1 ? '1 (no judge)' : `${k}, the judge picks`}
            </option>
          ))}
        </select>
      </label>
      <p className="text-xs text-muted">
        The face judge, a small network trained on faces a person marked as broken or not, shows the best formed of each
        seed&apos;s faces. More tries: fewer broken faces, and less variety (more frontal, smiling faces).
      </p>
      <Slider
        label="Toward good faces"
        value={p.pull}
        min={0}
        max={MAX_FACE_PULL}
        step={0.05}
        onChange={(pull) => p.onPull?.(pull)}
        disabled={!p.onPull}
        format={(a) => (a === 0 ? 'off' : a.toFixed(2))}
        testId="pull"
      />
      <p className="text-xs text-muted">
        {p.onPull
          ? 'Turns every face toward the average of the faces the judge rates best. With "1 (no judge)" higher ' +
            'gives fewer broken faces and faces more alike; with the judge picking it mends little. Off keeps the ' +
            "generator's variety."
          : 'These weights have no average of good faces to turn toward.'}
        {p.truncation > 0 &&
          ` These faces also redraw latent numbers beyond ${p.truncation} σ, as an older link asked` +
            (p.onPull ? '; moving the slider drops that.' : '.')}
      </p>
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
