// The recipes behind the home page's pictures (scripts/showcase.ts renders them). Each names its models by
// version fingerprint and its presets by hash, so the link keeps remaking the same picture after new weights or
// presets ship.
import { registryEntry } from '../../models/registry';
import { defaultWeights, LATEST_STYLE_ALGORITHM } from '../../models/style/weights';
import { presetRef } from '../canvas/presets';
import { modelRefFor } from '../share/model-ref';
import { encodeLatent, type Recipe } from '../share/recipe';

const INCEPTION = modelRefFor(registryEntry('inception-v3'));
const STYLE_WEIGHTS = defaultWeights(LATEST_STYLE_ALGORITHM);

/** The studios the home page shows a picture of (the digit studios are for exploring, not pictures). */
type ShowcaseRecipe = Extract<Recipe, { studio: 'dream' | 'style' | 'faces' | 'latent' | 'text' }>;

/** The home page's examples: one per pictured studio. */
export const SHOWCASE_RECIPES: { recipe: ShowcaseRecipe; alt: string }[] = [
  {
    alt: 'DeepDream on a photo of a cat: swirls and eyes grow from its fur',
    recipe: {
      studio: 'dream',
      v: 1,
      model: INCEPTION,
      input: presetRef('cat-1'),
      size: 384,
      layers: [
        { name: 'mixed3', weight: 1 },
        { name: 'mixed5', weight: 1 },
      ],
      octaves: 3,
      octaveScale: 1.4,
      steps: 10,
      stepSize: 0.012,
      jitter: 16,
      seed: 1,
    },
  },
  {
    alt: "Adolphe Braun's Alpine Landscape painted in the style of van Gogh's The Starry Night",
    recipe: {
      studio: 'style',
      v: 1,
      model: INCEPTION,
      algorithm: LATEST_STYLE_ALGORITHM,
      content: presetRef('alps-1'),
      styles: [{ image: presetRef('starry-night-1'), weight: 1 }],
      size: 384,
      steps: 200,
      contentWeight: STYLE_WEIGHTS.contentWeight,
      styleWeight: STYLE_WEIGHTS.styleWeight,
      tvWeight: STYLE_WEIGHTS.tvWeight,
      learningRate: 6,
      styleScale: 1,
      coarseToFine: true,
      preserveColor: 'none',
      init: 'content',
      seed: 1,
    },
  },
  {
    alt: 'Sixteen faces of people who never existed, drawn by the DCGAN (seeds picked from the first 64)',
    recipe: {
      studio: 'faces',
      v: 1,
      model: modelRefFor(registryEntry('dcgan-faces')),
      seeds: [3, 4, 7, 10, 16, 18, 22, 30, 32, 35, 38, 41, 44, 45, 61, 62],
      truncation: 0,
    },
  },
  {
    alt: "The digits autoencoder's 2-D latent space: a map of the handwritten digits it decodes at each point",
    recipe: {
      studio: 'latent',
      v: 1,
      model: modelRefFor(registryEntry('vae-mnist-2d')),
      z: encodeLatent([0.5, -0.75]),
    },
  },
  {
    alt: "A scene the Shakespeare CharRNN wrote from 'ROMEO:', with its chart of likely next characters",
    recipe: {
      studio: 'text',
      v: 1,
      model: modelRefFor(registryEntry('charrnn-shakespeare')),
      mode: 'text',
      prime: 'ROMEO:\n',
      temperature: 0.8,
      topK: 0,
      topP: 0.95,
      length: 300,
      seed: 1,
    },
  },
];
