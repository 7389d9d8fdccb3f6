'use client';
import type { ReactNode } from 'react';
import type { useBackend } from '@/lib/hooks/useBackend';
import type { ModelState } from '@/lib/hooks/useModel';
import type { StudioId } from '@/lib/share/recipe';
import type { RunStatus } from '@/lib/studio/run';
import { studioById } from '@/lib/studio/studios';
import { BackendBadge } from './BackendBadge';
import { ModelStatus } from './ModelStatus';

const STATUS_STYLE: Record<RunStatus, string> = {
  idle: 'text-muted border-line',
  loading: 'text-sky-300 border-sky-500/40',
  running: 'text-accent border-accent/50 animate-pulse',
  paused: 'text-amber-300 border-amber-500/40',
  done: 'text-emerald-300 border-emerald-500/40',
  error: 'text-rose-300 border-rose-500/50',
};

interface Props {
  /** Its heading and lines come from the studio's definition (lib/studio/studios.ts). */
  studio: StudioId;
  backend: ReturnType<typeof useBackend>;
  /** The studio's model, loading or ready, shown above its controls under `modelTitle`. */
  model: ModelState;
  modelTitle: string;
  status: RunStatus;
  error: string | null;
  notice?: ReactNode;
  progress?: { step: number; total: number; preparing?: boolean } | null;
  longestTaskMs?: number | null;
  /** Tensors the run engine held after the last run: the same after every run unless memory leaks. */
  numTensors?: number | null;
  controls: ReactNode;
  result: ReactNode;
}

/** The page contract every studio shares: backend badge, status, error, controls beside the result. */
export function StudioFrame({
  studio,
  backend,
  model,
  modelTitle,
  status,
  error,
  notice,
  progress,
  longestTaskMs,
  numTensors,
  controls,
  result,
}: Props) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-serif text-4xl text-white">{studioById(studio).title}</h1>
          <p className="mt-1 max-w-2xl text-muted">{studioById(studio).tagline}</p>
        </div>
        <BackendBadge backend={backend} />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span
          data-testid="status"
          className={`rounded-full border px-3 py-0.5 font-mono text-xs ${STATUS_STYLE[status]}`}
        >
          {status}
        </span>
        {progress?.preparing && (
          <span
            data-testid="preparing"
            className="flex items-center gap-2 text-xs text-muted"
            title="Compiling this run's GPU programs once, so its steps run without stalls"
          >
            <span className="h-1.5 w-40 animate-pulse rounded-full bg-accent/60" />
            preparing the GPU…
          </span>
        )}
        {progress && !progress.preparing && (
          <span className="flex items-center gap-2 text-xs text-muted">
            <span className="h-1.5 w-40 overflow-hidden rounded-full bg-line">
              <span
                className="block h-full bg-accent transition-all"
                style={{ width: `${(100 * progress.step) / progress.total}%` }}
              />
            </span>
            step {progress.step} / {progress.total}
          </span>
        )}
        {longestTaskMs !== null && longestTaskMs !== undefined && (
          <span
            className="text-xs text-muted"
            title="Longest time the page could not respond during the last run (Long Tasks API)"
          >
            longest main-thread task <span data-testid="longest-task">{longestTaskMs}</span> ms
          </span>
        )}
        {numTensors !== null && numTensors !== undefined && (
          <span
            className="text-xs text-muted"
            title={
              "Tensors the engine holds between runs (its models' weights and kept state); " +
              'a number that grows run after run would be a leak'
            }
          >
            <span data-testid="tensors">{numTensors}</span> tensors held
          </span>
        )}
      </div>
      {error && (
        <div
          data-testid="error"
          role="alert"
          className="rounded-lg border border-rose-500/40 bg-rose-950/40 px-4 py-3 text-rose-200"
        >
          {error}
        </div>
      )}
      {notice && (
        <div className="rounded-lg border border-amber-500/30 bg-amber-950/30 px-4 py-3 text-amber-100">{notice}</div>
      )}
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        {/* On a phone the picture comes first and the controls follow it. */}
        <aside
          data-testid="controls-panel"
          className="order-2 space-y-5 rounded-xl border border-line bg-panel p-5 lg:order-none"
        >
          <ModelStatus state={model} title={modelTitle} />
          {controls}
        </aside>
        <section
          data-testid="result-panel"
          className="order-1 min-h-96 rounded-xl border border-line bg-panel/60 p-5 lg:order-none"
        >
          {result}
        </section>
      </div>
    </div>
  );
}
