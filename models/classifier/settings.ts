/**
 * What the page needs to know of the digit classifier without loading tfjs (the page never does; only the engine's
 * Worker runs models): its layers' names and the settings of "make it see a class" (see-class.ts).
 */
import { mulberry32 } from '../core/random';

/** The layers the Lab shows, in order: conv and pool outputs are [B, h, w, channels], dense ones [B, units]. */
export const LAYER_NAMES = ['conv1', 'pool1', 'conv2', 'pool2', 'dense', 'logits'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export interface SeeClassSettings {
  /** the digit to make the classifier see, 0-9 */
  target: number;
  /** pixel change per step, in 0..1 units, for the largest gradient entry */
  stepSize: number;
  /** largest random shift of the image each step, px */
  jitter: number;
  /** weight of the total-variation penalty against the log-probability */
  tvWeight: number;
  /** the jitter's seed: the same seed replays the same steps */
  seed: number;
  /** what the ascent raises: the class's logit, or (the first links) its log-probability, which saturates */
  objective: 'logit' | 'log-probability';
  /** share of every pixel's value taken away each step, so pixels the class does not need fade to black */
  decay: number;
}

export const SEE_CLASS_DEFAULTS: Omit<SeeClassSettings, 'target' | 'seed'> = {
  stepSize: 0.08,
  jitter: 1,
  tvWeight: 10,
  objective: 'logit',
  decay: 0.03,
};
/** What "make it see" starts from: the digit on screen, a black square, or seeded noise. */
export const SEE_CLASS_STARTS = ['drawing', 'blank', 'noise'] as const;
export type SeeClassStart = (typeof SEE_CLASS_STARTS)[number];

/** The pixels [784] in [0, 1] an ascent starts from; noise is uniform in 0..0.5, seeded. */
export function seeClassStartPixels(start: SeeClassStart, drawing: Float32Array, seed: number): Float32Array {
  if (start === 'drawing') return drawing;
  if (start === 'blank') return new Float32Array(drawing.length);
  const random = mulberry32(seed ^ 0x5ee);
  return Float32Array.from(drawing, () => 0.5 * random());
}

/** What a link made before `objective` and `decay` existed ran with. */
export const SEE_CLASS_FIRST = { objective: 'log-probability', decay: 0 } as const;
