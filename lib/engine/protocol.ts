// The messages between a page and its run engine (lib/engine/engine.ts), which runs in a Worker
// (lib/engine/worker.ts): every message crosses by postMessage, so everything here must survive structuredClone:
// plain data, typed arrays, Blobs and ImageBitmaps; never a tensor, a function or a class instance.
import type { SeeClassSettings } from '../../models/classifier/settings';
import type { FeatureVisSettings } from '../../models/featurevis/settings';
import type { Corruption } from '../../models/vae/corrupt';
import type { LatentDraw } from '../../models/dcgan-faces/latent';
import type { DreamRecipe, StyleRecipe, TextRecipe } from '../share/recipe';
import type { CellTrace } from '../../models/charrnn/trace';
import type { FitSettings } from '../../models/charrnn/fit';
import type { CharRNNShape } from '../../models/charrnn/train';
import type { AdamMoments } from '../../models/charrnn/trainer';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the page asks of the backend: one by name (`?backend=`), or the best that starts. */
export interface BackendChoice {
  backend: BackendName | null;
  /** wasm's threads (`?threads=N`): 0 runs the single-threaded binary (to compare, or where threads misbehave);
   * null leaves it to tfjs (half the logical cores, when the page is cross-origin isolated). */
  wasmThreads: number | null;
  /** Compile a run's GPU programs before its first step (`?warmup=0` turns it off, for the benchmark's comparison). */
  warmUp: boolean;
}

export interface BackendInfo {
  name: BackendName;
  /** The GPU adapter, when the browser tells (vendor, architecture or description). */
  adapter: string | null;
  /** Why a backend earlier in the order is not in use, for the badge; null when none was skipped. */
  fallbackReason: string | null;
  /** True when `?backend=` chose it. */
  forced: boolean;
  /** Where the engine runs ('worker' or 'page') and whether it is cross-origin isolated (wasm threads need it). */
  where: 'worker' | 'page';
  isolated: boolean;
  /** The wasm backend's threads (1 without isolation); absent on other backends. */
  threads?: number;
}

/** A model by registry id and export version (models/registry.ts). */
export interface ModelKey {
  id: string;
  version: string;
}

/** A person's own CharRNN's weights by model.ts's names, in the shapes `shape` gives (own-text.ts weightShapes). */
export interface OwnWeights {
  shape: CharRNNShape;
  weights: Record<string, Float32Array>;
}

/** A batch of latent vectors, each as a plain array (a link's float16 values, already widened). */
export type Latents = Float32Array[];

/**
 * Which faces to make: explicit latents, or one face per seed: its own latent when k is 1, else the candidate
 * (models/dcgan-faces/latent.ts candidateLatents) `chosen` names, or, with nothing chosen yet, the one the face
 * judge `judge` scores highest (models/dcgan-faces/judge.ts chooseFaces), the candidates drawn as the LatentDraw says.
 */
export type FaceSource =
  | { latents: Latents }
  | (LatentDraw & {
      seeds: number[];
      k: number;
      chosen: number[] | null;
      judge: ModelKey | null;
    });

