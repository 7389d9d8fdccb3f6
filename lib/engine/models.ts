// The engine's models: one instance per registry id and version, created on first use and kept until the backend
// changes (after a lost GPU the weights must be loaded again where the work now runs).
import { CharRNN } from '../../models/charrnn/model';
import { DigitClassifier } from '../../models/classifier/model';
import type { ModelFiles } from '../../models/core/files';
import { FaceJudge } from '../../models/dcgan-faces/judge';
import { DCGANFaces } from '../../models/dcgan-faces/model';
import { InceptionV3 } from '../../models/inception-v3/model';
import { type ModelEntry, modelVersions } from '../../models/registry';
import { VAE } from '../../models/vae/model';
import { browserModelFiles, type ByteProgress } from '../models/loader';
import { weightShapes } from '../../models/charrnn/own-text';
import type { ModelKey, OwnWeights } from './protocol';

interface Loadable {
  load(): Promise<void>;
  dispose(): void;
}

/** The class of a registry model, by its id (every VAE, every CharRNN share one class). */
function create(entry: ModelEntry, files: ModelFiles): Loadable {
  if (entry.id === 'inception-v3') return new InceptionV3(files);
  if (entry.id === 'dcgan-faces') return new DCGANFaces(files);
  if (entry.id === 'dcgan-faces-judge') return new FaceJudge(files);
  if (entry.id.startsWith('vae-')) return new VAE(files);
  if (entry.id.startsWith('charrnn-')) return new CharRNN(files);
  if (entry.id.startsWith('digit-cnn')) return new DigitClassifier(files);
  throw new Error(`The engine has no model class for "${entry.id}".`);
}

export function entryOf(key: ModelKey): ModelEntry {
  const entry = modelVersions(key.id).find((m) => m.version === key.version);
  if (!entry) throw new Error(`This studio does not have version ${key.version} of the model "${key.id}".`);
  return entry;
}

export class ModelShelf {
  private models = new Map<string, { model: Loadable; ready: Promise<void>; progress: Set<ByteProgress> }>();

  /**
   * The model, loaded: the first caller starts the download, later ones share it (with its byte progress). A
   * person's own model comes with its weights (`own`) the first time; later runs name it by its key.
   */
  async get<M>(key: ModelKey, onProgress?: ByteProgress, own?: OwnWeights): Promise<M> {
    const name = `${key.id}@${key.version}`;
    let held = this.models.get(name);
    if (!held) {
      // One person's model is held at a time: each "Write with it" after more training is a new file.
      if (own) for (const other of [...this.models.keys()].filter((n) => n.startsWith('own-'))) this.drop(other);
      const progress = new Set<ByteProgress>();
      const model = own
        ? CharRNN.fromArrays(own.weights, weightShapes(own.shape))
        : create(
            entryOf(key),
            browserModelFiles(entryOf(key), (loaded, total) => progress.forEach((p) => p(loaded, total))),
          );
      held = { model, ready: model.load(), progress };
      this.models.set(name, held);
      // A failed load is forgotten, so the next request tries again (a reload of a damaged file, say).
      held.ready.catch(() => this.models.get(name) === held && this.models.delete(name));
    }
    if (onProgress) held.progress.add(onProgress);
    try {
      await held.ready;
    } finally {
      if (onProgress) held.progress.delete(onProgress);
    }
    return held.model as M;
  }

  private drop(name: string): void {
    const held = this.models.get(name);
    this.models.delete(name);
    void held?.ready.then(
      () => held.model.dispose(),
      () => undefined,
    );
  }

  disposeAll(): void {
    for (const name of [...this.models.keys()]) this.drop(name);
  }
}
