import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convInputs, receptiveField } from './anatomy';

const size = (box: { top: number; left: number; bottom: number; right: number }) => [box.bottom - box.top + 1, box.right - box.left + 1];

describe('classifier anatomy', () => {
  it('gives each layer the receptive field its convolutions and pools add up to, clipped at the border', () => {
    assert.deepEqual(size(receptiveField('conv1', 10, 10)), [3, 3]);
    assert.deepEqual(size(receptiveField('pool1', 5, 5)), [4, 4]);
    // conv2 sees 3x3 pool1 cells, each 2x2 conv1 units, each 3x3 pixels: 3 * 2 + 2 = 8.
    assert.deepEqual(receptiveField('conv2', 7, 7), { top: 11, left: 11, bottom: 18, right: 18 });
    assert.deepEqual(size(receptiveField('pool2', 3, 3)), [10, 10]);
    assert.deepEqual(receptiveField('conv2', 0, 13), { top: 0, left: 23, bottom: 4, right: 27 });
  });

  it('feeds a conv unit from the 3x3 window below it, fewer at an edge', () => {
    assert.equal(convInputs(5, 5, 14).length, 9);
    assert.deepEqual(convInputs(0, 0, 14).map((p) => [p.dy, p.dx]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  });
});
