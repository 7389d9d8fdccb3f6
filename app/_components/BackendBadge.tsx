'use client';
import type { useBackend } from '@/lib/hooks/useBackend';

type Backend = ReturnType<typeof useBackend>;

const DOT: Record<string, string> = {
  webgpu: 'bg-emerald-400',
  webgl: 'bg-amber-400',
  wasm: 'bg-orange-400',
  cpu: 'bg-rose-400',
};

/** Which backend runs the networks, on what adapter, and why not a faster one. */
export function BackendBadge({ backend }: { backend: Backend }) {
  if (backend.phase === 'starting') {
    return (
      <span data-testid="backend" className="rounded-full border border-line px-3 py-1 text-xs text-muted">
        starting GPU…
      </span>
    );
  }
  if (backend.phase === 'failed') {
    return (
      <span data-testid="backend" className="rounded-full border border-rose-500/50 px-3 py-1 text-xs text-rose-300">
        none: {backend.message}
      </span>
    );
  }
  const { info } = backend;
  return (
    <div className="flex flex-col items-end gap-1 text-right">
      <span className="inline-flex items-center gap-2 rounded-full border border-line bg-panel px-3 py-1 text-xs">
        <span className={`h-2 w-2 rounded-full ${DOT[info.name]}`} aria-hidden />
        <span data-testid="backend" className="font-mono text-white">
          {info.name}
        </span>
        {info.adapter && (
          <span className="max-w-56 truncate text-muted" title={info.adapter}>
            {info.adapter}
          </span>
        )}
        {info.forced && <span className="text-muted">(chosen by ?backend=)</span>}
      </span>
      <span
        data-testid="engine-where"
        className="text-xs text-muted"
        title="The networks run in a Web Worker, so the page stays responsive while they compute"
      >
        {info.where === 'worker' ? 'off the main thread' : 'on the main thread'}
        {info.threads !== undefined && ` · ${info.threads} wasm thread${info.threads === 1 ? '' : 's'}`}
        {!info.isolated && info.name === 'wasm' && ' (no threads: the page is not cross-origin isolated)'}
      </span>
      {info.fallbackReason && (
        <span data-testid="backend-reason" className="max-w-md text-xs text-amber-300/90">
          Not WebGPU: {info.fallbackReason}
        </span>
      )}
      {backend.lost && (
        <span data-testid="backend-lost" className="max-w-md text-xs text-rose-300">
          {backend.lost} Reload the page to try the GPU again.
        </span>
      )}
    </div>
  );
}
