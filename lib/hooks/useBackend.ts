'use client';
import { useEffect, useState } from 'react';
import { type EngineClient, pageEngine, parseBackendParam } from '../engine/client';
import type { BackendInfo } from '../engine/protocol';

export type BackendState =
  | { phase: 'starting' }
  | { phase: 'ready'; info: BackendInfo }
  | { phase: 'lost'; info: BackendInfo; message: string }
  | { phase: 'failed'; message: string };

/** The engine's backend: started once per page (honouring ?backend=), watched for device loss. */
export function useBackend(): BackendState & { recover: () => Promise<void> } {
  const [state, setState] = useState<BackendState>({ phase: 'starting' });
  const [client, setClient] = useState<EngineClient | null>(null);
  useEffect(() => {
    let alive = true;
    let unsubscribe = () => {};
    void pageEngine(parseBackendParam(location.search)).then((engine) => {
      if (!alive) return;
      setClient(engine);
      unsubscribe = engine.onDeviceLost((message) => setState((s) => (s.phase === 'ready' ? { phase: 'lost', info: s.info, message } : s)));
      engine.backend.then(
        (info) => alive && setState({ phase: 'ready', info }),
        (e: unknown) => alive && setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, []);
  const recover = async () => {
    if (client) setState({ phase: 'ready', info: await client.recover() });
  };
  return { ...state, recover };
}
