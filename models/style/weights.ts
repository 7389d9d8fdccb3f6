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
  styleLayers: [
    { name: 'mixed0', weight: 1 },
    { name: 'mixed1', weight: 1 },
    { name: 'mixed2', weight: 1 },
    { name: 'mixed3', weight: 1 },
    { name: 'mixed4', weight: 1 },
  ],
  contentWeight: 200,
  styleWeight: 1000,
  tvWeight: 10,
};

/**
 * The style algorithms a recipe can name (lib/share/recipe.ts): 1 plain Gatys, 2 jittered and blurred (painterly.ts),
 * 3 a pyramid in the painting's colours seen through random views (painted.ts).
 */
export type StyleAlgorithm = 1 | 2 | 3;
// What a new run uses: algorithm 3 beat algorithm 2 on the 16-pair evaluation (models/style/README.md).
export const LATEST_STYLE_ALGORITHM = 3 as const satisfies StyleAlgorithm;

/**
 * The loss weights a new run of an algorithm starts from. Algorithm 2's content weight is 4x algorithm 1's: its
 * palette start and smoothed steps move the picture further, and at 200 the content's structure fades (measured
 * with `npm run eval -- style`: models/style/README.md).
 */
export const defaultWeights = (algorithm: StyleAlgorithm): StyleWeights => ({
  ...DEFAULT_WEIGHTS,
  contentWeight: algorithm === 1 ? 200 : 800,
  ...(algorithm === 3 ? { styleLayers: ALGORITHM_3_LAYERS } : {}),
});

/** Algorithm 3 leans on the deeper layers, whose Grams describe larger patterns (strokes, swirls, bands). */
const ALGORITHM_3_LAYERS: StyleWeights['styleLayers'] = [0.5, 0.5, 1, 2, 2].map((weight, i) => ({
  name: DEFAULT_WEIGHTS.styleLayers[i].name,
  weight,
}));

/**
 * Algorithm 3's loss weights at a strength s in 0..1: the style and smoothness terms scaled by s 100^(s - 1), so 0
 * leaves only the content term (the photo stays as it is), 1 is the full weights, and each step of the slider
 * changes the balance by a similar factor, as a person perceives it.
 */
export function strengthWeights(w: StyleWeights, strength: number): StyleWeights {
  const factor = strength * 100 ** (strength - 1);
  return { ...w, styleWeight: w.styleWeight * factor, tvWeight: w.tvWeight * factor };
}
