// The model a recipe was made with, by id and weights fingerprint (a prefix of every file's sha256).
import { type ModelEntry, MODELS, modelVersions } from '../../models/registry';
import { isOwnModelRef, type OwnModelRef } from './recipe';

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

/** The file an own model's entry names: one file, its sha256 the recipe's fingerprint (lib/store/own-model-file.ts). */
export const OWN_MODEL_FILE = 'model.json';

/** A person's own model as a model entry: its id and version come from its file's sha256, so two files never share
 * a name in the engine, and the same file always has the same one. */
export const ownModelEntry = (ref: OwnModelRef): ModelEntry => ({
  id: `own-${ref.fp.slice(0, 16)}`,
  version: ref.fp,
  title: ref.name,
  purpose: 'a text model its author trained in the studio',
  studio: 'text',
  status: 'ready',
  files: [{ name: OWN_MODEL_FILE, bytes: 0, sha256: ref.fp }],
  source: 'own',
  license: "its author's",
  sharedWith: ref.from,
});

/** The reference an own model's entry was made from; null for a registry model. */
export const ownRefOf = (entry: ModelEntry): OwnModelRef | null =>
  entry.source === 'own' ? { id: 'own', fp: entry.version, name: entry.title, from: entry.sharedWith ?? null } : null;

/**
 * The version a recipe was made with when this app still serves it, else the newest (modelMismatch then
 * warns); a person's own model as its entry; undefined for a model this app does not have.
 */
export const entryForRef = (ref: { id: string; fp: string }): ModelEntry | undefined => {
  if (isOwnModelRef(ref)) return ownModelEntry(ref);
  return MODELS.some((m) => m.id === ref.id) ? versionWithFingerprint(modelVersions(ref.id), ref.fp) : undefined;
};

/** Of a model's versions (newest first), the one with this fingerprint, else the newest. */
export const versionWithFingerprint = (versions: ModelEntry[], fp: string): ModelEntry =>
  versions.find((m) => modelFingerprint(m) === fp) ?? versions[0];

/** A readable warning when a recipe names weights this app no longer has, else null. */
export function modelMismatch(ref: { id: string; fp: string }): string | null {
  if (isOwnModelRef(ref)) return null; // its file is named by its whole sha256: what loads is what made it
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
export function olderVersionNote(entry: ModelEntry, newest?: string): string | null {
  if (entry.source === 'own') return null; // an own model's file is its version
  const newestVersion = newest ?? modelVersions(entry.id)[0].version;
  if (entry.version === newestVersion) return null;
  return (
    `This was made with version ${entry.version} of ${entry.title}, which still loads so it remakes what was shared. ` +
    `New work uses version ${newestVersion}.`
  );
}
