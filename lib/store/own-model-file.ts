// One of the person's own models as one file, to keep elsewhere or give to someone: its name, shape, settings, the
// vocabulary it reads, its training record and its weights in float16 (half the bytes of float32). Not the text it
// learnt from (that stays the person's). Reading a file checks everything a damaged or foreign file would get wrong.
import { z } from 'zod';
import { weightShapes } from '../../models/charrnn/own-text';
import { VOCAB } from '../../models/charrnn/vocab';
import { decodeBase64Url, encodeBase64Url } from '../share/base64url';
import { fromHalfBits, toHalfBits } from '../share/float16';
import { newOwnModel, type OwnModel } from './own-models';

export const OWN_MODEL_FORMAT = 'neural-atelier/charrnn';
/** The largest model file the studio reads and shares. */
export const MAX_MODEL_FILE_BYTES = 10_000_000;

/** What a downloaded model file is called: its model's name, as any system's files may be named. */
export const modelFileName = (name: string) => `${name.replace(/[^\w .-]+/g, '_')}.charrnn.json`;

const count = z.number().int().min(1);
const fileSchema = z.strictObject({
  format: z.literal(OWN_MODEL_FORMAT),
  version: z.literal(1),
  name: z.string().max(80),
  vocab: z.string(),
  shape: z.strictObject({ vocab: count, embed: count.max(512), hidden: count.max(1024), layers: count.max(3) }),
  settings: z.strictObject({
    learningRate: z.number().positive(),
    clipNorm: z.number().positive(),
    dropout: z.number().min(0).max(0.9),
    weightDecay: z.number().min(0),
    batch: count,
    window: count,
    seed: z.number().int(),
  }),
  reports: z.array(
    z.strictObject({
      steps: z.number().int().min(0),
      charsRead: z.number().min(0),
      trainLoss: z.number(),
      heldOutLoss: z.number(),
      unigram: z.number(),
      charsPerSecond: z.number(),
    }),
  ),
  sample: z.string().nullable(),
  /** float16 bits, little-endian, base64url, by model.ts's names */
  weights: z.record(z.string(), z.string()),
});

const halves = (values: Float32Array) => {
  const bits = Uint16Array.from(values, toHalfBits);
  return encodeBase64Url(new Uint8Array(bits.buffer));
};

/** The model as a file's text; null when it has no weights yet. */
export function ownModelFile(model: OwnModel): string | null {
  if (!model.weights) return null;
  const { name, shape, settings, reports, sample } = model;
  const weights = Object.fromEntries(Object.entries(model.weights).map(([k, v]) => [k, halves(v)]));
  return JSON.stringify({
    format: OWN_MODEL_FORMAT,
    version: 1,
    name,
    vocab: VOCAB.join(''),
    shape,
    settings,
    reports,
    sample,
    weights,
  });
}

/** Why a file is refused, with the HTTP status the sharing server answers it with: too big 413, not a model of
 * this studio 415, a model file that is damaged 400. */
export class ModelFileError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

/** A model read from a file's bytes, as a new kept model (with no text to go on training from). */
export function readOwnModelFile(bytes: Uint8Array): OwnModel {
  if (bytes.length > MAX_MODEL_FILE_BYTES)
    throw new ModelFileError(`This file is ${(bytes.length / 1e6).toFixed(1)} MB; a model file is at most 10 MB.`, 413);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ModelFileError('This is not a model file: it is not the JSON a Neural Atelier model is saved as.', 415);
  }
  if ((json as { format?: unknown })?.format !== OWN_MODEL_FORMAT)
    throw new ModelFileError('This is not a Neural Atelier text model (its format is not one the studio reads).', 415);
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    throw new ModelFileError(`This model file is damaged (${parsed.error.issues[0].path.join('.') || 'file'}).`);
  const file = parsed.data;
  if (file.vocab !== VOCAB.join('') || file.shape.vocab !== VOCAB.length)
    throw new ModelFileError('This model reads another set of characters than this studio writes with.', 415);
  const lengths = Object.fromEntries(
    Object.entries(weightShapes(file.shape)).map(([name, shape]) => [name, shape.reduce((a, b) => a * b, 1)]),
  );
  const weights: Record<string, Float32Array> = {};
  for (const [name, length] of Object.entries(lengths)) {
    const bytes = file.weights[name] === undefined ? null : decodeBase64Url(file.weights[name]);
    if (!bytes || bytes.length !== 2 * length) throw new ModelFileError(`This model file is damaged (${name}).`);
    const bits = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    weights[name] = Float32Array.from(bits, fromHalfBits);
    if (weights[name].some((v) => !Number.isFinite(v)))
      throw new ModelFileError(`This model file is damaged (${name}).`);
  }
  if (Object.keys(file.weights).length !== Object.keys(lengths).length)
    throw new ModelFileError('This model file is damaged (weights its shape does not have).');
  const model = newOwnModel('', file.shape, file.settings);
  return {
    ...model,
    name: file.name || 'An imported model',
    reports: file.reports,
    sample: file.sample,
    weights,
    phase: 'stopped',
  };
}
