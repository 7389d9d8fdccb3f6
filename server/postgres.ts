/**
 * Creation metadata in PostgreSQL, for a deployment with several server processes (README, "Sharing at
 * scale"): one connection pool per process, one transaction per insert, the SQLite store's schema and keyset
 * pages (server/sqlite.ts), and the write limit and the sweep's lock shared by every process.
 *
 * Migrations run on start, each once, in order, under a transaction-scoped advisory lock, so processes that
 * start together neither race on CREATE TABLE nor apply one twice.
 */
import pg from 'pg';
import type { RateLimiter } from './rate-limit';
import { cursorOf, parseCursor, recordOf, type CreationRow as Row } from './rows';
import type { GalleryPage, MetadataStore } from './types';

/** Append only: a shipped migration never changes, a new one is added at the end. */
const MIGRATIONS = [
  `CREATE TABLE creations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    studio TEXT NOT NULL,
    title TEXT NOT NULL,
    recipe TEXT NOT NULL,
    text TEXT,
    files JSONB NOT NULL,
    listed BOOLEAN NOT NULL,
    reports INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX creations_gallery ON creations (listed, created_at DESC, id DESC);
  CREATE TABLE reports (
    creation_id TEXT NOT NULL REFERENCES creations (id) ON DELETE CASCADE,
    reporter TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (creation_id, reporter)
  );
  CREATE TABLE writes (client TEXT NOT NULL, at BIGINT NOT NULL);
  CREATE INDEX writes_by_client ON writes (client, at);`,
];

/** Advisory lock keys of this application's choosing: single 64-bit keys for the two jobs, and a client's write
 * count under the two-key form (a space of its own) with this first key. */
const LOCK = { migrations: 7_241_001, sweep: 7_241_002, clientWrites: 7_241 } as const;

/** Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK.migrations]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (applied.has(index + 1)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        index + 1,
        Date.now(),
      ]);
    }
  });
}

export interface PostgresStore extends MetadataStore {
  /** The write limit over every process's writes, kept in the database. */
  limiter(count: number, windowMs: number): RateLimiter;
}

/** Opens a pool on `url` (postgres://user:password@host:port/database) and brings the schema up to date; a
 * connection or a query that takes longer than `timeoutMs` fails, so a stalled server cannot hold the pool. */
export async function openPostgresStore(url: string, poolSize = 10, timeoutMs = 10_000): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // An idle connection that the server drops (a restart, a failover) must not crash the process.
  pool.on('error', (e) => console.error('[sharing] PostgreSQL connection lost:', e.message));
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const rowsOf = async (sql: string, values: unknown[]) => (await pool.query<Row>(sql, values)).rows;

  return {
    async insert(r, beforeCommit) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO creations (id, token_hash, studio, title, recipe, text, files, listed, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [r.id, r.tokenHash, r.studio, r.title, r.recipe, r.text, JSON.stringify(r.files), r.listed, r.createdAt],
        );
        beforeCommit?.();
      });
    },
    async get(id) {
      const [row] = await rowsOf('SELECT * FROM creations WHERE id = $1', [id]);
      return row ? recordOf(row) : null;
    },
    async listed(limit, before, maxReports) {
      const cursor = parseCursor(before);
      const rows = cursor
        ? await rowsOf(
            `SELECT * FROM creations WHERE listed AND reports < $1 AND (created_at, id) < ($2, $3)
             ORDER BY created_at DESC, id DESC LIMIT $4`,
            [maxReports, cursor.at, cursor.id, limit + 1],
          )
        : await rowsOf(
            'SELECT * FROM creations WHERE listed AND reports < $1 ORDER BY created_at DESC, id DESC LIMIT $2',
            [maxReports, limit + 1],
          );
      const items = rows.slice(0, limit).map(recordOf);
      return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null } satisfies GalleryPage;
    },
    remove: async (id) => ((await pool.query('DELETE FROM creations WHERE id = $1', [id])).rowCount ?? 0) > 0,
    setListed: async (id, listed) =>
      ((await pool.query('UPDATE creations SET listed = $1 WHERE id = $2', [listed, id])).rowCount ?? 0) > 0,
    report: (id, reporter) =>
      inTransaction(pool, async (client) => {
        // FOR UPDATE: two reports of one creation count one after the other, each seeing the other's row.
        const found = await client.query('SELECT 1 FROM creations WHERE id = $1 FOR UPDATE', [id]);
        if (found.rowCount === 0) return null;
        await client.query(
          'INSERT INTO reports (creation_id, reporter, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [id, reporter, Date.now()],
        );
        const { rows } = await client.query<{ reports: number }>(
          'UPDATE creations SET reports = (SELECT COUNT(*) FROM reports WHERE creation_id = $1) WHERE id = $1 RETURNING reports',
          [id],
        );
        return rows[0].reports;
      }),
    ids: async () => new Set((await pool.query<{ id: string }>('SELECT id FROM creations')).rows.map((r) => r.id)),
    async exclusively(work) {
      // A transaction-scoped lock: it ends with the transaction, so a pooled connection never keeps it.
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
          LOCK.sweep,
        ]);
        if (!rows[0].locked) return false;
        await work();
        return true;
      });
    },
    async check() {
      await pool.query('SELECT 1');
    },
    limiter(count, windowMs) {
      let lastPrune = 0;
      return {
        take: async (client, now = Date.now()) => {
          if (now - lastPrune > windowMs) {
            // Forget every client that has been quiet for a whole window, so the table cannot grow without bound.
            lastPrune = now;
            await pool.query('DELETE FROM writes WHERE at <= $1', [now - windowMs]);
          }
          return inTransaction(pool, async (db) => {
            // One client's writes are counted one at a time, across every process.
            await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK.clientWrites, client]);
            await db.query('DELETE FROM writes WHERE client = $1 AND at <= $2', [client, now - windowMs]);
            const { rows } = await db.query<{ n: string; oldest: string | null }>(
              'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM writes WHERE client = $1',
              [client],
            );
            if (Number(rows[0].n) >= count)
              return Math.max(1, Math.ceil((Number(rows[0].oldest) + windowMs - now) / 1000));
            await db.query('INSERT INTO writes (client, at) VALUES ($1, $2)', [client, now]);
            return 0;
          });
        },
      };
    },
    close: () => pool.end(),
  };
}
