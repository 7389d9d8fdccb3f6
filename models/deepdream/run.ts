// The whole dream: octaves smallest first, `steps` ascent steps each, seeded jitter. The caller's
// onStep hook shows progress, yields to the browser and may stop the run; this file knows no UI.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../core/random';
import type { InceptionV3 } from '../inception-v3/model';
import { dreamStep, enterOctave, octaveDetail, octaveSizes } from './dream';
import type { DreamObjectiveSettings } from './objective';
import type { Tiling } from './tiles';

export interface DreamPlan extends DreamObjectiveSettings {
  octaves: number;
  octaveScale: number;
  steps: number;
  jitter: number;
  seed: number;
  /** Where to dream: [1, H, W, 1] in [0, 1] at the input's size (feathered edges welcome); else everywhere. */
  mask?: tf.Tensor4D;
  /** Gradients tile by tile (for images too large for the GPU at once). */
  tiling?: Tiling;
}

export interface StepReport {
  image: tf.Tensor4D; // borrowed: valid only during the call
  step: number;
  total: number;
  objective: number;
}

/** Dreams on `input` ([1, H, W, 3] in [0, 255], not disposed); returns a new tensor the caller owns. */
export async function dream(
  net: InceptionV3,
  input: tf.Tensor4D,
  plan: DreamPlan,
  onStep: (r: StepReport) => Promise<boolean | void> | boolean | void,
): Promise<tf.Tensor4D> {
  const random = mulberry32(plan.seed);
  const [, height, width] = input.shape;
  const sizes = octaveSizes(height, width, plan.octaves, plan.octaveScale);
  const total = sizes.length * plan.steps;
  let detail: tf.Tensor4D | null = null;
  let image: tf.Tensor4D | null = null;
  let step = 0;
  try {
    for (const size of sizes) {
      image = enterOctave(input, detail, size);
      const mask = plan.mask ? tf.image.resizeBilinear(plan.mask, size, true) : undefined;
      for (let i = 0; i < plan.steps; i++) {
        const shift: [number, number] = [
          Math.floor((random() * 2 - 1) * plan.jitter),
          Math.floor((random() * 2 - 1) * plan.jitter),
        ];
        const next = dreamStep(net, image, plan, shift, mask, plan.tiling);
        image.dispose();
        image = next.image;
        const objective = (await next.objective.data())[0];
        next.objective.dispose();
        step++;
        if ((await onStep({ image, step, total, objective })) === false) {
          mask?.dispose();
          return image;
        }
      }
      mask?.dispose();
      detail?.dispose();
      detail = octaveDetail(input, image);
      if (size !== sizes[sizes.length - 1]) {
        image.dispose();
        image = null;
      }
    }
    if (!plan.mask) return image!;
    // Unpainted pixels stay exactly as they were: detail carried between octaves bleeds a little.
    const dreamed = image!;
    image = tf.tidy(() => input.add(dreamed.sub(input).mul(plan.mask!)) as tf.Tensor4D);
    dreamed.dispose();
    return image;
  } catch (e) {
    image?.dispose();
    throw e;
  } finally {
    detail?.dispose();
  }
}

/**
 * One ascent step at every octave's size, read by nothing: run in the engine's compile-only mode
 * (lib/engine/warm-up.ts) it makes the GPU compile the dream's programs before its first step.
 */
export function warmUpDream(net: InceptionV3, height: number, width: number, plan: DreamPlan): void {
  for (const size of octaveSizes(height, width, plan.octaves, plan.octaveScale)) {
    tf.tidy(() => {
      const mask = plan.mask ? tf.image.resizeBilinear(plan.mask, size, true) : undefined;
      dreamStep(net, tf.zeros([1, ...size, 3]), plan, [1, 1], mask, plan.tiling);
    });
  }
}
