import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { publicModel } from '../node/files';
import { startWasmBackend } from '../node/backends';
import { InceptionV3 } from '../inception-v3/model';
import { registryEntry } from '../registry';
import { dreamAtFullSize, dreamGradient, guideVectors, octaveSizes, roll, zoomIn } from './dream';
import { dream, type DreamPlan } from './run';

/** A fixed, structured 128x128 input: smooth colour gradients and a disc. */
function fixedInput(): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.linspace(0, 1, 128).reshape([128, 1, 1]);
    const x = tf.linspace(0, 1, 128).reshape([1, 128, 1]);
    const disc = y.sub(0.5).square().add(x.sub(0.4).square()).less(0.06).toFloat();
    const rgb = tf.concat([y.add(x.mul(0)).mul(200), x.add(y.mul(0)).mul(180), disc.mul(150).add(40)], 2);
    return rgb.expandDims(0) as tf.Tensor4D;
  });
}

// One InceptionV3 for every test in this file: loading it is the slow part of setting up.
const net = new InceptionV3(publicModel('inception-v3', registryEntry('inception-v3').version));
before(async () => {
  await startWasmBackend();
  await net.load();
});

describe('DeepDream', () => {
  it('raises the objective at every step and changes the image, leaking no tensor', async () => {
    const input = fixedInput();
    const start = tf.memory().numTensors;
    const plan: DreamPlan = {
      layers: [{ name: 'mixed3', weight: 1 }],
      stepSize: 0.01,
      octaves: 1,
      octaveScale: 1.4,
      steps: 6,
      jitter: 0,
      seed: 1,
    };
    const objectives: number[] = [];
    const out = await dream(net, input, plan, (r) => {
      objectives.push(r.objective);
    });
    // objectives[k] is measured before step k+1: rising values mean every step raised it.
    for (let i = 1; i < objectives.length; i++)
      assert.ok(objectives[i] > objectives[i - 1], `step ${i}: ${objectives.join(', ')}`);
    const meanAbsDiff = tf.tidy(() => out.sub(input).abs().mean().dataSync()[0]);
    assert.ok(meanAbsDiff > 2, `mean |change| ${meanAbsDiff} of 255 is no dream`);
    out.dispose();
    assert.equal(tf.memory().numTensors, start);
    input.dispose();
  });

  it('with a guide image, raises the similarity to the guide features at every step, leaking no tensor', async () => {
    const input = fixedInput();
    const guide = tf.tidy(() => tf.randomUniform([1, 128, 128, 3], 0, 255, 'float32', 3) as tf.Tensor4D);
    const start = tf.memory().numTensors;
    const vectors = guideVectors(net, guide, ['mixed3']);
    assert.deepEqual(vectors[0].shape, [768]);
    const objectives: number[] = [];
    const out = await dream(
      net,
      input,
      {
        layers: [{ name: 'mixed3', weight: 1 }],
        guide: vectors,
        stepSize: 0.01,
        octaves: 1,
        octaveScale: 1.4,
        steps: 4,
        jitter: 0,
        seed: 1,
      },
      (r) => {
        objectives.push(r.objective);
      },
    );
    for (let i = 1; i < objectives.length; i++)
      assert.ok(objectives[i] > objectives[i - 1], `step ${i}: ${objectives.join(', ')}`);
    tf.dispose([out, ...vectors]);
    assert.equal(tf.memory().numTensors, start);
    tf.dispose([input, guide]);
  });

  it('zooms into the centre; a dream carried to full size changes only what the dream changed', () => {
    tf.tidy(() => {
      const ramp = tf.linspace(0, 255, 64).reshape([1, 1, 64, 1]).tile([1, 64, 1, 3]) as tf.Tensor4D;
      const zoomed = zoomIn(ramp, 2);
      // The centre half of a 0..255 ramp over pixel centres 0..63 (columns 16..48), stretched: 64.8 to 194.3.
      const row = zoomed.slice([0, 32, 0, 0], [1, 1, 64, 1]).dataSync();
      assert.ok(
        Math.abs(row[0] - (16 / 63) * 255) < 0.5 && Math.abs(row[63] - (48 / 63) * 255) < 0.5,
        `${row[0]} .. ${row[63]}`,
      );
      const original = tf.randomUniform([1, 96, 96, 3], 0, 255, 'float32', 5) as tf.Tensor4D;
      const input = tf.image.resizeBilinear(original, [48, 48], true);
      assert.equal(dreamAtFullSize(original, input, input).sub(original).abs().max().dataSync()[0], 0);
      const dreamed = input.add(tf.concat([tf.fill([1, 48, 24, 3], 20), tf.zeros([1, 48, 24, 3])], 2)) as tf.Tensor4D;
      const full = dreamAtFullSize(original, input, dreamed);
      const rightUnchanged = full
        .slice([0, 0, 60], [-1, -1, -1])
        .sub(original.slice([0, 0, 60], [-1, -1, -1]))
        .abs()
        .max()
        .dataSync()[0];
      assert.equal(rightUnchanged, 0);
      assert.ok(
        full
          .slice([0, 0, 0], [-1, -1, 40])
          .sub(original.slice([0, 0, 0], [-1, -1, 40]))
          .mean()
          .dataSync()[0] > 15,
      );
    });
  });

  it('rolls images circularly and back exactly', () => {
    const img = tf.range(0, 2 * 3 * 4).reshape([1, 3, 4, 2]) as tf.Tensor4D;
    const back = roll(roll(img, 2, -3), -2, 3);
    assert.deepEqual(back.dataSync(), img.dataSync());
    assert.deepEqual(Array.from(roll(img, 1, 0).slice([0, 0, 0, 0], [1, 1, 1, 1]).dataSync()), [16]);
    tf.dispose([img, back]);
  });

  it('plans octaves smallest first and never below 75 px', () => {
    assert.deepEqual(octaveSizes(512, 512, 3, 2), [
      [128, 128],
      [256, 256],
      [512, 512],
    ]);
    assert.deepEqual(octaveSizes(128, 200, 4, 1.5), [
      [85, 133],
      [128, 200],
    ]);
  });
});

