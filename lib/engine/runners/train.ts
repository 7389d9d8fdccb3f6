// Training a person's own CharRNN in the engine: TextFit's steps between frames, so the page shows the losses and
// samples as they come, and Pause, Resume and Stop (finish: keep the weights so far) act at the next step.
import * as tf from '@tensorflow/tfjs';
import { TextFit } from '../../../models/charrnn/fit';
import { weightShapes } from '../../../models/charrnn/own-text';
import type { CharRNNWeights } from '../../../models/charrnn/train';
import { encode } from '../../../models/charrnn/vocab';
import { Cancelled } from '../errors';
import type { CharRNN } from '../../../models/charrnn/model';
import type { Frame, FrameData, ModelKey, PlanOf } from '../protocol';
import type { RunContext } from './context';

/** A sample's prime: a new line, so the model starts as its text starts a line; drawn with the studio's shaping. */
const SAMPLE_PRIME = '\n';
const SAMPLING = { temperature: 0.8, topK: 0, topP: 0.95 };
/** A report's held-out loss reads this much of the held-out text (the first 4,096 characters: quick, and the same
 * characters every time, so the line is comparable). */
const HELD_OUT_REPORTED = 4096;

/** Weights sent as arrays, as variables again (tidy frees the tensors they are copied from; variables stay). */
const variablesOf = (weights: Record<string, Float32Array>, shapes: Record<string, number[]>): CharRNNWeights =>
  tf.tidy(() =>
    Object.fromEntries(Object.entries(weights).map(([name, v]) => [name, tf.variable(tf.tensor(v, shapes[name]))])),
  );

/** A shipped model's weights as variables of their own: a variable starts on its tensor's data, and training assigns
 * new data to the variable only, so the shipped model the studio writes with is left as it was. */
async function baseVariables(context: RunContext, base: ModelKey): Promise<CharRNNWeights> {
  const rnn = await context.model<CharRNN>(base);
  return Object.fromEntries(Object.entries(rnn.namedWeights).map(([name, t]) => [name, tf.variable(t)]));
}

export async function runCharRNNTrain(
  context: RunContext,
  plan: PlanOf<'charrnn-train'>,
): Promise<Frame<'charrnn-train'>> {
  const from = plan.from
    ? variablesOf(plan.from, weightShapes(plan.shape))
    : plan.base && (await baseVariables(context, plan.base));
  let fit: TextFit;
  try {
    fit = new TextFit(encode(plan.text), plan.shape, plan.settings, from ?? undefined, plan.start);
  } catch (e) {
    if (from) tf.dispose(Object.values(from)); // a text too short: the weights it was to go on from are freed
    throw e;
  }
  try {
    if (plan.from && plan.fromMoments) await fit.trainer.restoreMoments(plan.fromMoments);
    const unigram = fit.unigramEntropy();
    let learning = 0; // milliseconds spent in steps, not in reports or pauses
    const startedAt = fit.charsRead;
    const report = async (
      trainLoss: number,
      sample: boolean,
      withWeights: boolean,
    ): Promise<FrameData['charrnn-train']> => ({
      steps: fit.steps,
      charsRead: fit.charsRead,
      trainLoss,
      heldOutLoss: await fit.heldOutLoss(8, HELD_OUT_REPORTED),
      unigram,
      charsPerSecond: Math.round((1000 * (fit.charsRead - startedAt)) / Math.max(1, learning)),
      sample: sample ? fit.sample(SAMPLE_PRIME, plan.sampleLength, fit.steps, SAMPLING) : null,
      weights: withWeights
        ? Object.fromEntries(Object.entries(fit.weights).map(([k, v]) => [k, v.dataSync() as Float32Array]))
        : null,
      moments: withWeights ? await fit.trainer.momentsOf() : null,
    });
    let trainLoss = NaN;
    while (fit.steps < plan.steps) {
      const started = performance.now();
      trainLoss = await fit.step();
      learning += performance.now() - started;
      if (fit.steps % plan.reportEvery !== 0 || fit.steps === plan.steps) {
        // A large model takes seconds a step: Pause and Stop act at the next step, not the next report.
        if (await context.between()) continue;
        if (context.cancelled) throw new Cancelled();
        break;
      }
      const data = await report(trainLoss, fit.steps % plan.sampleEvery === 0, fit.steps % plan.checkpointEvery === 0);
      if (await context.show({ step: fit.steps, total: plan.steps, text: data.sample ?? undefined, data })) continue;
      if (context.cancelled) throw new Cancelled();
      break; // finished early: the weights so far
    }
    const data = await report(trainLoss, true, true);
    return { step: fit.steps, total: plan.steps, text: data.sample ?? undefined, data };
  } finally {
    fit.dispose();
  }
}
