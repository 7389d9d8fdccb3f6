import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contribution, feedingOf, receptiveField } from './anatomy';

const size = (box: { top: number; left: number; bottom: number; right: number }) => [
  box.bottom - box.top + 1,
  box.right - box.left + 1,
];

describe('classifier anatomy', () => {
  it('gives each layer the receptive field its convolutions and pools add up to, clipped at the border', () => {
    assert.deepEqual(size(receptiveField('conv1', 10, 10)), [3, 3]);
    assert.deepEqual(size(receptiveField('pool1', 5, 5)), [4, 4]);
    // conv2 sees 3x3 pool1 cells, each 2x2 conv1 units, each 3x3 pixels: 3 * 2 + 2 = 8.
    assert.deepEqual(receptiveField('conv2', 7, 7), { top: 11, left: 11, bottom: 18, right: 18 });
    assert.deepEqual(size(receptiveField('pool2', 3, 3)), [10, 10]);
    assert.deepEqual(receptiveField('conv2', 0, 13), { top: 0, left: 23, bottom: 4, right: 27 });
  });

  it('feeds a conv unit from the 3x3 window below through kernel[dy][dx][c][k], and a pool unit from its 2x2', () => {
    // conv1: 1 channel in, 16 out; kernel value = its flat index, so each weight names where it came from.
    const kernel = Float32Array.from({ length: 9 * 16 }, (_, i) => i);
    const feeding = feedingOf(
      { layer: 'conv1', channel: 5, y: 0, x: 10 },
      { kernel, bias: new Float32Array(16).fill(0.5) },
    );
    assert.deepEqual(feeding.window, { top: 0, left: 9, bottom: 1, right: 11 });
    assert.deepEqual(feeding.inputs[0].weights, [5, 21, 37, 53, 69, 85, 101, 117, 133]);
    assert.equal(feeding.bias, 0.5);
    // Input ones everywhere: the sum takes the six taps inside the grid (rows dy = 0, 1), not the padded row above.
    assert.equal(
      contribution(
        { layer: 'conv1', channel: 5, y: 0, x: 10 },
        feeding,
        feeding.inputs[0],
        new Float32Array(784).fill(1),
      ),
      53 + 69 + 85 + 101 + 117 + 133,
    );
    const pool = feedingOf({ layer: 'pool2', channel: 3, y: 6, x: 0 }, null);
    assert.deepEqual(
      [pool.below, pool.window, pool.inputs],
      ['conv2', { top: 12, left: 0, bottom: 13, right: 1 }, [{ channel: 3, weights: null }]],
    );
    const conv2 = Float32Array.from({ length: 14 * 14 * 32 }, (_, i) => (i % 32 === 3 ? i : -1));
    assert.equal(
      contribution({ layer: 'pool2', channel: 3, y: 6, x: 0 }, pool, pool.inputs[0], conv2),
      (13 * 14 + 1) * 32 + 3,
    );
  });
});
