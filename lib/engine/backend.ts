/**
 * Picks the tfjs backend: WebGPU, then WebGL, then CPU, or the one `?backend=` asks for. tfjs falls
 * back silently when a backend fails to initialise, so every step checks setBackend's answer and
 * records why it moved on; the badge shows that reason.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

import type { BackendInfo, BackendName } from './protocol';

export type { BackendInfo, BackendName };
export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'cpu'];

async function describeAdapter(): Promise<{ adapter: string | null; reason: string | null }> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) {
    return { adapter: null, reason: globalThis.isSecureContext === false ? 'WebGPU needs a secure context (https or localhost)' : 'this browser has no WebGPU' };
  }
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { adapter: null, reason: 'no WebGPU adapter (GPU blocked or missing)' };
  const i = (adapter as GPUAdapter & { info?: { vendor?: string; architecture?: string; description?: string } }).info;
  const text = [i?.vendor, i?.architecture, i?.description].filter(Boolean).join(' ');
  return { adapter: text || 'WebGPU adapter', reason: null };
}

async function trySet(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) return `${name} failed to start`;
    return null;
  } catch (e) {
    return `${name} failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

let current: Promise<BackendInfo> | null = null;

/** Starts the best backend once per page; later calls get the same answer. */
export function initBackend(forced: BackendName | null): Promise<BackendInfo> {
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
      const failure = await trySet(name);
      if (failure) {
        reasons.push(failure);
        continue;
      }
      if (name === 'webgpu') watchDeviceLoss();
      if (name === 'webgl') adapter = webglRenderer();
      const skipped = forced && name === forced ? null : reasons.join('; ') || null;
      return { name, adapter: name === 'cpu' ? null : adapter, fallbackReason: forced && name === forced ? null : skipped, forced: forced === name };
    }
    throw new Error(`No TensorFlow.js backend could start: ${reasons.join('; ')}`);
  })();
  return current;
}

function webglRenderer(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
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
  backend.device?.lost.then((info) => {
    if (info.reason === 'destroyed') return; // our own dispose
    const message = `The GPU device was lost (${info.message || 'no reason given'}). Your settings are kept: reload the page to start the GPU again, or continue on WebGL.`;
    for (const l of lostListeners) l(message);
  });
}

/** After a lost device: move this page to the next backend so work can go on without a reload. */
export async function recoverFromDeviceLoss(): Promise<BackendInfo> {
  const reason = 'the GPU device was lost';
  const failure = await trySet('webgl');
  const name: BackendName = failure ? 'cpu' : 'webgl';
  if (failure) await trySet('cpu');
  const info: BackendInfo = { name, adapter: name === 'webgl' ? webglRenderer() : null, fallbackReason: reason, forced: false };
  current = Promise.resolve(info);
  return info;
}
