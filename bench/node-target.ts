// One benchmark on one Node backend; prints its result as the last line of JSON.
import * as tf from '@tensorflow/tfjs';
import { startWasmBackend } from '../models/node/backends';
import { publicModel } from '../models/node/files';
import { BENCHMARKS } from '../lib/engine/benchmarks';

async function startWebGpu(): Promise<string> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 20 has no global navigator; tfjs looks for navigator.gpu.
  if (typeof globalThis.navigator === 'undefined')
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
  Object.defineProperty(globalThis.navigator, 'gpu', { value: gpu, configurable: true });
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (is a Vulkan driver installed? see bench/run.ts)');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs webgpu backend did not start');
  const info = (adapter as unknown as { info?: { vendor?: string; description?: string } }).info;
  return [info?.vendor, info?.description].filter(Boolean).join(' ') || 'webgpu adapter';
}

async function main() {
  const [name, target, maxSize, steps] = process.argv.slice(2);
  let adapter: string | null = null;
  if (target === 'node-wasm') await startWasmBackend();
  else if (target === 'node-cpu') await tf.setBackend('cpu');
  else if (target === 'node-webgpu') adapter = await startWebGpu();
  else throw new Error(`unknown target ${target}`);
  await tf.ready();
  const figures = await BENCHMARKS[name](publicModel, {
    maxSize: Number(maxSize) || undefined,
    steps: Number(steps) || undefined,
  });
  console.log(JSON.stringify({ target, backend: tf.getBackend(), adapter, figures }));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.log(JSON.stringify({ target: process.argv[3], error: e instanceof Error ? e.message : String(e) }));
  process.exit(1);
});
