/**
 * The one store of this server process. Next bundles each route separately, so a module-level variable
 * would give each route its own database connection and its own orphan sweep (which could remove the
 * files of a creation another route is still writing); a process-wide slot keeps one of each.
 */
import { join } from 'node:path';
import { readConfig, type ServerConfig } from './config';
import { CreationService } from './creations';
import { diskBlobStore } from './files';
import { slidingWindowLimiter, type RateLimiter } from './rate-limit';
import { openSqliteStore } from './sqlite';

interface Server {
  config: ServerConfig;
  creations: CreationService;
  limiter: RateLimiter;
}

const SLOT = Symbol.for('neural-atelier.sharing-server');
type Slot = { [SLOT]?: Promise<Server> };

async function start(): Promise<Server> {
  const config = readConfig();
  const creations = new CreationService(openSqliteStore(config.dbPath), diskBlobStore(join(config.dataDir, 'files')), config.reportsToHide);
  const swept = await creations.sweepOrphans();
  if (swept > 0) console.warn(`[sharing] removed the files of ${swept} creation(s) that were never committed`);
  return { config, creations, limiter: slidingWindowLimiter(config.rateLimit.count, config.rateLimit.windowMs) };
}

export function sharingServer(): Promise<Server> {
  const slot = globalThis as Slot;
  slot[SLOT] ??= start().catch((e: unknown) => {
    delete slot[SLOT];
    throw e;
  });
  return slot[SLOT];
}
