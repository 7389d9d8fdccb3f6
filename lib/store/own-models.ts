// The person's own CharRNNs, kept in this browser: what each learns from, its shape and settings, its progress and
// its latest weights (a checkpoint, written as it trains and when it stops), so a reload can go on where it was.
import type { FitSettings } from '../../models/charrnn/fit';
import type { CharRNNShape } from '../../models/charrnn/train';
import type { AdamMoments } from '../../models/charrnn/trainer';
import type { FrameData, ModelKey } from '../engine/protocol';
import { tx } from './idb';

export type TrainingReport = Omit<FrameData['charrnn-train'], 'weights' | 'moments' | 'sample'>;

export interface OwnModel {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  shape: CharRNNShape;
  settings: FitSettings;
  /** the text it learns from (its last 10% held out) */
  text: string;
  /** the chart so far: one report every few steps */
  reports: TrainingReport[];
  /** what it wrote last */
  sample: string | null;
  /** the latest checkpoint, by model.ts's names; null before the first */
  weights: Record<string, Float32Array> | null;
  /** Adam's state at that checkpoint; absent or null where a model's file or record carries none (imported ones) */
  moments?: AdamMoments | null;
  /** 'training' when it was still learning at its last checkpoint (a reload left it there) */
  phase: 'training' | 'stopped';
  /** the shipped model it started from (its shape and vocabulary); null or absent for fresh weights */
  base?: ModelKey | null;
}

/** Reports kept per model: the chart thins itself beyond this (every other report, counted from the latest). */
const MAX_REPORTS = 400;

/** A model about to learn `text` from fresh weights or the shipped model `base`, named after the text's first line. */
export function newOwnModel(
  text: string,
  shape: CharRNNShape,
  settings: FitSettings,
  base: ModelKey | null = null,
): OwnModel {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  const now = Date.now();
  const name = text.trim().split('\n')[0].trim().slice(0, 40) || 'My model';
  const progress = { reports: [], sample: null, weights: null, phase: 'training' as const };
  return { id, name, createdAt: now, updatedAt: now, shape, settings, text, base, ...progress };
}

export function withReport(model: OwnModel, report: TrainingReport): OwnModel {
  const reports = [...model.reports, report];
  return {
    ...model,
    reports: reports.length > MAX_REPORTS ? reports.filter((_, i) => (reports.length - 1 - i) % 2 === 0) : reports,
  };
}

export const saveOwnModel = (model: OwnModel) =>
  tx('models', 'readwrite', (s) => s.put({ ...model, updatedAt: Date.now() })).then(() => undefined);

export const ownModel = (id: string) => tx<OwnModel | undefined>('models', 'readonly', (s) => s.get(id));

/** Every kept model, the latest first. */
export const ownModels = () =>
  tx<OwnModel[]>('models', 'readonly', (s) => s.getAll()).then((all) => all.sort((a, b) => b.updatedAt - a.updatedAt));

export const deleteOwnModel = (id: string) => tx('models', 'readwrite', (s) => s.delete(id)).then(() => undefined);

export async function renameOwnModel(id: string, name: string): Promise<void> {
  const model = await ownModel(id);
  if (model) await saveOwnModel({ ...model, name: name.trim().slice(0, 80) || model.name });
}
