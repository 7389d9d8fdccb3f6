'use client';
import { useEffect, useState } from 'react';
import type { ModelFiles } from '../../models/core/files';
import { type ModelEntry, totalBytes } from '../../models/registry';
import { browserModelFiles } from '../models/loader';
import type { RunStatus } from '../studio/run';

interface Loadable {
  load(): Promise<void>;
  dispose(): void;
}

export type ModelState<M> =
  | { phase: 'waiting' } // for the backend
  | { phase: 'not-trained'; entry: ModelEntry }
  | { phase: 'loading'; loaded: number; total: number }
  | { phase: 'ready'; model: M }
  | { phase: 'error'; message: string };

/** The page contract's status: a studio that is idle while its model loads says "loading". */
export function studioStatus(run: RunStatus, model: ModelState<unknown>): RunStatus {
  return run === 'idle' && (model.phase === 'loading' || model.phase === 'waiting') ? 'loading' : run;
}

/**
 * Loads a registry model once the backend is up, and again on another backend (after a lost GPU the
 * page moves to WebGL and the weights must live there); disposes it when the component goes away.
 * `backend` is the active backend's name, or null while none is ready.
 */
export function useModel<M extends Loadable>(entry: ModelEntry, create: (files: ModelFiles) => M, backend: string | null): ModelState<M> {
  const backendReady = backend !== null;
  // The state is kept with the entry and backend it belongs to: after a switch, the last model (already
  // disposed) must not be handed out as ready while the next one loads.
  const key = `${entry.id}@${entry.version}@${backend}`;
  const [loaded, setLoaded] = useState<{ key: string; state: ModelState<M> } | null>(null);
  useEffect(() => {
    if (!backendReady || entry.status !== 'ready') return;
    let alive = true;
    const total = totalBytes(entry);
    const setState = (state: ModelState<M>) => setLoaded({ key, state });
    const model = create(browserModelFiles(entry, (bytes) => alive && setState({ phase: 'loading', loaded: bytes, total })));
    model.load().then(
      () => (alive ? setState({ phase: 'ready', model }) : model.dispose()),
      (e: unknown) => alive && setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
      model.dispose();
    };
    // create is a constructor wrapper; the entry decides what loads
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (entry.status !== 'ready') return { phase: 'not-trained', entry };
  if (loaded?.key === key) return loaded.state;
  // Between the backend coming up and the first bytes arriving, the model is already loading.
  return backendReady ? { phase: 'loading', loaded: 0, total: totalBytes(entry) } : { phase: 'waiting' };
}
