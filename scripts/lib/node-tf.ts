// tfjs in Node for evaluation and benchmarks: the wasm backend (40x faster than tfjs's pure-JS CPU
// backend for InceptionV3 inference here), with its .wasm files read from node_modules.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';

export async function startWasmBackend(): Promise<void> {
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  setWasmPaths(dist.endsWith('/') ? dist : `${dist}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
}
