import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputPixelAllowances, SHARE_MAX_REQUEST_PIXELS, SHARE_MAX_SIDE } from './limits';

describe('the pixel budget of one upload', () => {
  const full = SHARE_MAX_SIDE * SHARE_MAX_SIDE;
  const total = (output: number, inputs: number[]) => output + inputs.reduce((a, b) => a + b, 0);

  it('leaves images that fit as they are', () => {
    assert.deepEqual(inputPixelAllowances(512 * 512, [1024 * 768, 300 * 200]), [1024 * 768, 300 * 200]);
    assert.deepEqual(inputPixelAllowances(0, []), []);
  });

  it('keeps the output whole and shares the rest, small inputs first, so the total fits', () => {
    const inputs = [full, 1000, full, full, 640 * 480, full];
    const allowed = inputPixelAllowances(full, inputs);
    assert.ok(total(full, allowed) <= SHARE_MAX_REQUEST_PIXELS);
    assert.equal(allowed[1], 1000);
    assert.equal(allowed[4], 640 * 480);
    const share = Math.floor((SHARE_MAX_REQUEST_PIXELS - full - 1000 - 640 * 480) / 4);
    for (const i of [0, 2, 3, 5]) assert.ok(Math.abs(allowed[i] - share) <= 1, `input ${i}: ${allowed[i]}`);
  });

  it('never gives an input more than it has, whatever the budget', () => {
    for (const budget of [1, 1e6, SHARE_MAX_REQUEST_PIXELS, 1e12]) {
      const inputs = [5e6, 2e5, 9e6];
      const allowed = inputPixelAllowances(1e6, inputs, budget);
      allowed.forEach((a, i) => assert.ok(a >= 0 && a <= inputs[i]));
      if (budget >= total(1e6, inputs)) assert.deepEqual(allowed, inputs);
      else assert.ok(total(1e6, allowed) <= Math.max(budget, 1e6));
    }
  });
});
