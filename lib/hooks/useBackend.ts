'use client';
import { useEffect, useState } from 'react';
import { type BackendInfo, initBackend, onDeviceLost, parseBackendParam, recoverFromDeviceLoss } from '../tf/backend';

export type BackendState =
  | { phase: 'starting' }
  | { phase: 'ready'; info: BackendInfo }
  | { phase: 'lost'; info: BackendInfo; message: string }
  | { phase: 'failed'; message: string };

/** The page's tfjs backend: started once (honouring ?backend=), watched for device loss. */
export function useBackend(): BackendState & { recover: () => Promise<void> } {
  const [state, setState] = useState<BackendState>({ phase: 'starting' });
  useEffect(() => {
    let alive = true;
    initBackend(parseBackendParam(location.search)).then(
      (info) => alive && setState({ phase: 'ready', info }),
      (e: unknown) => alive && setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    const unsubscribe = onDeviceLost((message) => setState((s) => (s.phase === 'ready' ? { phase: 'lost', info: s.info, message } : s)));
    return () => {
      alive = false;
      unsubscribe();
    };
  }, []);
  const recover = async () => setState({ phase: 'ready', info: await recoverFromDeviceLoss() });
  return { ...state, recover };
}
