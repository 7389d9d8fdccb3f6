// The model a recipe was made with, by id and weights fingerprint (a prefix of every file's sha256).
import { type ModelEntry, MODELS, modelVersions } from '../../models/registry';

export function modelFingerprint(entry: ModelEntry): string {
  const fp = entry.files
    .map((f) => f.sha256.slice(0, 8))
    .join('')
    .slice(0, 32);
  return fp || '00000000'; // a model with no files yet (not trained)
}

export const modelRefFor = (entry: ModelEntry) => ({ id: entry.id, fp: modelFingerprint(entry) });

/** The engine's name for a model version (lib/engine/protocol.ts ModelKey). */
export const keyOf = (entry: ModelEntry) => ({ id: entry.id, version: entry.version });

/**
 * The version a recipe was made with when this app still serves it, else the newest (modelMismatch then
 * warns); undefined for a model this app does not have.
 */
export const entryForRef = (ref: { id: string; fp: string }): ModelEntry | undefined =>
  MODELS.some((m) => m.id === ref.id) ? versionWithFingerprint(modelVersions(ref.id), ref.fp) : undefined;

/** Of a model's versions (newest first), the one with this fingerprint, else the newest. */
export const versionWithFingerprint = (versions: ModelEntry[], fp: string): ModelEntry =>
  versions.find((m) => modelFingerprint(m) === fp) ?? versions[0];

/** A readable warning when a recipe names weights this app no longer has, else null. */
export function modelMismatch(ref: { id: string; fp: string }): string | null {
  const entry = entryForRef(ref);
  if (!entry) return `This recipe was made with a model this app does not have (${ref.id}).`;
  if (modelFingerprint(entry) !== ref.fp) {
    return (
      `This recipe was made with other weights of ${entry.title} (${ref.fp.slice(0, 8)}); ` +
      `this app has version ${entry.version} (${modelFingerprint(entry).slice(0, 8)}), so the result may differ.`
    );
  }
  return null;
}

/** A line for a recipe that loads an older version than new work gets, else null. */
export function olderVersionNote(entry: ModelEntry, newestVersion = modelVersions(entry.id)[0].version): string | null {
  if (entry.version === newestVersion) return null;
  return (
    `This was made with version ${entry.version} of ${entry.title}, which still loads so it remakes what was shared. ` +
    `New work uses version ${newestVersion}.`
  );
}
