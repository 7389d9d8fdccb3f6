// The Lab's runs: a digit's every layer, making the classifier see a class, denoising, and what an InceptionV3
// channel looks for.
import * as tf from '@tensorflow/tfjs';
import type { DigitClassifier } from '../../../models/classifier/model';
import { LAYER_NAMES } from '../../../models/classifier/settings';
import { seeClassJitter, seeClassStep } from '../../../models/classifier/see-class';
import { visualiseChannel } from '../../../models/featurevis/featurevis';
import type { InceptionV3 } from '../../../models/inception-v3/model';
import { corruptDigit } from '../../../models/vae/corrupt';
import type { VAE } from '../../../models/vae/model';
import { bitmapOf } from '../pixels';
import type { RunContext } from './context';
import { Cancelled } from '../errors';
import type { DigitLayers, Frame, PlanOf } from '../protocol';

const digitOf = (pixels: Float32Array) => tf.tensor4d(pixels, [1, 28, 28, 1]);

/** A [1, 28, 28, 1] image in [0, 1] as a greyscale bitmap. */
async function bitmapOfDigit(x: tf.Tensor4D): Promise<ImageBitmap> {
  const values = await x.data();
  const image = new ImageData(28, 28);
  values.forEach((v, i) => {
    const level = Math.round(255 * Math.min(1, Math.max(0, v)));
    image.data.set([level, level, level, 255], i * 4);
  });
  return createImageBitmap(image);
}

/**
 * Every shown layer of a digit (and the digit, `pixels`), the probabilities, and the conv layers' kernels and biases
 * (`conv1.kernel`, ...), so the page can show which units feed a unit and through which weights.
 */
export async function runDigitLayers(
  context: RunContext,
  plan: PlanOf<'digit-layers'>,
): Promise<Frame<'digit-layers'>> {
  const classifier = await context.model<DigitClassifier>(plan.model);
  const x = digitOf(plan.pixels);
  const layers = classifier.layers(x);
  const probabilities = tf.tidy(() => tf.softmax(layers.logits));
  try {
    const data: DigitLayers = { pixels: plan.pixels, probabilities: (await probabilities.data()) as Float32Array };
    for (const name of LAYER_NAMES) data[name] = (await layers[name].data()) as Float32Array;
    for (const name of ['conv1', 'conv2'] as const) {
      const { kernel, bias } = classifier.weights(name);
      data[`${name}.kernel`] = (await kernel.data()) as Float32Array;
      data[`${name}.bias`] = (await bias.data()) as Float32Array;
    }
    return { step: 1, total: 1, data };
  } finally {
    tf.dispose([x, probabilities, ...Object.values(layers)]);
  }
}

export async function runSeeClass(context: RunContext, plan: PlanOf<'see-class'>): Promise<Frame<'see-class'>> {
  const [classifier, judge] = await Promise.all([
    context.model<DigitClassifier>(plan.model),
    context.model<DigitClassifier>(plan.judge),
  ]);
  const shifts = seeClassJitter(plan.settings);
  let x = digitOf(plan.pixels);
  const frameOf = async (step: number): Promise<Frame<'see-class'>> => {
    const [seen, judged] = [classifier.probabilities(x), judge.probabilities(x)];
    try {
      return {
        step,
        total: plan.steps,
        image: await bitmapOfDigit(x),
        data: { probabilities: (await seen.data()) as Float32Array, judged: (await judged.data()) as Float32Array },
      };
    } finally {
      tf.dispose([seen, judged]);
    }
  };
  try {
    for (let step = 1; step <= plan.steps; step++) {
      const next = seeClassStep(classifier, x, plan.settings, shifts());
      x.dispose();
      x = next;
      if (step === plan.steps) break;
      if (!(await context.show(await frameOf(step)))) {
        if (context.cancelled) throw new Cancelled();
        return frameOf(step);
      }
    }
    return await frameOf(plan.steps);
  } finally {
    x.dispose();
  }
}

export async function runDenoise(context: RunContext, plan: PlanOf<'denoise'>): Promise<Frame<'denoise'>> {
  const [vae, classifier] = await Promise.all([
    context.model<VAE>(plan.model),
    context.model<DigitClassifier>(plan.classifier),
  ]);
  const noisy = digitOf(corruptDigit(plan.pixels, plan.corruption));
  const cleaned = tf.tidy(() => vae.decode(vae.encode(noisy).mu)) as tf.Tensor4D;
  const guesses = tf.tidy(() => classifier.probabilities(tf.concat([noisy, cleaned])));
  try {
    const p = (await guesses.data()) as Float32Array;
    return {
      step: 1,
      total: 1,
      image: await bitmapOfDigit(cleaned),
      data: {
        noisy: (await noisy.data()) as Float32Array,
        cleaned: (await cleaned.data()) as Float32Array,
        noisyProbabilities: p.slice(0, 10),
        cleanedProbabilities: p.slice(10),
      },
    };
  } finally {
    tf.dispose([noisy, cleaned, guesses]);
  }
}

export async function runFeatureVis(context: RunContext, plan: PlanOf<'feature-vis'>): Promise<Frame<'feature-vis'>> {
  const net = await context.model<InceptionV3>(plan.model);
  let stopped = false;
  const made = await visualiseChannel(net, plan.settings, plan.steps, async (step, image) => {
    if (await context.show({ step, total: plan.steps, image: await bitmapOf(image), data: null })) return true;
    stopped = true;
    return false;
  });
  try {
    if (stopped && context.cancelled) throw new Cancelled();
    return {
      step: plan.steps,
      total: plan.steps,
      image: await bitmapOf(made.image),
      data: { start: made.start, end: made.end },
    };
  } finally {
    made.image.dispose();
  }
}
