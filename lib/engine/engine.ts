/**
 * The run engine: the one place outside models/ where tensors live. It starts the backend, owns every model,
 * resolves a plan's images to tensors and runs the plan, sending frames back; pause, resume, cancel and finish
 * arrive as messages. It runs in the engine's Worker (lib/engine/worker.ts) and speaks only lib/engine/protocol.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { within } from '../promises';
import { initBackend, onDeviceLost, recoverFromDeviceLoss } from './backend';
import { Cancelled, readableError } from './errors';
import { ModelShelf } from './models';
import type { Frame, FromEngine, Plan, ToEngine } from './protocol';
import type { RunContext } from './runners/context';
import { runPlan } from './runners';
import { compileOnly, warmUpPays } from './warm-up';

interface Running {
  cancelled: boolean;
  finishing: boolean;
  paused: boolean;
  resume: (() => void) | null;
}

/** Lets the page draw between frames of an image run, and take clicks between flushes of a text run. */
const yieldToPage = (image: boolean) =>
  new Promise<void>((resolve) =>
    image && typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => resolve())
      : setTimeout(resolve, 0),
  );

/**
 * Closes a frame's bitmap. The Worker transfers a sent frame's bitmap to the page (lib/engine/worker.ts), which
 * leaves the engine's handle empty and this a no-op; a frame dropped after cancel is freed here.
 */
const closeImage = (frame: Frame) => frame.image?.close();

export class Engine {
  private readonly shelf = new ModelShelf();
  private readonly runs = new Map<number, Running>();
  /** The move to another backend after a lost GPU device, resolving to what the page is told. */
  private recovering: Promise<string> | null = null;
  /** Called when a device loss is reported, for a failed run waiting to learn whether that was why. */
  private lossReported: (() => void) | null = null;
  /** Whether runs compile their GPU programs first (the page's choice), and the shapes already compiled, by backend. */
  private warmUp = true;
  private readonly compiled = new Set<string>();

  constructor(private readonly send: (message: FromEngine) => void) {}

  handle(message: ToEngine): void {
    switch (message.type) {
      case 'start':
        this.warmUp = message.choice.warmUp;
        initBackend(message.choice).then(
          (info) => this.send({ type: 'backend', info }),
          (e: unknown) => this.send({ type: 'backend-failed', message: readableError(e) }),
        );
        onDeviceLost((text) => this.recover(text));
        return;
      case 'load':
        this.shelf
          .get(
            message.model,
            (loaded, total) => this.send({ type: 'loading', id: message.id, loaded, total }),
            message.own,
          )
          .then(
            () => this.send({ type: 'loaded', id: message.id }),
            (e: unknown) =>
              this.send({
                type: 'failed',
                id: message.id,
                message: readableError(e),
                cancelled: false,
                numTensors: tf.memory().numTensors,
              }),
          );
        return;
      case 'run':
        void this.run(message.id, message.plan);
        return;
      default:
        this.control(message.id, message.type);
    }
  }

  /** A lost GPU device: the engine moves to the next backend by itself and tells the page; models load again there. */
  private recover(message: string) {
    this.shelf.disposeAll();
    this.lossReported?.();
    this.recovering = recoverFromDeviceLoss().then(
      (info) => {
        const told = `${message} The engine moved to ${info.name}: run again.`;
        this.send({ type: 'device-lost', message: told });
        this.send({ type: 'backend', info });
        return told;
      },
      (e: unknown) => {
        this.send({ type: 'backend-failed', message: readableError(e) });
        return `${message} ${readableError(e)}`;
      },
    );
  }

  /**
   * Why a run failed, when it was the GPU device going: the loss is reported a moment after the run's own error
   * (a read from a destroyed buffer), so a run that fails on WebGPU waits up to 3 s for it.
   */
  private async lossBehind(): Promise<string | null> {
    if (this.recovering || tf.getBackend() !== 'webgpu') return this.recovering;
    await within(new Promise<void>((reported) => (this.lossReported = reported)), 3000, null);
    this.lossReported = null;
    return this.recovering;
  }

  private control(id: number, action: 'pause' | 'resume' | 'cancel' | 'finish') {
    const run = this.runs.get(id);
    if (!run) return;
    if (action === 'pause') run.paused = true;
    else {
      if (action === 'cancel') run.cancelled = true;
      if (action === 'finish') run.finishing = true;
      run.paused = false;
      run.resume?.();
      run.resume = null;
    }
  }

  private async run(id: number, plan: Plan) {
    const state: Running = { cancelled: false, finishing: false, paused: false, resume: null };
    this.runs.set(id, state);
    const whilePaused = async () => {
      while (state.paused) await new Promise<void>((resume) => (state.resume = resume));
    };
    const context: RunContext = {
      model: (key) => this.shelf.get(key),
      show: async (frame) => {
        // A paused run sends nothing more until it resumes: the page sees at most the frame already on its way.
        await whilePaused();
        if (state.cancelled) {
          closeImage(frame);
          return false;
        }
        this.send({ type: 'frame', id, frame });
        closeImage(frame);
        await yieldToPage(frame.image !== undefined);
        await whilePaused();
        return !state.cancelled && !state.finishing;
      },
      between: async () => {
        await yieldToPage(false); // the control messages sent since the last step are read now
        await whilePaused();
        return !state.cancelled && !state.finishing;
      },
      prepare: async (shapes, work) => {
        const key = `${tf.getBackend()} ${shapes}`;
        if (!this.warmUp || !warmUpPays() || this.compiled.has(key)) return;
        this.send({ type: 'preparing', id });
        await compileOnly(work);
        this.compiled.add(key);
      },
      get cancelled() {
        return state.cancelled;
      },
    };
    this.recovering = null;
    try {
      const result = await runPlan(context, plan);
      if (state.cancelled) throw new Cancelled();
      this.send({ type: 'done', id, frame: result, numTensors: tf.memory().numTensors });
      closeImage(result);
    } catch (e) {
      const cancelled = e instanceof Cancelled || state.cancelled;
      const message = cancelled ? 'Cancelled' : ((await this.lossBehind()) ?? readableError(e, workingSizeOf(plan)));
      this.send({ type: 'failed', id, message, cancelled, numTensors: tf.memory().numTensors });
    } finally {
      this.runs.delete(id);
    }
  }
}

/** The working size of an image plan, for an out-of-memory message that suggests a smaller one. */
function workingSizeOf(plan: Plan): number | undefined {
  if (plan.kind === 'picture') return plan.size;
  return 'recipe' in plan && 'size' in plan.recipe ? plan.recipe.size : undefined;
}
