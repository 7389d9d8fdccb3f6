// The studios, once: the navigation, the home page, each studio's heading and the end-to-end tests read this list,
// so a new studio is one more entry here and its own folder in app/ (docs/ARCHITECTURE.md, "Adding a studio").
import type { StudioId } from '../share/recipe';

export interface StudioDefinition {
  id: StudioId;
  /** The page's path (app/<id>/page.tsx). */
  route: `/${string}`;
  /** The navigation's short label. */
  nav: string;
  /** The studio's heading, and its card's on the home page. */
  title: string;
  /** The home page's sentence: what a person can do there. */
  blurb: string;
  /** The studio's own lines under its heading: what the network does. */
  tagline: string;
  /** The registry id of the model the home page names for it (models/registry.ts). */
  model: string;
  /** The home card's gradient (Tailwind classes). */
  hue: string;
}

/** In the order the navigation and the home page show them. */
export const STUDIOS = [
  {
    id: 'dream',
    route: '/dream',
    nav: 'Dream',
    title: 'DeepDream',
    blurb:
      'Let a network amplify what it half-sees in your image: strokes, swirls, eyes, creatures. ' +
      'Watch it dream step by step.',
    tagline:
      'Gradient ascent on your image: InceptionV3 amplifies whatever its layers half-see, ' +
      'from brush strokes to eyes and creatures.',
    model: 'inception-v3',
    hue: 'from-amber-500/30 to-fuchsia-500/20',
  },
  {
    id: 'style',
    route: '/style',
    nav: 'Style',
    title: 'Style transfer',
    blurb: 'Repaint a photo in the manner of a painting: van Gogh, Hokusai, Munch, Monet, or any picture of yours.',
    tagline:
      'Your image, painted in the manner of another: the picture itself is optimised until InceptionV3 sees ' +
      "the style's textures (its Gram matrices) in your content's layout (Gatys et al.).",
    model: 'inception-v3',
    hue: 'from-sky-500/25 to-indigo-500/20',
  },
  {
    id: 'faces',
    route: '/faces',
    nav: 'Faces',
    title: 'Faces',
    blurb: 'Faces that never existed, from a DCGAN we trained: seeds, interpolation, latent arithmetic.',
    tagline:
      'Faces that never existed, from a DCGAN we trained ourselves on CelebA. ' +
      'Every face is a point in a 100-dimensional space: pick, blend and do arithmetic with them.',
    model: 'dcgan-faces',
    hue: 'from-rose-500/25 to-orange-400/20',
  },
  {
    id: 'latent',
    route: '/latent',
    nav: 'Latent',
    title: 'Latent space',
    blurb: 'Slide through what an autoencoder learned about digits, fashion and faces; draw and see where it lands.',
    tagline:
      "Every image here is decoded from a point in a variational autoencoder's latent space. " +
      'Drag the point on the map, slide along the directions the data varies most, ' +
      'or draw something and see where it lands.',
    model: 'vae-mnist',
    hue: 'from-emerald-500/25 to-teal-400/20',
  },
  {
    id: 'text',
    route: '/text',
    nav: 'Text & music',
    title: 'Text & music',
    blurb: 'A character-level LSTM writes Shakespeare or folk tunes, showing what it considered at every step.',
    tagline:
      'A character-level LSTM writes one character at a time, keeping its memory between steps. ' +
      'Watch what it considers next, force a different character, hear the folk tunes it composes, ' +
      'and look inside its memory cells.',
    model: 'charrnn-shakespeare',
    hue: 'from-violet-500/25 to-purple-400/20',
  },
  {
    id: 'lab',
    route: '/lab',
    nav: 'Lab',
    title: 'Lab',
    blurb:
      'A digit classifier opened up: draw a digit, watch every layer respond, ' +
      'and make the network see another digit in it.',
    tagline:
      'Networks opened up. A small convolutional network that reads handwritten digits: draw one and watch every ' +
      'layer respond, hover a unit to see what feeds it, make the network see another digit in yours, or let an ' +
      'autoencoder clean a damaged one. And InceptionV3, the network behind the dream and style studios: see what ' +
      'one of its channels looks for.',
    model: 'digit-cnn',
    hue: 'from-lime-500/20 to-cyan-400/20',
  },
  {
    id: 'denoise',
    route: '/denoise',
    nav: 'Denoise',
    title: 'Denoise',
    blurb: 'Rub out part of a digit and bury it in noise; an autoencoder trained to undo both brings it back.',
    tagline:
      'A denoising autoencoder learned to undo damage: rub out strokes of a digit, add noise, and see what it ' +
      'gives back, and whether the digit classifier can read the digit before and after.',
    model: 'vae-mnist-denoise',
    hue: 'from-stone-400/25 to-sky-400/20',
  },
] as const satisfies readonly StudioDefinition[];

/** Every studio has exactly one definition: a studio id the list lacks fails here at compile time. */
type Missing = Exclude<StudioId, (typeof STUDIOS)[number]['id']>;
const everyStudio: [Missing] extends [never] ? true : Missing = true;
void everyStudio;

export const studioById = (id: StudioId): StudioDefinition => STUDIOS.find((s) => s.id === id)!;
