import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tuneTiming } from '../charrnn/abc';
import { seededNormals } from './random';
import { seededLoop, slerp, walkLatents } from './walk';

const TUNE = 'X: 1\nT:Walk\nM:3/4\nL:1/4\nK:G\n"G"G A B|"D"d2 B|"C"c B A|"G"G3|]\n';

describe('walks through a latent space', () => {
  it('slerps from one end to the other through points that differ from both', () => {
    const a = seededNormals(1, 100);
    const b = seededNormals(2, 100);
    assert.ok(slerp(a, b, 0).every((v, i) => Math.abs(v - a[i]) < 1e-5));
    assert.ok(slerp(a, b, 1).every((v, i) => Math.abs(v - b[i]) < 1e-5));
    const mid = slerp(a, b, 0.5);
    assert.ok(mid.some((v, i) => Math.abs(v - a[i]) > 0.1) && mid.some((v, i) => Math.abs(v - b[i]) > 0.1));
  });

  it('loops from the point on screen through points its seed draws, the same for the same seed', () => {
    const start = seededNormals(9, 16);
    const loop = seededLoop(start, 42, 4);
    assert.equal(loop.length, 4);
    assert.deepEqual(Array.from(loop[0]), Array.from(start));
    assert.deepEqual(
      loop.map((p) => Array.from(p)),
      seededLoop(start, 42, 4).map((p) => Array.from(p)),
    );
    assert.notDeepEqual(Array.from(loop[1]), Array.from(loop[2]));
    assert.notDeepEqual(Array.from(seededLoop(start, 43, 4)[1]), Array.from(loop[1]));
  });

  it('times a bar by the meter and the tune by its last note', () => {
    assert.deepEqual(tuneTiming(TUNE, 120), { barSeconds: 1.5, seconds: 6 });
  });

  it('moves from one face to the next each bar, round the loop, a frame every 1/fps seconds', () => {
    const faces = [0, 1, 2].map((k) => Float32Array.from({ length: 100 }, (_, i) => Math.sin(i + 10 * k)));
    const frames = walkLatents(faces, { barSeconds: 1.5, seconds: 6 }, 4);
    assert.equal(frames.length, 24);
    const near = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Array.from(a).every((v, i) => Math.abs(v - b[i]) < 1e-5);
    // bar starts at frames 0, 6, 12, 18: faces 0, 1, 2 and 0 again
    assert.ok(near(frames[0], faces[0]) && near(frames[6], faces[1]) && near(frames[12], faces[2]));
    assert.ok(near(frames[18], faces[0]), 'the loop comes back to the first face');
    assert.ok(!near(frames[3], faces[0]) && !near(frames[3], faces[1]), 'between two faces mid-bar');
  });
});