/** One run's work: what a studio asks the engine to make. Images a recipe can only name travel as Blobs. */
export type Plan =
  /** Faces [N, 64, 64, 3], as one strip N faces wide. */
  | { kind: 'faces'; model: ModelKey; faces: FaceSource }
  /** VAE decodes, as one strip of tiles. */
  | { kind: 'latent-decode'; model: ModelKey; latents: Latents }
  /** The latent mean (data.mu) of a drawing [H * W * C] in [0, 1], or of a photo's centre square;
   * image: the input as the VAE saw it. */
  | { kind: 'latent-encode'; model: ModelKey; pixels: Float32Array | null; photo: Blob | null }
  /** A dream from its recipe, frame by frame; the first frame (step 0) is the input at the working size. */
  | { kind: 'dream'; model: ModelKey; recipe: DreamRecipe; files: { input: Blob | null; guide: Blob | null } }
  /** Zoom frames from a finished dream (`from`: its PNG), each dreamed again with one octave. */
  | {
      kind: 'dream-zoom';
      model: ModelKey;
      recipe: DreamRecipe;
      files: { input: Blob | null; guide: Blob | null };
      from: Blob;
      frames: number;
      factor: number;
    }
  /** A finished dream carried onto its uploaded image at that image's own size (up to `limit` px). */
  | {
      kind: 'dream-full-size';
      recipe: DreamRecipe;
      files: { input: Blob | null; guide: Blob | null };
      dreamed: Blob;
      limit: number;
    }
  /** A style transfer from its recipe; a `finish` message ends it early with the picture so far. */
  | {
      kind: 'style';
      model: ModelKey;
      recipe: StyleRecipe;
      files: { content: Blob | null; styles: (Blob | null)[]; start: Blob | null };
    }
  /** Text from its recipe, streamed a few characters per frame, with the next character's logits as data. */
  | { kind: 'text'; model: ModelKey; recipe: TextRecipe; flushEvery: number }
  /** The Lab: every layer of the digit classifier for a 28x28 digit in [0, 1]; data holds each
   * layer's values by name. */
  | { kind: 'digit-layers'; model: ModelKey; pixels: Float32Array }
  /** The Lab: gradient ascent on a digit's pixels until `model` sees `settings.target`, frame by frame, with the
   * probabilities of `model` and of `judge` (another seed) as data. */
  | {
      kind: 'see-class';
      model: ModelKey;
      judge: ModelKey;
      pixels: Float32Array;
      settings: SeeClassSettings;
      steps: number;
    }
  /** The Lab: an image grown from noise that raises one InceptionV3 channel (models/featurevis/featurevis.ts),
   * frame by frame; data of the last: the channel's mean activation on the starting noise (`start`) and on
   * the image (`end`). */
  | { kind: 'feature-vis'; model: ModelKey; settings: FeatureVisSettings; steps: number }
  /** /text: `text` read by the CharRNN from a zero state (models/charrnn/cells.ts); data holds its CellTrace. */
  | { kind: 'lstm-read'; model: ModelKey; text: string }
  /** The Lab: a digit corrupted (models/vae/corrupt.ts), cleaned by the denoising VAE `model` (encode, decode the
   * mean); data holds both digits and what `classifier` makes of each. */
  | { kind: 'denoise'; model: ModelKey; classifier: ModelKey; pixels: Float32Array; corruption: Corruption }
  /** An image at a working size, for a studio's starting picture. */
  | { kind: 'picture'; ref: DreamRecipe['input']; file: Blob | null; size: number }
  /** /text, your own model: a CharRNN learning `text` (models/charrnn/fit.ts) until step `steps`, or until finished,
   * from `from` (a checkpoint to go on from, counted from `start`), a shipped model `base`, or fresh weights; a frame
   * every `reportEvery` steps with the losses, a sample of `sampleLength` characters every `sampleEvery`, the weights
   * every `checkpointEvery` and on the last frame. */
  | {
      kind: 'charrnn-train';
      text: string;
      shape: CharRNNShape;
      settings: FitSettings;
      from: Record<string, Float32Array> | null;
      /** Adam's state at `from`, when the checkpoint kept it */
      fromMoments: AdamMoments | null;
      /** a shipped CharRNN to start from without a checkpoint (fine-tuning: its weights, shape and vocabulary) */
      base: ModelKey | null;
      start: { steps: number; charsRead: number } | null;
      steps: number;
      checkpointEvery: number;
      reportEvery: number;
      sampleEvery: number;
      sampleLength: number;
    }
  /** A browser benchmark (lib/engine/benchmarks.ts), by name; data holds its figures. */
  | { kind: 'bench'; name: string; maxSize?: number; steps?: number };

/** The plan of one kind, for the runner of that kind. */
export type PlanOf<K extends Plan['kind']> = Extract<Plan, { kind: K }>;

