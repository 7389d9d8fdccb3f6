// What the engine (lib/engine/engine.ts) gives a runner.
import type { Frame, ModelKey } from '../protocol';

/** What a runner (lib/engine/runners/) gets: the models, and a way to show a frame that also pauses and stops it. */
export interface RunContext {
  model<M>(key: ModelKey): Promise<M>;
  /**
   * Sends a frame, yields so the page can draw it and take clicks, and waits while paused. Returns false once the
   * run should stop: after cancel (the runner throws Cancelled) or finish (the runner returns what it has).
   */
  show(frame: Frame): Promise<boolean>;
  /** Between two steps that show nothing: takes the page's Pause, Resume, Stop and Cancel as show() does. */
  between(): Promise<boolean>;
  /**
   * Compiles the GPU programs `work` meets (lib/engine/warm-up.ts), once per backend and `shapes` (a key naming the
   * run's shapes), telling the page it is preparing the GPU; a no-op on wasm and cpu.
   */
  prepare(shapes: string, work: () => void): Promise<void>;
  readonly cancelled: boolean;
}
