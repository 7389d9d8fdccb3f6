/** Starts the studio's real server (server.mjs on the built app) as a child process, for the sharing tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import sharp from 'sharp';
import { encodeRecipe } from '../../lib/share/codec';
import { FIELD } from '../../lib/share/limits';
import { smallDream } from './helpers';

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** resolves with the exit signal (SIGKILL when a failpoint fired) */
  exited: Promise<NodeJS.Signals | null>;
  /** what the process has written to stdout and stderr so far */
  log(): string;
  stop(): Promise<void>;
}

/** server.mjs of the production build in `cwd` (this checkout unless given), once it answers. */
export async function startServer(
  port: number,
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<ServerProcess> {
  const child = spawn('node', ['server.mjs'], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited at start:\n${log}`);
    if (
      await fetch(`${url}/api/creations`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error(`server did not answer in 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    exited,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export const tinyPng = (seed: number) =>
  sharp({
    create: {
      width: 16,
      height: 12,
      channels: 3,
      background: { r: seed % 256, g: (seed * 7) % 256, b: (seed * 13) % 256 },
    },
  })
    .png()
    .toBuffer();

/** A creation upload as the studio sends it: a dream recipe and its output, optionally an uploaded input. */
export async function creationForm(
  seed: number,
  opts: { listed?: boolean; input?: Buffer; output?: Buffer } = {},
): Promise<FormData> {
  const form = new FormData();
  const recipe = smallDream({ seed, ...(opts.input ? { input: { kind: 'upload', name: 'photo.jpg' } } : {}) });
  form.set(FIELD.recipe, await encodeRecipe(recipe));
  form.set(FIELD.title, `creation ${seed}`);
  form.set(FIELD.public, opts.listed ? '1' : '0');
  form.set(FIELD.output, new Blob([new Uint8Array(opts.output ?? (await tinyPng(seed)))], { type: 'image/png' }));
  if (opts.input) form.set(FIELD.input(0), new Blob([new Uint8Array(opts.input)], { type: 'image/jpeg' }));
  return form;
}
