// The page's side of the run engine: one per page, started on first use. Studios send plans and get frames;
// they never hold a tensor (lib/engine/engine.ts holds them all).
import type {
  BackendChoice,
  BackendInfo,
  Frame,
  FromEngine,
  ModelKey,
  OwnWeights,
  Plan,
  PlanKind,
  ToEngine,
} from './protocol';
import { type EngineTransport, workerTransport } from './transport';
import { Cancelled } from './errors';

export interface RunHandle<K extends PlanKind = PlanKind> {
  /** The run's last frame; rejects with Cancelled after cancel, or with the engine's readable message. */
  done: Promise<Frame<K>>;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Ends the run early, keeping what it made so far (its `done` frame). */
  finish(): void;
}

interface Pending {
  onFrame?: (frame: Frame) => void;
  onPreparing?: () => void;
  onProgress?: (loaded: number, total: number) => void;
  /** A run's result, or null for a load (which has none). */
  resolve: (frame: Frame | null) => void;
  reject: (error: Error) => void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly lostListeners = new Set<(message: string) => void>();
  private readonly backendListeners = new Set<(info: BackendInfo) => void>();
  private backendAnswer: { resolve: (info: BackendInfo) => void; reject: (e: Error) => void } | null = null;
  /** The backend, once the engine has started one (and again after a recovery). */
  backend: Promise<BackendInfo>;
  /** Tensors the engine held after the last run ended: constant from run to run unless something leaks. */
  numTensors: number | null = null;

  private transport: EngineTransport;
  private readonly crashListeners = new Set<(message: string) => void>();
  private crashes: number[] = [];

  constructor(
    private readonly connect: () => EngineTransport,
    private readonly choice: BackendChoice,
  ) {
    this.transport = this.start();
    this.backend = this.askBackend({ type: 'start', choice });
  }

  private start(): EngineTransport {
    const transport = this.connect();
    transport.listen(
      (m) => this.receive(m),
      (reason) => this.crashed(transport, reason),
    );
    return transport;
  }

  /**
   * The engine is gone (a crash, out of memory): every waiting run fails with a readable message, so no studio stays
   * "running", and a fresh engine starts on the same backend choice; its models load again on first use.
   */
  private crashed(transport: EngineTransport, reason: string) {
    if (transport !== this.transport) return;
    transport.close();
    // An engine that crashes as it starts would otherwise be restarted for ever.
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < 60_000), now];
    const again = this.crashes.length <= 3;
    const message = again
      ? `${reason} Your settings are kept: run again.`
      : `${reason} It crashed ${this.crashes.length} times in a minute, so it was not restarted: ` +
        'reload the page, or try ?backend=cpu.';
    const waiting = [...this.pending.values()];
    this.pending.clear();
    waiting.forEach((p) => p.reject(new Error(message)));
    this.crashListeners.forEach((l) => l(message));
    if (!again) {
      this.backendAnswer?.reject(new Error(message));
      return;
    }
    this.transport = this.start();
    this.backend = this.askBackend({ type: 'start', choice: this.choice });
  }

  /** Called with a readable message when the engine crashed and was restarted. */
  onCrash(listener: (message: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  private askBackend(message: ToEngine): Promise<BackendInfo> {
    const answer = new Promise<BackendInfo>((resolve, reject) => (this.backendAnswer = { resolve, reject }));
    this.transport.post(message);
    return answer;
  }

  private receive(m: FromEngine) {
    if (m.type === 'backend') {
      this.backendAnswer?.resolve(m.info);
      this.backend = Promise.resolve(m.info);
      return this.backendListeners.forEach((l) => l(m.info));
    }
    if (m.type === 'backend-failed') return this.backendAnswer?.reject(new Error(m.message));
    if (m.type === 'device-lost') return this.lostListeners.forEach((l) => l(m.message));
    const pending = this.pending.get(m.id);
    if (!pending) return;
    if (m.type === 'loading') return pending.onProgress?.(m.loaded, m.total);
    if (m.type === 'frame') return pending.onFrame?.(m.frame);
    if (m.type === 'preparing') return pending.onPreparing?.();
    this.pending.delete(m.id);
    if (m.type === 'loaded') return pending.resolve(null);
    this.numTensors = m.numTensors;
    if (m.type === 'done') pending.resolve(m.frame);
    else pending.reject(m.cancelled ? new Cancelled() : new Error(m.message));
  }

  onDeviceLost(listener: (message: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Called with the backend whenever the engine reports one: after a lost GPU device, the next that started. */
  onBackend(listener: (info: BackendInfo) => void): () => void {
    this.backendListeners.add(listener);
    return () => this.backendListeners.delete(listener);
  }

  /** Loads a model into the engine (a no-op once loaded), reporting its bytes as they arrive. */
  async load(model: ModelKey, onProgress?: (loaded: number, total: number) => void, own?: OwnWeights): Promise<void> {
    const id = this.nextId++;
    await new Promise<Frame | null>((resolve, reject) => {
      this.pending.set(id, { onProgress, resolve, reject });
      this.transport.post({ type: 'load', id, model, own });
    });
  }

  /** Runs a plan: `onFrame` gets each frame, `onPreparing` hears when the GPU compiles before the first step. */
  /** A run's frames are those of its plan's kind: the engine answers a run's id with its runner's frames. */
  run<P extends Plan>(
    plan: P,
    onFrame?: (frame: Frame<P['kind']>) => void,
    onPreparing?: () => void,
  ): RunHandle<P['kind']> {
    const id = this.nextId++;
    const done = new Promise<Frame<P['kind']>>((resolve, reject) =>
      this.pending.set(id, {
        onFrame: onFrame as (frame: Frame) => void,
        onPreparing,
        resolve: (frame) => frame && resolve(frame as Frame<P['kind']>),
        reject,
      }),
    );
    this.transport.post({ type: 'run', id, plan });
    const send = (type: 'pause' | 'resume' | 'cancel' | 'finish') => () => this.transport.post({ type, id });
    return { done, pause: send('pause'), resume: send('resume'), cancel: send('cancel'), finish: send('finish') };
  }
}

/** The backend `?backend=` asks for, if any, wasm's threads from `?threads=` (a whole number up to 64), and
 * whether `?warmup=0` turns the GPU warm-up off. */
export function parseBackendChoice(search: string): BackendChoice {
  const params = new URLSearchParams(search);
  const value = params.get('backend');
  const backend = value === 'webgpu' || value === 'webgl' || value === 'wasm' || value === 'cpu' ? value : null;
  const threads = Number(params.get('threads') ?? NaN);
  return {
    backend,
    wasmThreads: Number.isInteger(threads) && threads >= 0 && threads <= 64 ? threads : null,
    warmUp: params.get('warmup') !== '0',
  };
}

let client: Promise<EngineClient> | null = null;

/** This page's engine client, its Worker started on first use with the backend the page's address asks for. */
export function pageEngine(): Promise<EngineClient> {
  client ??= Promise.resolve(new EngineClient(workerTransport, parseBackendChoice(location.search)));
  return client;
}
