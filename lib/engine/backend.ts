/**
 * Picks the tfjs backend: WebGPU, then WebGL (on an OffscreenCanvas in the engine's Worker), then wasm, then
 * the plain CPU backend, or the one `?backend=` asks for. tfjs falls back silently when a backend fails to
 * initialise, so every step checks setBackend's answer and records why it moved on; the badge shows that reason.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';

import type { BackendChoice, BackendInfo, BackendName } from './protocol';
import { within } from '../promises';

export type { BackendInfo, BackendName };
export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

// The wasm binaries come from this server (scripts/copy-wasm.mjs), by absolute URL: a bundled Worker's own
// location is no base to resolve them against.
const wasmFolder = typeof location === 'undefined' ? null : `${location.origin}/tfjs-wasm/${version_wasm}/`;
if (wasmFolder) setWasmPaths(wasmFolder);

/**
 * Starts tfjs's wasm backend. Its threaded binary (used when the page is cross-origin isolated) starts each thread
 * from a Blob holding the source text of a factory function in tfjs's bundle. Minified by the app's bundler, that
 * function refers to names outside itself and every thread fails ("a is not defined"). So while wasm starts, that
 * one Blob is made to load the unminified factory script this server serves beside the binaries instead.
 */
async function startWasm(threads: number | null): Promise<string | null> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads !== 0 && globalThis.crossOriginIsolated === true);
  if (threads) {
    setThreadsCount(threads);
    // tfjs's binary caps its threads at half of navigator.hardwareConcurrency (one per core on machines with two
    // threads a core), read once as it starts; a count asked for explicitly lifts that cap.
    Object.defineProperty(navigator, 'hardwareConcurrency', {
      value: Math.max(navigator.hardwareConcurrency, 2 * threads),
      configurable: true,
    });
  }
  const NativeBlob = globalThis.Blob;
  const factoryScript = `${wasmFolder}tfjs-backend-wasm-threaded-simd.js`;
  globalThis.Blob = class extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const isFactory = typeof parts?.[0] === 'string' && parts[0].startsWith('var WasmBackendModuleThreadedSimd');
      super(isFactory ? [`importScripts(${JSON.stringify(factoryScript)});`] : parts, options);
    }
  };
  try {
    return await startBackend('wasm');
  } finally {
    globalThis.Blob = NativeBlob;
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** The badge's facts about a backend that started. */
function describe(
  name: BackendName,
  adapter: string | null,
  fallbackReason: string | null,
  forced: boolean,
): BackendInfo {
  return {
    name,
    adapter: name === 'webgpu' || name === 'webgl' ? adapter : null,
    fallbackReason,
    forced,
    where: typeof document === 'undefined' ? 'worker' : 'page',
    isolated: globalThis.crossOriginIsolated === true,
    ...(name === 'wasm' ? { threads: getThreadsCount() } : {}),
  };
}

async function describeAdapter(): Promise<{ adapter: string | null; reason: string | null }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) {
    return {
      adapter: null,
      reason:
        globalThis.isSecureContext === false
          ? 'WebGPU needs a secure context (https or localhost)'
          : 'this browser has no WebGPU',
    };
  }
  const adapter = await within(
    gpu.requestAdapter().catch(() => null),
    START_TIMEOUT_MS,
    'timed out' as const,
  );
  if (adapter === 'timed out')
    return { adapter: null, reason: `the GPU did not answer within ${START_TIMEOUT_MS / 1000} s` };
  if (!adapter) return { adapter: null, reason: 'no WebGPU adapter (GPU blocked or missing)' };
  const i = (adapter as GPUAdapter & { info?: { vendor?: string; architecture?: string; description?: string } }).info;
  const text = [i?.vendor, i?.architecture, i?.description].filter(Boolean).join(' ');
  return { adapter: text || 'WebGPU adapter', reason: null };
}

/** A backend that neither starts nor fails within this long (a hung GPU driver) is given up for the next. */
const START_TIMEOUT_MS = 20_000;

/**
 * Starts one tfjs backend; null when it started, else why not. One that hangs is removed from tfjs after
 * `timeoutMs`: a pending start would otherwise hold every later setBackend back (tfjs waits for it).
 */
export async function startBackend(name: string, timeoutMs = START_TIMEOUT_MS): Promise<string | null> {
  try {
    const start = async () => {
      const ok = await tf.setBackend(name);
      await tf.ready();
      return ok;
    };
    const ok = await within(start(), timeoutMs, 'timed out' as const);
    if (ok === 'timed out') {
      tf.removeBackend(name);
      return `${name} did not start within ${timeoutMs / 1000} s`;
    }
    if (!ok || tf.getBackend() !== name) return `${name} failed to start`;
    return null;
  } catch (e) {
    return `${name} failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

let current: Promise<BackendInfo> | null = null;
/** wasm's threads as the page chose them, kept for a move to wasm after a lost GPU device. */
let wasmThreads: BackendChoice['wasmThreads'] = null;

/** Starts the best backend once per page; later calls get the same answer. */
export function initBackend(choice: BackendChoice): Promise<BackendInfo> {
  const forced = choice.backend;
  wasmThreads = choice.wasmThreads;
  current ??= (async () => {
    const reasons: string[] = [];
    let adapter: string | null = null;
    const order = forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : BACKEND_ORDER;
    for (const name of order) {
      if (name === 'webgpu') {
        const probe = await describeAdapter();
        adapter = probe.adapter;
        if (probe.reason) {
          reasons.push(probe.reason);
          continue;
        }
      }
      const failure = name === 'wasm' ? await startWasm(wasmThreads) : await startBackend(name);
      if (failure) {
        reasons.push(failure);
        continue;
      }
      if (name === 'webgpu') watchDeviceLoss();
      if (name === 'webgl') adapter = webglRenderer();
      const skipped = forced && name === forced ? null : reasons.join('; ') || null;
      return describe(name, adapter, forced && name === forced ? null : skipped, forced === name);
    }
    throw new Error(`No TensorFlow.js backend could start: ${reasons.join('; ')}`);
  })();
  return current;
}

function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    return gl ? String(gl.getParameter(gl.RENDERER)) : null;
  } catch {
    return null;
  }
}

type LostListener = (message: string) => void;
const lostListeners = new Set<LostListener>();

/** Called with a readable message if the GPU device is lost (driver reset, tab in the background too long). */
export function onDeviceLost(listener: LostListener): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

function watchDeviceLoss() {
  const backend = tf.backend() as unknown as { device?: GPUDevice };
  // The engine never destroys its device itself, so any loss (a driver reset, a test's destroy()) is one.
  backend.device?.lost.then((info) => {
    const message = `The GPU device was lost (${info.message || info.reason || 'no reason given'}).`;
    for (const l of lostListeners) l(message);
  });
}

/** After a lost device: move the engine to the next backend that starts, so work can go on without a reload. */
export async function recoverFromDeviceLoss(): Promise<BackendInfo> {
  const reasons = ['the GPU device was lost'];
  for (const name of BACKEND_ORDER.slice(BACKEND_ORDER.indexOf('webgl'))) {
    const failure = name === 'wasm' ? await startWasm(wasmThreads) : await startBackend(name);
    if (failure) {
      reasons.push(failure);
      continue;
    }
    const info = describe(name, name === 'webgl' ? webglRenderer() : null, reasons.join('; '), false);
    current = Promise.resolve(info);
    return info;
  }
  throw new Error(`No TensorFlow.js backend could start after the GPU was lost: ${reasons.join('; ')}`);
}
