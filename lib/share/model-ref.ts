// The model a recipe was made with, by id and weights fingerprint (a prefix of every file's sha256).
import { type ModelEntry, MODELS } from '../../models/registry';

export function modelFingerprint(entry: ModelEntry): string {
  const fp = entry.files.map((f) => f.sha256.slice(0, 8)).join('').slice(0, 32);
  return fp || '00000000'; // a model with no files yet (not trained)
}

export const modelRefFor = (entry: ModelEntry) => ({ id: entry.id, fp: modelFingerprint(entry) });

/** A readable warning when a recipe names weights other than the ones this app ships, else null. */
export function modelMismatch(ref: { id: string; fp: string }): string | null {
  const entry = MODELS.find((m) => m.id === ref.id);
  if (!entry) return `This recipe was made with a model this app does not have (${ref.id}).`;
  if (modelFingerprint(entry) !== ref.fp) {
    return `This recipe was made with other weights of ${entry.title} (${ref.fp.slice(0, 8)}); this app has version ${entry.version} (${modelFingerprint(entry).slice(0, 8)}), so the result may differ.`;
  }
  return null;
}