describe('DeepDream masks and tiles', () => {
  it('leaves pixels outside a feathered mask unchanged (within 1/255) and changes those inside', async () => {
    const input = fixedInput();
    // Left half painted, with a soft 16 px edge; the right 48 px are untouched.
    const mask = tf.tidy(() =>
      tf.linspace(1, 0, 128).mul(4).sub(1.5).clipByValue(0, 1).reshape([1, 1, 128, 1]).tile([1, 128, 1, 1]),
    ) as tf.Tensor4D;
    const start = tf.memory().numTensors;
    const out = await dream(
      net,
      input,
      {
        layers: [{ name: 'mixed2', weight: 1 }],
        stepSize: 0.02,
        octaves: 2,
        octaveScale: 1.4,
        steps: 2,
        jitter: 8,
        seed: 3,
        mask,
      },
      () => undefined,
    );
    const [outside, inside] = tf.tidy(() => {
      const diff = out.sub(input).abs();
      return [
        diff.slice([0, 0, 80, 0], [1, 128, 48, 3]).max().dataSync()[0],
        diff.slice([0, 0, 0, 0], [1, 128, 32, 3]).mean().dataSync()[0],
      ];
    });
    assert.ok(outside <= 1, `outside the mask a pixel moved by ${outside}`);
    assert.ok(inside > 1, `inside the mask the mean change is only ${inside}`);
    out.dispose();
    assert.equal(tf.memory().numTensors, start);
    tf.dispose([input, mask]);
  });

  // 2x2 tiles of 96 px on a 192 px image: each tile with its halo is 160 px, so the tiled pass costs about
  // three whole-image passes.
  const gradients = (layer: 'mixed0' | 'mixed5', halo: number) =>
    tf.tidy(() => {
      const image = tf.image.resizeBilinear(fixedInput(), [192, 192]) as tf.Tensor4D;
      const settings = { layers: [{ name: layer, weight: 1 }], stepSize: 0.01 };
      const whole = dreamGradient(net, image, settings).grad;
      const tiled = dreamGradient(net, image, settings, { tile: 96, halo }).grad;
      return [whole, tiled].map((g) => tf.keep(g.flatten()));
    });

  it('stitches 2x2 tiles with a halo over the receptive field into exactly the whole-image gradient on mixed0', () => {
    const [whole, tiled] = gradients('mixed0', 64); // mixed0 sees 63 px
    const relative = tf.tidy(() => whole.sub(tiled).norm().div(whole.norm()).dataSync()[0]);
    assert.ok(relative < 1e-4, `relative error ${relative}`);
    tf.dispose([whole, tiled]);
  });

  it('approximates the whole-image gradient on mixed5 (cosine similarity at least 0.9)', () => {
    const [whole, tiled] = gradients('mixed5', 64);
    const cosine = tf.tidy(() => whole.dot(tiled).div(whole.norm().mul(tiled.norm())).dataSync()[0]);
    assert.ok(cosine >= 0.9, `cosine ${cosine}`);
    tf.dispose([whole, tiled]);
  });
});
