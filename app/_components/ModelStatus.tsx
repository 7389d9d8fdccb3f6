'use client';
import Link from 'next/link';
import type { ModelState } from '@/lib/hooks/useModel';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Loading progress in bytes, or an honest word when the model does not exist yet. */
export function ModelStatus({ state, title }: { state: ModelState; title: string }) {
  switch (state.phase) {
    case 'waiting':
      return <p className="text-sm text-muted">{title}: waiting for the GPU…</p>;
    case 'not-trained':
      return (
        <p data-testid="model-status" className="rounded-lg border border-line bg-ink/60 p-3 text-sm text-muted">
          <strong className="text-white">{title}: model not trained yet.</strong> This studio opens as soon as we ship
          weights we trained ourselves; see the{' '}
          <Link className="underline" href="/about">
            model cards
          </Link>
          .
        </p>
      );
    case 'loading':
      return (
        <div className="text-sm text-muted">
          Loading {title}: {mb(state.loaded)} of {mb(state.total)}
          <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-line">
            <div
              className="h-full bg-sky-400 transition-all"
              style={{ width: `${(100 * state.loaded) / Math.max(1, state.total)}%` }}
            />
          </div>
        </div>
      );
    case 'ready':
      return (
        <p data-testid="model-status" className="text-sm text-emerald-300/80">
          {title} ready
        </p>
      );
    case 'error':
      return null; // shown in the page's error box
  }
}
