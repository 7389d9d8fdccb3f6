// A recipe's plan: what models/ runs to remake the creation. The studios and `npm run showcase` both derive
// their runs from here, so a committed showcase recipe makes in Node what its link makes in the browser.
import type * as tf from '@tensorflow/tfjs';
import { type DreamPlan } from '../../models/deepdream/run';
import { DEFAULT_TILING } from '../../models/deepdream/tiles';
import { type InceptionLayer, MIN_INPUT_SIDE } from '../../models/inception-v3/model';
import type { StylePlan } from '../../models/style/run';
import { defaultWeights } from '../../models/style/weights';
import type { DreamRecipe, StyleRecipe } from '../share/recipe';

/** The smallest short side the image studios' network takes: resolveImage raises a thin image's size to it. */
export const MIN_SHORT_SIDE = MIN_INPUT_SIDE;

/**
 * The working size a run used (the size of the recipe its frames report), with a note for the page when it is
 * larger than the recipe's: resolveImage raised it for a thin image.
 */
export function workingSize(recipe: { size: number }, pixels: tf.Tensor4D): { size: number; note?: string } {
  const used = Math.max(pixels.shape[1], pixels.shape[2]);
  if (used <= recipe.size) return { size: recipe.size };
  const note =
    `The working size went up from ${recipe.size} to ${used} px so that the image's short side reaches ` +
    `${MIN_SHORT_SIDE} px, the least InceptionV3 takes. Links and saves record ${used} px.`;
  return { size: used, note };
}

/** Dreams larger than this (long side, px) take their gradients tile by tile. */
export const TILE_ABOVE = 1024;

export const dreamLayers = (recipe: DreamRecipe) =>
  recipe.layers.map((l) => ({ name: l.name as InceptionLayer, weight: l.weight }));

/** The dream plan of a recipe for an image of width x height; `guide` is the guide's feature vectors, if any. */
export function dreamPlanOf(recipe: DreamRecipe, width: number, height: number, guide?: tf.Tensor1D[]): DreamPlan {
  return {
    ...recipe,
    layers: dreamLayers(recipe),
    guide,
    channel: guide ? undefined : recipe.channel,
    mask: undefined,
    tiling: Math.max(width, height) > TILE_ABOVE ? DEFAULT_TILING : undefined,
  };
}

/** The style plan of a recipe; links from before algorithm 2 name none and keep algorithm 1. */
export const stylePlanOf = (r: StyleRecipe): StylePlan => ({
  algorithm: r.algorithm ?? 1,
  weights: {
    ...defaultWeights(r.algorithm ?? 1),
    contentWeight: r.contentWeight,
    styleWeight: r.styleWeight,
    tvWeight: r.tvWeight,
  },
  steps: r.steps,
  learningRate: r.learningRate,
  init: r.init,
  seed: r.seed,
  styleScale: r.styleScale,
  coarseToFine: r.coarseToFine,
  preserveColor: r.preserveColor,
  stopAfter: r.stopAt,
  strength: r.strength,
});
