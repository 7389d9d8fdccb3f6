/**
 * The sharing server's settings, from the environment (README, "Sharing"). Every one has a default that
 * works on a fresh clone: the data directory is created on first start.
 */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../lib/share/limits';

export interface ServerConfig {
  /** where the SQLite database and the creation files live (ATELIER_DATA_DIR, default ./data) */
  dataDir: string;
  /** the database file (ATELIER_DB, default <dataDir>/creations.db) */
  dbPath: string;
  /** the largest request body accepted, bytes; larger gets 413 (ATELIER_MAX_UPLOAD_BYTES) */
  maxUploadBytes: number;
  /** writes (create, delete, report) a client may make per window (ATELIER_RATE_LIMIT "count/seconds") */
  rateLimit: { count: number; windowMs: number };
  /** reports after which a creation leaves the gallery until reviewed (ATELIER_REPORTS_TO_HIDE) */
  reportsToHide: number;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}".`);
  return n;
}

function rateLimit(): ServerConfig['rateLimit'] {
  const raw = process.env.ATELIER_RATE_LIMIT ?? '30/60';
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) throw new Error(`ATELIER_RATE_LIMIT must look like "30/60" (writes per seconds), not "${raw}".`);
  return { count: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

export function readConfig(): ServerConfig {
  // turbopackIgnore: these are runtime paths; without it the build traces the whole project as server files.
  const dataDir = resolve(/*turbopackIgnore: true*/ process.env.ATELIER_DATA_DIR || 'data');
  return {
    dataDir,
    dbPath: resolve(/*turbopackIgnore: true*/ process.env.ATELIER_DB || `${dataDir}/creations.db`),
    maxUploadBytes: positiveInt('ATELIER_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES),
    rateLimit: rateLimit(),
    reportsToHide: positiveInt('ATELIER_REPORTS_TO_HIDE', 3),
  };
}
