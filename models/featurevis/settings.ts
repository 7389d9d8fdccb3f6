/**
 * The settings of a channel visualisation (featurevis.ts), without tfjs: the page builds recipes from them.
 */
import type { InceptionLayer } from '../inception-v3/layers';

export interface FeatureVisSettings {
  /** the layer of the channel */
  layer: InceptionLayer;
  /** the channel whose mean activation is raised */
  channel: number;
  /** side of the square image, px */
  size: number;
  /** grids in the pyramid: the coarsest is size / 2^(levels - 1) on a side */
  levels: number;
  /** Adam's step on the pyramid's values */
  learningRate: number;
  /** largest random shift each step, px */
  jitter: number;
  /** largest random change of scale each step, as a fraction (0.1: 90% to 110%) */
  scaleJitter: number;
  /** the starting noise's and the transforms' seed */
  seed: number;
}

// Chosen by looking at mixed3 channels 10 and 50 after 48 steps: 4 levels and a 0.35 colour damping left fine
// rainbow speckle; 5 levels at 0.03 with colour at 0.5 gave clear scales and waves, and the larger activations.
export const FEATURE_VIS_DEFAULTS: Omit<FeatureVisSettings, 'layer' | 'channel' | 'seed'> = {
  size: 128,
  levels: 5,
  learningRate: 0.03,
  jitter: 8,
  scaleJitter: 0.1,
};
