/**
 * What the two SQL metadata stores (server/sqlite.ts, server/postgres.ts) share: a creations row as a record, and
 * the gallery cursor.
 */
import type { StudioId } from '../lib/share/recipe';
import type { CreationRecord, StoredFile } from './types';

/** A row of the creations table. The drivers differ in three columns: SQLite gives `files` as JSON text and
 * `listed` as 0/1, PostgreSQL parsed JSONB and a boolean; pg gives the BIGINT `created_at` as a string. */
export interface CreationRow {
  id: string;
  token_hash: string;
  studio: string;
  title: string;
  recipe: string;
  text: string | null;
  files: string | StoredFile[];
  listed: number | boolean;
  reports: number;
  created_at: number | string;
}

export const recordOf = (r: CreationRow): CreationRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  studio: r.studio as StudioId,
  title: r.title,
  recipe: r.recipe,
  text: r.text,
  files: typeof r.files === 'string' ? (JSON.parse(r.files) as StoredFile[]) : r.files,
  listed: r.listed === true || r.listed === 1,
  reports: Number(r.reports),
  createdAt: Number(r.created_at),
});

/** A gallery cursor: the last item's time and id, so pages stay stable while new creations arrive. */
export const cursorOf = (r: CreationRecord) => `${r.createdAt}-${r.id}`;

export function parseCursor(before: string | null): { at: number; id: string } | null {
  const match = before ? /^(\d{1,16})-([A-Za-z0-9_-]{22})$/.exec(before) : null;
  return match ? { at: Number(match[1]), id: match[2] } : null;
}
