/**
 * Creation metadata in embedded SQLite, in WAL mode with synchronous=FULL: a commit that returned is on
 * disk, readers never wait for the writer, and a killed process leaves the last committed state.
 * The driver is libsql (libSQL, a fork of SQLite with the same file format, behind better-sqlite3's
 * synchronous API): it ships prebuilt binaries on npm, where better-sqlite3 compiles from source on
 * install wherever GitHub (its binaries' host) cannot be reached.
 */
import Database from 'libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cursorOf, parseCursor, recordOf, type CreationRow as Row } from './rows';
import type { GalleryPage, MetadataStore } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS creations (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  studio TEXT NOT NULL,
  title TEXT NOT NULL,
  recipe TEXT NOT NULL,
  text TEXT,
  files TEXT NOT NULL,
  listed INTEGER NOT NULL,
  reports INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS creations_gallery ON creations (listed, created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS reports (
  creation_id TEXT NOT NULL REFERENCES creations (id) ON DELETE CASCADE,
  reporter TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (creation_id, reporter)
);
`;

export function openSqliteStore(path: string): MetadataStore {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insert =
    db.prepare(`INSERT INTO creations (id, token_hash, studio, title, recipe, text, files, listed, created_at)
    VALUES (@id, @tokenHash, @studio, @title, @recipe, @text, @files, @listed, @createdAt)`);
  const get = db.prepare<[string]>('SELECT * FROM creations WHERE id = ?');
  const firstPage = db.prepare<[number, number]>(
    'SELECT * FROM creations WHERE listed = 1 AND reports < ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const laterPage = db.prepare<[number, number, number, string, number]>(
    'SELECT * FROM creations WHERE listed = 1 AND reports < ? AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const remove = db.prepare('DELETE FROM creations WHERE id = ?');
  const setListed = db.prepare('UPDATE creations SET listed = ? WHERE id = ?');
  const addReport = db.prepare('INSERT OR IGNORE INTO reports (creation_id, reporter, created_at) VALUES (?, ?, ?)');
  const countReports = db.prepare(
    'UPDATE creations SET reports = (SELECT COUNT(*) FROM reports WHERE creation_id = ?) WHERE id = ? RETURNING reports',
  );
  const allIds = db.prepare<[]>('SELECT id FROM creations');
  const report = db.transaction((id: string, reporter: string): number | null => {
    if (!get.get(id)) return null;
    addReport.run(id, reporter, Date.now());
    return (countReports.get(id, id) as { reports: number }).reports;
  });

  // libsql's API is synchronous: each method answers before it returns, wrapped in the interface's promises.
  return {
    async insert(r, beforeCommit) {
      db.transaction(() => {
        insert.run({ ...r, files: JSON.stringify(r.files), listed: r.listed ? 1 : 0 });
        beforeCommit?.();
      })();
    },
    async get(id) {
      const row = get.get(id) as Row | undefined;
      return row ? recordOf(row) : null;
    },
    async listed(limit, before, maxReports) {
      const cursor = parseCursor(before);
      const rows = (
        cursor
          ? laterPage.all(maxReports, cursor.at, cursor.at, cursor.id, limit + 1)
          : firstPage.all(maxReports, limit + 1)
      ) as Row[];
      const items = rows.slice(0, limit).map(recordOf);
      return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null } satisfies GalleryPage;
    },
    remove: async (id) => remove.run(id).changes > 0,
    setListed: async (id, listed) => setListed.run(listed ? 1 : 0, id).changes > 0,
    report: async (id, reporter) => report(id, reporter),
    ids: async () => new Set((allIds.all() as { id: string }[]).map((r) => r.id)),
    // The embedded store serves one process; and were two sharing the file, the sweep's grace period
    // (server/creations.ts) would still keep either from removing what the other is writing.
    exclusively: async (work) => {
      await work();
      return true;
    },
    check: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}
