'use client';
import { useEffect, useState } from 'react';
import { pageEngine } from '../engine/client';
import type { BackendInfo } from '../engine/protocol';

export type BackendState =
  { phase: 'starting' } | { phase: 'ready'; info: BackendInfo; lost?: string } | { phase: 'failed'; message: string };

/**
 * The engine's backend: started once per page (honouring ?backend=). After a lost GPU device the engine moves to
 * the next backend by itself; the state then carries what happened, for the badge.
 */
export function useBackend(): BackendState {
  const [state, setState] = useState<BackendState>({ phase: 'starting' });
  useEffect(() => {
    let alive = true;
    const unsubscribe: (() => void)[] = [];
    void pageEngine().then((engine) => {
      if (!alive) return;
      let lost: string | undefined;
      unsubscribe.push(
        engine.onDeviceLost((message) => (lost = message)),
        engine.onBackend((info) => alive && setState({ phase: 'ready', info, lost })),
        // A crashed engine is restarted and reports its backend again; until then the badge says what happened.
        engine.onCrash((message) => alive && setState({ phase: 'failed', message })),
      );
      engine.backend.then(
        (info) => alive && setState({ phase: 'ready', info }),
        (e: unknown) => alive && setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    });
    return () => {
      alive = false;
      unsubscribe.forEach((u) => u());
    };
  }, []);
  return state;
}
