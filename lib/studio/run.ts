// What a studio's run is to the code that drives it: its status for the page contract, and the control a
// long loop checks every step (lib/hooks/useStudio.ts makes one per run).

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface RunControl {
  /** True once the person pressed Cancel: loops check it every step. */
  readonly cancelled: boolean;
  /** Resolves while paused; loops await it every step. */
  waitIfPaused(): Promise<void>;
  progress(step: number, total: number): void;
}

/** Thrown by a run that stops because it was cancelled: the studio goes back to idle, with no error. */
export class Cancelled extends Error {
  name = 'Cancelled';
}
