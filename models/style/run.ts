// The whole style transfer: optional colour matching, coarse-to-fine stages (optimise small, upsample,
// refine), Adam on the image, luminance-only transfer at the end. The caller's onStep hook shows progress
// and may stop the run; this file knows no UI. Algorithm 1 is plain Gatys on InceptionV3; algorithm 2
// (painterly.ts) adds jitter, a blurred gradient and a palette start; algorithm 3 (painted.ts) optimises a
// pyramid in the painting's colours through random views. Recipes name theirs, so old links keep their old
// pictures: a change to what an algorithm computes is a new algorithm number (painterly.test.ts and
// painted.test.ts pin their pixels).
import * as tf from '@tensorflow/tfjs';
import { type InceptionV3, MIN_INPUT_SIDE } from '../inception-v3/model';
import { type ColourBasis, IMAGENET_BASIS } from '../core/pyramid';
import {
  canvasFrom,
  canvasImage,
  colourBasis,
  PAINTED_DEFAULTS,
  type PaintedOptions,
  paintedStep,
  PYRAMID_STEP_PER_LEVEL,
  type View,
  viewScales,
  viewSequence,
  forwardOf,
} from './painted';
import { jitterSequence, painterlyStep } from './painterly';
import {
  type ColourStats,
  colourStats,
  keepContentChroma,
  matchColours,
  pooledColourStats,
  recolour,
  type StyleSource,
  type StyleTargets,
  styleStep,
  styleTargets,
  targetTensors,
} from './style';
import {
  defaultWeights,
  LATEST_STYLE_ALGORITHM,
  strengthWeights,
  type StyleAlgorithm,
  type StyleWeights,
} from './weights';

export { defaultWeights, LATEST_STYLE_ALGORITHM, type StyleAlgorithm };

