// tfjs backends in Node, for models' tests, evaluations and benchmarks.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';

/** The pure-JS CPU backend for unit tests, quiet about tfjs-node. */
export async function cpuBackend(): Promise<typeof tf> {
  tf.env().set('IS_NODE', false); // silences the "install tfjs-node" banner; nothing else reads it here
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

/**
 * The wasm backend (40x faster than tfjs's pure-JS CPU backend for InceptionV3 inference here), with its .wasm
 * files read from node_modules: evaluation, benchmarks and the quality tests.
 */
export async function startWasmBackend(): Promise<void> {
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  setWasmPaths(dist.endsWith('/') ? dist : `${dist}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
}