/** A digit read by the Lab's classifier: `pixels`, `probabilities`, each layer by name, `conv1.kernel`, ... */
export type DigitLayers = Record<string, Float32Array>;

/**
 * What each plan kind's frames carry beside the step and the picture or text (`Frame.data`), so a page reads a
 * result as the type its runner made. A recipe a runner reports is the one it actually ran (the working size
 * raised for a thin image, where a stopped style run stopped): the page shows, saves and links that one.
 */
export interface FrameData {
  /** the faces' latents, and each seed's chosen candidate when there were several */
  faces: { latents: Latents; chosen: number[] | null };
  'latent-decode': null;
  /** the latent mean of the drawing or photo */
  'latent-encode': { mu: number[] };
  picture: null;
  /** every frame: the recipe being run, and why its size went up, when it did */
  dream: { made: DreamRecipe; note: string | null };
  'dream-zoom': null;
  'dream-full-size': null;
  /** every frame: the recipe being run (the result's names where it stopped); step frames: the losses */
  style: { made: StyleRecipe; note: string | null; losses: number[] | null };
  /** the next character's logits, once a character has been written */
  text: { logits: Float32Array | null };
  'digit-layers': DigitLayers;
  /** what the optimised network and the other seed make of the digit */
  'see-class': { probabilities: Float32Array; judged: Float32Array };
  denoise: {
    noisy: Float32Array;
    cleaned: Float32Array;
    noisyProbabilities: Float32Array;
    cleanedProbabilities: Float32Array;
  };
  /** the result: the channel's mean activation on the starting noise and on the image; step frames: null */
  'feature-vis': { start: number; end: number } | null;
  'lstm-read': CellTrace;
  /** progress: steps, characters read (all streams), the last step's loss and the held-out loss in nats/char, the
   * held-out text's unigram entropy (the bar to beat), speed; a sample on sampling frames; the weights on checkpoint
   * frames and the last */
  'charrnn-train': {
    steps: number;
    charsRead: number;
    trainLoss: number;
    heldOutLoss: number;
    unigram: number;
    charsPerSecond: number;
    sample: string | null;
    weights: Record<string, Float32Array> | null;
    /** Adam's state, sent with the weights: a run that goes on from them goes on as this one would have */
    moments: AdamMoments | null;
  };
  /** the benchmark's figures by name */
  bench: Record<string, number>;
}

export type PlanKind = Plan['kind'];

/** What a run of kind K shows at one step; the last frame of a run is its result. */
export interface Frame<K extends PlanKind = PlanKind> {
  step: number;
  total: number;
  image?: ImageBitmap;
  text?: string;
  data: FrameData[K];
}

export type ToEngine =
  | { type: 'start'; choice: BackendChoice }
  /** `own`: a person's own CharRNN, sent whole (its file is in the page's keeping, not under public/models). */
  | { type: 'load'; id: number; model: ModelKey; own?: OwnWeights }
  | { type: 'run'; id: number; plan: Plan }
  /** `finish` ends a run early and keeps what it made so far (style's "Stop here"); cancel drops it. */
  | { type: 'pause' | 'resume' | 'cancel' | 'finish'; id: number };

export type FromEngine =
  /** The backend in use: the answer to `start`, and again when a lost GPU device moved the engine to another. */
  | { type: 'backend'; info: BackendInfo }
  | { type: 'backend-failed'; message: string }
  | { type: 'device-lost'; message: string }
  | { type: 'loading'; id: number; loaded: number; total: number }
  | { type: 'loaded'; id: number }
  /** The run is compiling its GPU programs before its first step ("preparing the GPU…"). */
  | { type: 'preparing'; id: number }
  | { type: 'frame'; id: number; frame: Frame }
  /** A finished run and the engine's tensor count once its tensors are freed. */
  | { type: 'done'; id: number; frame: Frame; numTensors: number }
  | { type: 'failed'; id: number; message: string; cancelled: boolean; numTensors: number };
