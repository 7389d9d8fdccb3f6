// The style algorithms and their loss weights, without tensors: the page's controls and the recipes use them;
// style.ts and run.ts compute with them.
import type { InceptionLayer } from '../inception-v3/layers';

export interface StyleWeights {
  /** Layer whose features carry the content. */
  contentLayer: InceptionLayer;
  /** Layers whose Gram matrices carry the style, with their weights. */
  styleLayers: { name: InceptionLayer; weight: number }[];
  contentWeight: number;
  styleWeight: number;
  tvWeight: number;
}

export const DEFAULT_WEIGHTS: StyleWeights = {
  contentLayer: 'mixed3',
  styleLayers: [{ name: 'mixed0', weight: 1 }, { name: 'mixed1', weight: 1 }, { name: 'mixed2', weight: 1 }, { name: 'mixed3', weight: 1 }, { name: 'mixed4', weight: 1 }],
  contentWeight: 200,
  styleWeight: 1000,
  tvWeight: 10,
};

/** The style algorithms a recipe can name (lib/share/recipe.ts): 1 plain Gatys, 2 jittered and blurred (painterly.ts). */
export type StyleAlgorithm = 1 | 2;
export const LATEST_STYLE_ALGORITHM: StyleAlgorithm = 2;

/**
 * The loss weights a new run of an algorithm starts from. Algorithm 2's content weight is 4x algorithm 1's: its
 * palette start and smoothed steps move the picture further, and at 200 the content's structure fades (measured
 * with `npm run eval -- style`: models/style/README.md).
 */
export const defaultWeights = (algorithm: StyleAlgorithm): StyleWeights => ({ ...DEFAULT_WEIGHTS, contentWeight: algorithm === 2 ? 800 : 200 });
