import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from './backend';

describe('starting a backend', () => {
  it('gives up on one that hangs, and the next one still starts', async () => {
    // A backend whose start never settles, as a hung GPU driver's would.
    tf.registerBackend('hung', () => new Promise<tf.KernelBackend>(() => undefined), 99);
    const began = Date.now();
    assert.equal(await startBackend('hung', 200), 'hung did not start within 0.2 s');
    assert.ok(Date.now() - began < 5_000);
    // tfjs waits for a pending start before any other: without removing the hung one this would never return.
    assert.equal(await startBackend('cpu', 5_000), null);
    assert.equal(tf.getBackend(), 'cpu');
    assert.equal(tf.tensor1d([1, 2]).sum().dataSync()[0], 3);
  });

  it('says why a backend that is not there failed', async () => {
    assert.match((await startBackend('no-such-backend', 1_000)) ?? '', /no-such-backend failed to start/);
  });
});