export interface StylePlan {
  algorithm: StyleAlgorithm;
  weights: StyleWeights;
  /** Adam steps in all (the coarse stage takes half when there is one). */
  steps: number;
  /** Adam's step, in pixel levels (0..255); algorithm 3 takes it times PYRAMID_STEP_PER_LEVEL on its pyramid. */
  learningRate: number;
  init: 'content' | 'noise';
  seed: number;
  /** Style image's long side relative to the working image's: below 1, larger brush strokes. */
  styleScale: number;
  coarseToFine: boolean;
  preserveColor: 'none' | 'luminance' | 'histogram';
  /** End after this many steps, as a run stopped there by its onStep hook ends (to replay such a run). */
  stopAfter?: number;
  /** Algorithm 3: 0 keeps the photo, 1 is the full style (strengthWeights); absent is 1. */
  strength?: number;
  /** Algorithm 3's parts, for the ablation (scripts/eval-style.ts); absent is PAINTED_DEFAULTS. */
  painted?: Partial<PaintedOptions>;
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

/** The styles' colours pooled by weight (pixels 0..255). */
const paletteOf = async (styles: StyleSource[]): Promise<ColourStats> =>
  pooledColourStats(
    await Promise.all(styles.map(async (s) => ({ stats: await colourStats(s.pixels), weight: s.weight }))),
  );

/**
 * Where a run from the content begins: the content itself (algorithm 1, or when its colours are kept), else
 * the content's luminance with the chroma of the content recoloured to the styles' pooled palette (algorithms 2
 * and 3; algorithm 3 goes that far toward it as its strength says).
 */
async function startingImage(
  content: tf.Tensor4D,
  styles: StyleSource[],
  plan: StylePlan,
  size: [number, number],
): Promise<tf.Tensor4D> {
  const sized = resizeTo(content, size);
  if (plan.algorithm === 1 || plan.preserveColor !== 'none') return sized;
  const recoloured = recolour(sized, await colourStats(sized), await paletteOf(styles));
  // The palette's chroma on the content's own luminance: colour moves at once, structure stays where it was.
  const out = tf.tidy(() => {
    const start = keepContentChroma(sized, recoloured);
    return plan.algorithm === 3
      ? (start
          .sub(sized)
          .mul(plan.strength ?? 1)
          .add(sized) as tf.Tensor4D)
      : start;
  });
  tf.dispose([sized, recoloured]);
  return out;
}

/** One coarse-to-fine stage's optimisation, whatever the algorithm. */
interface Stage {
  /** One step; [total, content, style, tv] before it, for the caller to read and dispose. */
  step(): tf.Tensor1D;
  /** The picture now; borrowed: valid until the next step. */
  picture(): tf.Tensor4D;
  /** Frees the stage; returns its picture, which the caller owns. */
  finish(): tf.Tensor4D;
}

/** Algorithms 1 and 2: Adam on the pixels (algorithm 2 through painterly.ts's shifts and blurred gradient). */
function pixelStage(
  net: InceptionV3,
  plan: StylePlan,
  start: tf.Tensor4D,
  targets: StyleTargets,
  content: tf.Tensor4D,
  nextShift: () => [number, number],
): Stage {
  const variable = tf.variable(start);
  const optimizer = tf.train.adam(plan.learningRate);
  const w = plan.weights;
  return {
    step: () =>
      plan.algorithm === 2
        ? painterlyStep(net, variable, targets, w, optimizer, nextShift(), content)
        : styleStep(net, variable, targets, w, optimizer),
    picture: () => variable,
    finish: () => {
      const out = tf.clone(variable);
      variable.dispose();
      optimizer.dispose();
      return out;
    },
  };
}

/** Algorithm 3: Adam on a pyramid in the painting's colours, each step through a random view (painted.ts). */
function paintedStage(
  net: InceptionV3,
  plan: StylePlan,
  start: tf.Tensor4D,
  targets: StyleTargets,
  content: tf.Tensor4D,
  nextView: () => View,
  basis: ColourBasis,
): Stage {
  const options = paintedOptions(plan);
  const canvas = canvasFrom(start, options, basis);
  // Adam moves by about its rate whatever the gradient's size, so the rate scales with the strength too: at 0 the
  // photo stays exactly as it starts, not nudged by the rounding left in its content loss.
  const strength = plan.strength ?? 1;
  const optimizer = tf.train.adam(plan.learningRate * PYRAMID_STEP_PER_LEVEL * strength);
  const weights = strengthWeights(plan.weights, strength);
  let shown: tf.Tensor4D | null = null;
  const forget = () => {
    shown?.dispose();
    shown = null;
  };
  return {
    step: () => {
      forget();
      return paintedStep(net, canvas, targets, weights, optimizer, nextView(), content, forwardOf(options));
    },
    picture: () => (shown ??= canvasImage(canvas)),
    finish: () => {
      forget();
      const out = canvasImage(canvas);
      tf.dispose(canvas.grids);
      optimizer.dispose();
      return out;
    },
  };
}

const paintedOptions = (plan: StylePlan): PaintedOptions => ({ ...PAINTED_DEFAULTS, ...plan.painted });

/** Styles `content` ([1, H, W, 3] in 0..255, not disposed) after `styles`; returns a new tensor the caller owns.
 * `start` (not disposed), e.g. a previous result, is where the optimisation begins instead of `plan.init`. */
export async function transferStyle(
  net: InceptionV3,
  content: tf.Tensor4D,
  styles: StyleSource[],
  plan: StylePlan,
  onStep: (r: StyleReport) => Promise<boolean | void> | boolean | void,
  start?: tf.Tensor4D,
): Promise<tf.Tensor4D> {
  const [, height, width] = content.shape;
  const sizes = stageSizes(height, width, plan.coarseToFine);
  const recoloured =
    plan.preserveColor === 'histogram' ? await Promise.all(styles.map((s) => matchColours(s.pixels, content))) : null;
  const styleImages = styles.map((s, i) => ({ ...s, pixels: recoloured?.[i] ?? s.pixels }));
  const painted = plan.algorithm === 3 ? paintedOptions(plan) : null;
  const basis = painted && colourBasis(painted, await paletteOf(styleImages));
  let image: tf.Tensor4D = start
    ? resizeTo(start, sizes[0])
    : plan.init === 'noise'
      ? tf.randomUniform([1, ...sizes[0], 3], 0, 255, 'float32', plan.seed)
      : await startingImage(content, styles, plan, sizes[0]);
  const nextShift = jitterSequence(plan.seed);
  const nextView = viewSequence(plan.seed, painted?.scaleJitter ?? 0, painted?.shift);
  let step = 0;
  try {
    for (let k = 0; k < sizes.length; k++) {
      const size = sizes[k];
      const stageSteps = k < sizes.length - 1 ? Math.ceil(plan.steps / 2) : plan.steps - step;
      const forward = forwardOf(painted);
      const targets = tf.tidy(() => {
        const long = Math.max(...size) * plan.styleScale;
        const scaled = styleImages.map((s) => {
          const [, sh, sw] = s.pixels.shape;
          const f = Math.max(MIN_INPUT_SIDE / Math.min(sh, sw), long / Math.max(sh, sw));
          return { ...s, pixels: resizeTo(s.pixels, [Math.round(sh * f), Math.round(sw * f)]) };
        });
        return styleTargets(net, resizeTo(content, size), scaled, plan.weights, forward);
      });
      // Algorithms 2 and 3 move the image each step, and its content target with it (painterly.ts, painted.ts).
      const stageContent = plan.algorithm === 1 ? null : resizeTo(content, size);
      const stageTensors = () => [...targetTensors(targets), ...(stageContent ? [stageContent] : [])];
      const sized = image.shape[1] === size[0] ? image : resizeTo(image, size);
      let stage: Stage;
      try {
        stage = basis
          ? paintedStage(net, plan, sized, targets, stageContent!, nextView, basis)
          : pixelStage(net, plan, sized, targets, stageContent!, nextShift);
      } catch (e) {
        tf.dispose([...stageTensors(), ...(sized === image ? [] : [sized])]);
        throw e;
      }
      tf.dispose([image, sized]); // the stage holds what it needs of the pixels
      let stopped = false;
      try {
        for (let i = 0; i < stageSteps && !stopped; i++) {
          const losses = stage.step();
          const values = Array.from(await losses.data());
          losses.dispose();
          step++;
          const report = { image: stage.picture(), step, total: plan.steps, losses: values };
          stopped = (await onStep(report)) === false || step === plan.stopAfter;
        }
      } finally {
        image = stage.finish();
        tf.dispose(stageTensors());
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
 * One optimisation step at every stage's size (for algorithm 3, one at each of its view scales), read by nothing:
 * run in the engine's compile-only mode (lib/engine/warm-up.ts) it makes the GPU compile the transfer's programs
 * before its first step.
 */
export function warmUpStyle(net: InceptionV3, content: tf.Tensor4D, styles: StyleSource[], plan: StylePlan): void {
  const [, height, width] = content.shape;
  const painted = plan.algorithm === 3 ? paintedOptions(plan) : null;
  for (const size of stageSizes(height, width, plan.coarseToFine)) {
    const stageContent = resizeTo(content, size);
    const targets = styleTargets(net, stageContent, styles, plan.weights, forwardOf(painted));
    // Algorithm 3 sees the picture at each of its view scales: one step at each compiles them all.
    const scales = painted ? viewScales(painted.scaleJitter) : [1];
    let k = 0;
    const nextView = () => ({ dy: 1, dx: 1, scale: scales[k++ % scales.length] });
    const stage = painted
      ? paintedStage(net, plan, stageContent, targets, stageContent, nextView, IMAGENET_BASIS)
      : pixelStage(net, plan, stageContent, targets, stageContent, () => [1, 1]);
    try {
      for (const _ of scales) stage.step().dispose();
    } finally {
      tf.dispose([stageContent, stage.finish(), ...targetTensors(targets)]);
    }
  }
}
