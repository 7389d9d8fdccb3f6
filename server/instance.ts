/**
 * The one store of this server process. Next bundles each route separately, so a module-level variable
 * would give each route its own database connection and its own orphan sweep (which could remove the
 * files of a creation another route is still writing); a process-wide slot keeps one of each. server.mjs
 * reaches the same slot to close the store on SIGTERM.
 */
import { join } from 'node:path';
import { readConfig, type ServerConfig } from './config';
import { CreationService } from './creations';
import { diskBlobStore } from './files';
import { openPostgresStore } from './postgres';
import { slidingWindowLimiter, type RateLimiter } from './rate-limit';
import { s3BlobStore } from './s3';
import { openSqliteStore } from './sqlite';
import type { MetadataStore } from './types';
import { Unavailable } from './unavailable';

export interface SharingServer {
  config: ServerConfig;
  creations: CreationService;
  limiter: RateLimiter;
  /** Stops the sweep and closes the database (its pool's connections): for a graceful shutdown. */
  close(): Promise<void>;
}

const SLOT = Symbol.for('neural-atelier.sharing-server');
type Slot = { [SLOT]?: Promise<SharingServer> };

async function start(): Promise<SharingServer> {
  const config = readConfig();
  const { count, windowMs } = config.rateLimit;
  let meta: MetadataStore;
  let limiter: RateLimiter;
  if (config.databaseUrl) {
    const postgres = await openPostgresStore(config.databaseUrl, 10, config.storeTimeoutMs).catch((e: unknown) => {
      throw new Unavailable('database', false, { cause: e });
    });
    [meta, limiter] = [postgres, postgres.limiter(count, windowMs)];
  } else {
    [meta, limiter] = [openSqliteStore(config.dbPath), slidingWindowLimiter(count, windowMs)];
  }
  const blobs = config.s3
    ? s3BlobStore(config.s3, {}, config.storeTimeoutMs)
    : diskBlobStore(join(config.dataDir, 'files'));
  const creations = new CreationService(meta, blobs, config.reportsToHide, config.storeTimeoutMs);

  const sweep = () =>
    creations.sweepOrphans(config.sweepGraceMs).then(
      (swept) => swept > 0 && console.warn(`[sharing] removed the files of ${swept} creation(s) that no record names`),
      (e: unknown) => console.error('[sharing] the sweep of orphan files failed (it runs again later):', e),
    );
  void sweep();
  const timer = setInterval(sweep, config.sweepEveryMs);
  timer.unref();
  return {
    config,
    creations,
    limiter,
    close: async () => {
      clearInterval(timer);
      await creations.close();
    },
  };
}

export function sharingServer(): Promise<SharingServer> {
  const slot = globalThis as Slot;
  slot[SLOT] ??= start().catch((e: unknown) => {
    delete slot[SLOT];
    throw e;
  });
  return slot[SLOT];
}
