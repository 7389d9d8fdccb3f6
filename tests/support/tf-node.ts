// tfjs on its CPU backend for unit tests, quiet about tfjs-node.
import * as tf from '@tensorflow/tfjs';

export async function cpuBackend(): Promise<typeof tf> {
  tf.env().set('IS_NODE', false); // silences the "install tfjs-node" banner; nothing else reads it here
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}
