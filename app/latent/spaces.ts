/**
 * The latent spaces the studio offers: per dataset, a 2-D model for the map and a larger one for the
 * sliders (faces have sliders only), each with the atlas measured from its training set.
 */
import type { LatentAtlas } from '@/models/vae/atlas';
import faces from '@/models/vae-faces/atlas.json';
import fashion2d from '@/models/vae-fashion-2d/atlas.json';
import fashion from '@/models/vae-fashion/atlas.json';
import mnist2d from '@/models/vae-mnist-2d/atlas.json';
import mnist from '@/models/vae-mnist/atlas.json';

export type View = 'map' | 'sliders';

export interface LatentSpace {
  /** Registry id of the VAE. */
  model: string;
  dataset: 'digits' | 'fashion' | 'faces';
  view: View;
  atlas: LatentAtlas;
  /** Class names by label, for the map. */
  classes: string[];
  /** How a person gives the model an image: draw on a pad (28 px, white on black) or upload a photo. */
  input: 'draw' | 'upload';
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const CLOTHES = ['T-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];

export const SPACES: LatentSpace[] = [
  {
    model: 'vae-mnist-2d',
    dataset: 'digits',
    view: 'map',
    atlas: mnist2d as LatentAtlas,
    classes: DIGITS,
    input: 'draw',
  },
  {
    model: 'vae-mnist',
    dataset: 'digits',
    view: 'sliders',
    atlas: mnist as LatentAtlas,
    classes: DIGITS,
    input: 'draw',
  },
  {
    model: 'vae-fashion-2d',
    dataset: 'fashion',
    view: 'map',
    atlas: fashion2d as LatentAtlas,
    classes: CLOTHES,
    input: 'draw',
  },
  {
    model: 'vae-fashion',
    dataset: 'fashion',
    view: 'sliders',
    atlas: fashion as LatentAtlas,
    classes: CLOTHES,
    input: 'draw',
  },
  { model: 'vae-faces', dataset: 'faces', view: 'sliders', atlas: faces as LatentAtlas, classes: [], input: 'upload' },
];

export const DATASETS = [
  { id: 'digits', title: 'Digits', note: 'MNIST handwritten digits' },
  { id: 'fashion', title: 'Fashion', note: 'Fashion-MNIST clothes' },
  { id: 'faces', title: 'Faces', note: 'CelebA faces, 64 px' },
] as const;

export function spaceOf(model: string): LatentSpace | undefined {
  return SPACES.find((s) => s.model === model);
}

export function spaceFor(dataset: LatentSpace['dataset'], view: View): LatentSpace {
  return SPACES.find((s) => s.dataset === dataset && s.view === view) ?? SPACES.find((s) => s.dataset === dataset)!;
}

/** One colour per class label, distinct on the dark panel. */
export const CLASS_COLOURS = [
  '#f2b66d',
  '#6dd3f2',
  '#f27d9b',
  '#9bf26d',
  '#c59bf2',
  '#f2e86d',
  '#6df2c1',
  '#f29b6d',
  '#8fa8ff',
  '#e0e0e0',
];
