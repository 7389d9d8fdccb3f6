// InceptionV3's named layers and its smallest input, without tensors (the page's controls use them).

/** The layers offered anywhere in the product: mixed0..mixed5 are frozen ImageNet weights;
 * nsfwjs fine-tuned mixed6 and above for another task, so they are not shipped at all. */
export const INCEPTION_LAYERS = ['mixed0', 'mixed1', 'mixed2', 'mixed3', 'mixed4', 'mixed5'] as const;
export type InceptionLayer = (typeof INCEPTION_LAYERS)[number];

/** Channels of each layer's output. */
export const INCEPTION_CHANNELS: Record<InceptionLayer, number> = {
  mixed0: 256,
  mixed1: 288,
  mixed2: 288,
  mixed3: 768,
  mixed4: 768,
  mixed5: 768,
};

/** Smallest input side the stem accepts (its valid convs and pools shrink 75 px to 1 px at mixed5). */
export const MIN_INPUT_SIDE = 75;
