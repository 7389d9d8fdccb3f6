// The whole style transfer: optional colour matching, coarse-to-fine stages (optimise small, upsample,
// refine), Adam on the image, luminance-only transfer at the end. The caller's onStep hook shows progress
// and may stop the run; this file knows no UI. Algorithm 1 is plain Gatys on InceptionV3; algorithm 2
// (painterly.ts) adds jitter, a blurred gradient and a palette start. Recipes name theirs, so old links
// keep their old pictures.
import * as tf from '@tensorflow/tfjs';
import { type InceptionV3, MIN_INPUT_SIDE } from '../inception-v3/model';
import { jitterSequence, painterlyStep } from './painterly';
import {
  colourStats,
  keepContentChroma,
  matchColours,
  pooledColourStats,
  recolour,
  type StyleSource,
  styleStep,
  styleTargets,
  targetTensors,
} from './style';
import { defaultWeights, LATEST_STYLE_ALGORITHM, type StyleAlgorithm, type StyleWeights } from './weights';

export { defaultWeights, LATEST_STYLE_ALGORITHM, type StyleAlgorithm };

export interface StylePlan {
  algorithm: StyleAlgorithm;
  weights: StyleWeights;
  /** Adam steps in all (the coarse stage takes half when there is one). */
  steps: number;
  /** Adam's step, in pixel levels (0..255). */
  learningRate: number;
  init: 'content' | 'noise';
  seed: number;
  /** Style image's long side relative to the working image's: below 1, larger brush strokes. */
  styleScale: number;
  coarseToFine: boolean;
  preserveColor: 'none' | 'luminance' | 'histogram';
  /** End after this many steps, as a run stopped there by its onStep hook ends (to replay such a run). */
  stopAfter?: number;
}

export interface StyleReport {
  image: tf.Tensor4D; // borrowed: valid only during the call
  step: number;
  total: number;
  /** [total, content, style, tv] before this step. */
  losses: number[];
}

const resizeTo = (x: tf.Tensor4D, [h, w]: [number, number]) => tf.image.resizeBilinear(x, [h, w], true);

/** The working sizes, smallest first: half size first when coarse-to-fine (never below InceptionV3's 75 px). */
export function stageSizes(height: number, width: number, coarseToFine: boolean): [number, number][] {
  const half: [number, number] = [Math.round(height / 2), Math.round(width / 2)];
  return coarseToFine && Math.min(...half) >= MIN_INPUT_SIDE ? [half, [height, width]] : [[height, width]];
}

/**
 * Where a run from the content begins: the content itself (algorithm 1, or when its colours are kept), else
 * the content's luminance with the chroma of the content recoloured to the styles' pooled palette (algorithm 2).
 */
async function startingImage(content: tf.Tensor4D, styles: StyleSource[], plan: StylePlan, size: [number, number]): Promise<tf.Tensor4D> {
  const sized = resizeTo(content, size);
  if (plan.algorithm === 1 || plan.preserveColor !== 'none') return sized;
  const palette = pooledColourStats(await Promise.all(styles.map(async (s) => ({ stats: await colourStats(s.pixels), weight: s.weight }))));
  const recoloured = recolour(sized, await colourStats(sized), palette);
  // The palette's chroma on the content's own luminance: colour moves at once, structure stays where it was.
  const out = keepContentChroma(sized, recoloured);
  tf.dispose([sized, recoloured]);
  return out;
}

/** Styles `content` ([1, H, W, 3] in 0..255, not disposed) after `styles`; returns a new tensor the caller owns.
 * `start` (not disposed), e.g. a previous result, is where the optimisation begins instead of `plan.init`. */
