'use client';
import { useEffect, useState } from 'react';
import { type ModelEntry, totalBytes } from '../../models/registry';
import { pageEngine } from '../engine/client';
import type { ModelKey } from '../engine/protocol';
import { keyOf, ownRefOf } from '../share/model-ref';
import { ownModelWeights } from '../store/model-files';
import type { RunStatus } from '../studio/run';

export type ModelState =
  | { phase: 'waiting' } // for the backend
  | { phase: 'not-trained'; entry: ModelEntry }
  | { phase: 'loading'; loaded: number; total: number }
  | { phase: 'ready'; model: ModelKey }
  | { phase: 'error'; message: string };

/** The page contract's status: a studio that is idle while its model loads says "loading". */
export function studioStatus(run: RunStatus, model: ModelState): RunStatus {
  return run === 'idle' && (model.phase === 'loading' || model.phase === 'waiting') ? 'loading' : run;
}

/**
 * Has the engine load a model (a registry model, or a person's own) once the backend is up (`backend`: its name, or
 * null while none is ready), and again on another backend (after a lost GPU the weights must live there). Ready
 * means the engine holds it: plans name it by `model`.
 */
export function useModel(entry: ModelEntry, backend: string | null): ModelState {
  const backendReady = backend !== null;
  // The state is kept with the entry and backend it belongs to: after a switch, the last one must not be
  // reported ready while the next one loads.
  const key = `${entry.id}@${entry.version}@${backend}`;
  const [loaded, setLoaded] = useState<{ key: string; state: ModelState } | null>(null);
  useEffect(() => {
    if (!backendReady || entry.status !== 'ready') return;
    let alive = true;
    const setState = (state: ModelState) => alive && setLoaded({ key, state });
    const model: ModelKey = keyOf(entry);
    const own = ownRefOf(entry);
    const progress = (bytes: number, total: number) => setState({ phase: 'loading', loaded: bytes, total });
    // A person's own model: its file is in this browser's keeping or fetched from where the link says.
    void Promise.all([pageEngine(), own && ownModelWeights(own)])
      .then(([engine, weights]) => engine.load(model, progress, weights ?? undefined))
      .then(
        () => setState({ phase: 'ready', model }),
        (e: unknown) => setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      alive = false;
    };
    // the key names everything the load depends on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (entry.status !== 'ready') return { phase: 'not-trained', entry };
  if (loaded?.key === key) return loaded.state;
  // Between the backend coming up and the first bytes arriving, the model is already loading.
  return backendReady ? { phase: 'loading', loaded: 0, total: totalBytes(entry) } : { phase: 'waiting' };
}
