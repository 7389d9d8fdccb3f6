'use client';
import { useCallback, useRef, useState } from 'react';
import { readableError } from '../tf/errors';
import { LongTaskMeter } from '../tf/longtasks';

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface RunControl {
  /** True once the person pressed Cancel: loops check it every step. */
  readonly cancelled: boolean;
  /** Resolves while paused; loops await it every step. */
  waitIfPaused(): Promise<void>;
  progress(step: number, total: number): void;
}

export class Cancelled extends Error {
  name = 'Cancelled';
}

/** The page contract's status and error, a cancellable/pausable run, and the longest main-thread task. */
export function useStudioRun() {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ step: number; total: number } | null>(null);
  const [longestTaskMs, setLongestTaskMs] = useState<number | null>(null);
  const control = useRef<{ cancelled: boolean; paused: boolean; resume: (() => void) | null } | null>(null);

  const run = useCallback(async (work: (c: RunControl) => Promise<void>, workingSize?: number) => {
    if (control.current) control.current.cancelled = true;
    const state = { cancelled: false, paused: false, resume: null as (() => void) | null };
    control.current = state;
    const meter = new LongTaskMeter();
    setError(null);
    setStatus('running');
    setProgress(null);
    meter.start();
    try {
      await work({
        get cancelled() {
          return state.cancelled;
        },
        waitIfPaused: () => (state.paused ? new Promise<void>((r) => (state.resume = r)) : Promise.resolve()),
        progress: (step, total) => {
          if (!state.cancelled) setProgress({ step, total });
        },
      });
      if (control.current === state) setStatus(state.cancelled ? 'idle' : 'done');
    } catch (e) {
      if (control.current !== state) return;
      if (e instanceof Cancelled || state.cancelled) setStatus('idle');
      else {
        setError(readableError(e, workingSize));
        setStatus('error');
      }
    } finally {
      if (control.current === state) setLongestTaskMs(meter.stop());
    }
  }, []);

  const cancel = useCallback(() => {
    const s = control.current;
    if (!s) return;
    s.cancelled = true;
    s.resume?.();
    setStatus('idle');
  }, []);

  const pause = useCallback(() => {
    if (control.current) control.current.paused = true;
    setStatus('paused');
  }, []);

  const resume = useCallback(() => {
    const s = control.current;
    if (!s) return;
    s.paused = false;
    s.resume?.();
    s.resume = null;
    setStatus('running');
  }, []);

  const fail = useCallback((message: string) => {
    setError(message);
    setStatus('error');
  }, []);

  /** Back to idle with no error (a new input replaced the one that failed). */
  const reset = useCallback(() => {
    setError(null);
    setStatus((s) => (s === 'error' ? 'idle' : s));
  }, []);

  return { status, reset, error, fail, progress, longestTaskMs, run, cancel, pause, resume };
}
