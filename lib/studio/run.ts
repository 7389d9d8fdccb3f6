// What a studio's run is to the code that drives it: its status for the page contract, and the control
// lib/hooks/useStudio.ts makes for each run, through which the run sends its plans to the engine.
import type { Frame, Plan } from '../engine/protocol';

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface RunControl {
  /** True once the person pressed Cancel. */
  readonly cancelled: boolean;
  /**
   * Runs a plan on the page's engine as part of this run: its frames go to `onFrame` and set the progress, and
   * Pause, Resume, Cancel and Finish reach it. Resolves to its last frame; rejects with Cancelled after Cancel.
   */
  engine<P extends Plan>(plan: P, onFrame?: (frame: Frame<P['kind']>) => void): Promise<Frame<P['kind']>>;
}
