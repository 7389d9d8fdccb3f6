/**
 * A throwaway PostgreSQL server for the tests: Debian's `postgresql` package (scripts/test-all.mjs installs it
 * when missing), a cluster made by initdb in a temporary directory, a free port on 127.0.0.1 and its socket in
 * that directory. initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const VERSIONS_DIR = '/usr/lib/postgresql';

export interface TestPostgres {
  /** a new, empty database on this server */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The newest installed server's bin directory, or null. */
function binDir(): string | null {
  if (!existsSync(VERSIONS_DIR)) return null;
  const versions = readdirSync(VERSIONS_DIR).filter((v) => existsSync(join(VERSIONS_DIR, v, 'bin', 'postgres')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(VERSIONS_DIR, newest, 'bin') : null;
}

/** The uid and gid of the `postgres` user, from /etc/passwd. */
function postgresUser(): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Why a PostgreSQL server cannot be started here, or null when it can. */
export function postgresUnavailable(): string | null {
  if (!binDir()) return `no PostgreSQL server in ${VERSIONS_DIR} (Debian: apt-get install postgresql)`;
  if (process.getuid?.() === 0 && !postgresUser())
    return 'running as root, and there is no postgres user to run the server as';
  return null;
}

export async function startPostgres(): Promise<TestPostgres> {
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'atelier-pg-'));
  const user = process.getuid?.() === 0 ? postgresUser()! : null;
  if (user) chownSync(dir, user.uid, user.gid);
  const asServerUser = user ? { uid: user.uid, gid: user.gid } : {};
  const data = join(dir, 'data');
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'atelier', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    { ...asServerUser, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);

  const port = await freePort();
  const server: ChildProcess = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    {
      ...asServerUser,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const admin = `postgres://atelier@127.0.0.1:${port}/postgres`;
  const started = Date.now();
  for (;;) {
    const client = new pg.Client(admin);
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (server.exitCode !== null || Date.now() - started > 30_000)
        throw new Error(`PostgreSQL did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    async database(name) {
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://atelier@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (disconnects clients, then stops).
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
