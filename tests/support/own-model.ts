// A small own model (a 2 x 8 CharRNN) with made-up weights and a text recipe written by a model, for the tests of
// own model files and of sharing them.
import { VOCAB } from '../../models/charrnn/vocab';
import { ownModelFile } from '../../lib/store/own-model-file';
import { newOwnModel } from '../../lib/store/own-models';
import type { TextRecipe } from '../../lib/share/recipe';

export const ownModelShape = { vocab: VOCAB.length, embed: 4, hidden: 8, layers: 2 };
const settings = { learningRate: 5e-3, clipNorm: 1, dropout: 0.1, weightDecay: 0.01, batch: 4, window: 8, seed: 1 };
const LENGTHS: Record<string, number> = {
  'embed/embeddings': 97 * 4,
  'lstm1/kernel': 4 * 32,
  'lstm1/recurrent_kernel': 8 * 32,
  'lstm1/bias': 32,
  'lstm2/kernel': 8 * 32,
  'lstm2/recurrent_kernel': 8 * 32,
  'lstm2/bias': 32,
  'head/kernel': 8 * 97,
  'head/bias': 97,
};

export function trainedOwnModel() {
  const weights = Object.fromEntries(
    Object.entries(LENGTHS).map(([name, n]) => [name, Float32Array.from({ length: n }, (_, i) => Math.sin(i) / 3)]),
  );
  const report = { steps: 120, charsRead: 3840, trainLoss: 2.5, heldOutLoss: 2.6, unigram: 3.3, charsPerSecond: 900 };
  return { ...newOwnModel('My poems\nline', ownModelShape, settings), reports: [report], sample: 'roses', weights };
}

/** The model's file, as the studio exports and shares it. */
export const tinyModelFile = () => ownModelFile(trainedOwnModel())!;

/** A short text recipe written by `model`. */
export const textWith = (model: TextRecipe['model']): TextRecipe => ({
  studio: 'text',
  v: 1,
  model,
  mode: 'text',
  prime: 'The ',
  temperature: 0.8,
  topK: 0,
  topP: 0.95,
  length: 40,
  seed: 1,
});
