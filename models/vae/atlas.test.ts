import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type LatentAtlas, latentAtMap, lerp, mapPosition, moveAlong, sliderCoordinates } from './atlas';

const atlasOf = (id: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', id, 'atlas.json'), 'utf8')) as LatentAtlas;
const close = (a: number, b: number, tol = 1e-4) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

describe('latent atlas moves', () => {
  const atlas = atlasOf('vae-mnist');

  it('the mean sits at 0 on every slider; directions are unit length and orthogonal', () => {
    sliderCoordinates(atlas, atlas.mean).forEach((c) => close(c, 0));
    for (const a of atlas.directions) {
      for (const b of atlas.directions) {
        const dot = a.vector.reduce((s, v, i) => s + v * b.vector[i], 0);
        close(dot, a === b ? 1 : 0, 1e-3);
      }
    }
  });

  it('moving along one direction sets that slider and leaves the others where they were', () => {
    const z = Float32Array.from(atlas.mean, (m, i) => m + Math.sin(i));
    const before = sliderCoordinates(atlas, z);
    const after = sliderCoordinates(atlas, moveAlong(atlas, z, 2, 1.5));
    after.forEach((c, i) => close(c, i === 2 ? 1.5 : before[i], 1e-3));
  });

  it('map positions and latents are inverse; lerp ends at its ends', () => {
    const map = atlasOf('vae-mnist-2d').map!;
    const z = latentAtMap(map, 0.25, 0.8);
    const { fx, fy } = mapPosition(map, z);
    close(fx, 0.25);
    close(fy, 0.8);
    assert.ok(z[1] < 0, 'lower on the map is lower y');
    const [a, b] = [Float32Array.of(1, 2), Float32Array.of(3, -2)];
    assert.deepEqual(Array.from(lerp(a, b, 0)), [1, 2]);
    assert.deepEqual(Array.from(lerp(a, b, 1)), [3, -2]);
  });

  it('every class of the 2-D maps has landed somewhere', () => {
    for (const id of ['vae-mnist-2d', 'vae-fashion-2d']) {
      const map = atlasOf(id).map!;
      assert.equal(map.counts.length, map.cells * map.cells);
      const classes = new Set(map.labels.replaceAll('.', ''));
      assert.equal(classes.size, 10, `${id}: ${[...classes].join('')}`);
    }
  });
});
