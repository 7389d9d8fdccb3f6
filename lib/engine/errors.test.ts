import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOutOfMemory, readableError } from './errors';

describe('readable errors', () => {
  it('turn GPU out-of-memory failures into "try a smaller size" with a suggestion', () => {
    for (const message of [
      'GPUOutOfMemoryError: Out of memory',
      'Failed to allocate buffer of size 1073741824',
      'Requested texture size [16384x16384] greater than WebGL maximum',
    ]) {
      const text = readableError(new Error(message), 2048);
      assert.match(text, /ran out of memory at this size\. Try a smaller size \(for example 1024 px\)/, message);
    }
  });

  it('pass other messages through, and never return an empty message', () => {
    assert.equal(isOutOfMemory(new Error('Cannot read properties of undefined')), false);
    assert.equal(readableError(new Error('The file is damaged.')), 'The file is damaged.');
    assert.match(readableError({}), /Something went wrong/);
  });
});