export async function transferStyle(net: InceptionV3, content: tf.Tensor4D, styles: StyleSource[], plan: StylePlan, onStep: (r: StyleReport) => Promise<boolean | void> | boolean | void, start?: tf.Tensor4D): Promise<tf.Tensor4D> {
  const [, height, width] = content.shape;
  const sizes = stageSizes(height, width, plan.coarseToFine);
  const recoloured = plan.preserveColor === 'histogram' ? await Promise.all(styles.map((s) => matchColours(s.pixels, content))) : null;
  const styleImages = styles.map((s, i) => ({ ...s, pixels: recoloured?.[i] ?? s.pixels }));
  let image: tf.Tensor4D = start
    ? resizeTo(start, sizes[0])
    : plan.init === 'noise'
      ? tf.randomUniform([1, ...sizes[0], 3], 0, 255, 'float32', plan.seed)
      : await startingImage(content, styles, plan, sizes[0]);
  const nextShift = jitterSequence(plan.seed);
  let step = 0;
  try {
    for (let k = 0; k < sizes.length; k++) {
      const size = sizes[k];
      const stageSteps = k < sizes.length - 1 ? Math.ceil(plan.steps / 2) : plan.steps - step;
      const targets = tf.tidy(() => {
        const long = Math.max(...size) * plan.styleScale;
        const scaled = styleImages.map((s) => {
          const [, sh, sw] = s.pixels.shape;
          const f = Math.max(MIN_INPUT_SIDE / Math.min(sh, sw), long / Math.max(sh, sw));
          return { ...s, pixels: resizeTo(s.pixels, [Math.round(sh * f), Math.round(sw * f)]) };
        });
        return styleTargets(net, resizeTo(content, size), scaled, plan.weights);
      });
      // Algorithm 2 shifts the image each step, and its content target with it (painterly.ts).
      const stageContent = plan.algorithm === 2 ? resizeTo(content, size) : null;
      const sized = image.shape[1] === size[0] ? image : resizeTo(image, size);
      const variable = tf.variable(sized);
      tf.dispose([image, sized]); // the variable holds its own reference to the pixels
      const optimizer = tf.train.adam(plan.learningRate);
      let stopped = false;
      try {
        for (let i = 0; i < stageSteps && !stopped; i++) {
          const losses =
            plan.algorithm === 2
              ? painterlyStep(net, variable, targets, plan.weights, optimizer, nextShift(), stageContent!)
              : styleStep(net, variable, targets, plan.weights, optimizer);
          const values = Array.from(await losses.data());
          losses.dispose();
          step++;
          stopped = (await onStep({ image: variable, step, total: plan.steps, losses: values })) === false || step === plan.stopAfter;
        }
      } finally {
        image = tf.clone(variable);
        variable.dispose();
        optimizer.dispose();
        tf.dispose([...targetTensors(targets), ...(stageContent ? [stageContent] : [])]);
      }
      if (stopped) break;
    }
    if (image.shape[1] !== height) {
      const full = resizeTo(image, [height, width]); // stopped during the coarse stage
      image.dispose();
      image = full;
    }
    if (plan.preserveColor === 'luminance') {
      const coloured = tf.tidy(() => keepContentChroma(image, resizeTo(content, [image.shape[1], image.shape[2]])));
      image.dispose();
      image = coloured;
    }
    return image;
  } catch (e) {
    image.dispose();
    throw e;
  } finally {
    if (recoloured) tf.dispose(recoloured);
  }
}

/**
 * One optimisation step at every stage's size, read by nothing: run in the engine's compile-only mode
 * (lib/engine/warm-up.ts) it makes the GPU compile the transfer's programs before its first step.
 */
export function warmUpStyle(net: InceptionV3, content: tf.Tensor4D, styles: StyleSource[], plan: StylePlan): void {
  const [, height, width] = content.shape;
  for (const size of stageSizes(height, width, plan.coarseToFine)) {
    const stageContent = resizeTo(content, size);
    const targets = styleTargets(net, stageContent, styles, plan.weights);
    const image = tf.variable(stageContent);
    const optimizer = tf.train.adam(plan.learningRate);
    try {
      const losses = plan.algorithm === 2 ? painterlyStep(net, image, targets, plan.weights, optimizer, [1, 1], stageContent) : styleStep(net, image, targets, plan.weights, optimizer);
      losses.dispose();
    } finally {
      tf.dispose([stageContent, image, ...targetTensors(targets)]);
      optimizer.dispose();
    }
  }
}
