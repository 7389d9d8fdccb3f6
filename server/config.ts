/**
 * The sharing server's settings, from the environment (README, "Sharing"). Every one has a default that
 * works on a fresh clone: the data directory is created on first start.
 */
import { resolve } from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../lib/share/limits';
import type { S3Settings } from './s3';

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
  /** PostgreSQL instead of SQLite: postgres://user:password@host:port/database (ATELIER_DATABASE_URL) */
  databaseUrl: string | null;
  /** an S3-compatible bucket instead of files on disk
   * (ATELIER_S3_BUCKET, ATELIER_S3_ENDPOINT, ATELIER_S3_FORCE_PATH_STYLE=1) */
  s3: S3Settings | null;
  /** how old orphan files must be before the sweep removes them, ms (ATELIER_SWEEP_GRACE_S, default an hour) */
  sweepGraceMs: number;
  /** how often a process tries to sweep, ms (ATELIER_SWEEP_EVERY_S, default 10 minutes) */
  sweepEveryMs: number;
  /** how long a request waits for the database or the bucket before it is answered 503, ms
   * (ATELIER_STORE_TIMEOUT_S, default 10) */
  storeTimeoutMs: number;
}

function wholeNumber(name: string, fallback: number, least = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < least)
    throw new Error(`${name} must be a whole number of at least ${least}, not "${raw}".`);
  return n;
}

function databaseUrl(): string | null {
  const url = process.env.ATELIER_DATABASE_URL || null;
  if (url && !/^postgres(ql)?:\/\//.test(url))
    throw new Error('ATELIER_DATABASE_URL must start with postgres:// (PostgreSQL is the one database it names).');
  return url;
}

function s3(): S3Settings | null {
  const bucket = process.env.ATELIER_S3_BUCKET;
  if (!bucket) return null;
  const endpoint = process.env.ATELIER_S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint))
    throw new Error(`ATELIER_S3_ENDPOINT must be an http(s) address, not "${endpoint}".`);
  return { bucket, endpoint, forcePathStyle: process.env.ATELIER_S3_FORCE_PATH_STYLE === '1' };
}

function rateLimit(): ServerConfig['rateLimit'] {
  const raw = process.env.ATELIER_RATE_LIMIT ?? '30/60';
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0)
    throw new Error(`ATELIER_RATE_LIMIT must look like "30/60" (writes per seconds), not "${raw}".`);
  return { count: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

export function readConfig(): ServerConfig {
  // turbopackIgnore: these are runtime paths; without it the build traces the whole project as server files.
  const dataDir = resolve(/*turbopackIgnore: true*/ process.env.ATELIER_DATA_DIR || 'data');
  return {
    dataDir,
    dbPath: resolve(/*turbopackIgnore: true*/ process.env.ATELIER_DB || `${dataDir}/creations.db`),
    maxUploadBytes: wholeNumber('ATELIER_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES),
    rateLimit: rateLimit(),
    reportsToHide: wholeNumber('ATELIER_REPORTS_TO_HIDE', 3),
    databaseUrl: databaseUrl(),
    s3: s3(),
    sweepGraceMs: wholeNumber('ATELIER_SWEEP_GRACE_S', 3600, 0) * 1000,
    sweepEveryMs: wholeNumber('ATELIER_SWEEP_EVERY_S', 600) * 1000,
    storeTimeoutMs: wholeNumber('ATELIER_STORE_TIMEOUT_S', 10) * 1000,
  };
}
