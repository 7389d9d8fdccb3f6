/**
 * Runs a named benchmark on each target and prints JSON (also written to bench/results/).
 *
 *   npm run bench -- inception [--targets node-wasm,node-cpu,node-webgpu,chromium-webgpu,chromium-webgl,chromium-cpu]
 *     [--max-size 512] [--steps 500]
 *   npm run bench -- steps --targets chromium-cpu,chromium-wasm:threads=0,chromium-wasm:threads=2
 *   npm run bench -- style --targets node-wasm,chromium-wasm --steps 6   (algorithms 2 and 3 side by side)
 *   npm run bench -- responsiveness   (bench/responsiveness.ts: the page during runs, before and after the Worker)
 *   npm run bench -- responsiveness --targets chromium-wasm:threads=1,chromium-wasm:threads=2   (today's build only)
 *   npm run bench -- train --targets node-wasm,chromium-wasm,chromium-webgl,chromium-webgpu --steps 3
 *     (CharRNN training; PyTorch on the same CPU threads runs beside it as pytorch-cpu: bench_train.py)
 *   npm run bench -- video --targets chromium-wasm
 *     (MP4 and GIF encoding at 256 and 512 px: lib/engine/bench-video.ts)
 *
 * node-webgpu uses the npm package `webgpu` (Dawn): on a machine with a GPU and its Vulkan driver this
 * gives real GPU figures; here it runs on the SwiftShader Vulkan driver that Debian's chromium ships.
 * chromium-* targets need a production build (`npm run build`): the harness serves it and opens /bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { startServer } from '../tests/e2e/server-process';
import { repoRoot } from '../models/node/files';
import { BENCHMARKS } from '../lib/engine/benchmarks';
import { responsiveness } from './responsiveness';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    targets: { type: 'string' },
    'max-size': { type: 'string' },
    steps: { type: 'string' },
  },
});
const maxSize = values['max-size'] ?? '';
const steps = values.steps ?? '';
const name = positionals[0] ?? 'inception';
if (!BENCHMARKS[name] && name !== 'responsiveness')
  throw new Error(`unknown benchmark ${name}: responsiveness, ${Object.keys(BENCHMARKS).join(', ')}`);
const targets = (values.targets ?? 'node-wasm,node-webgpu,chromium-webgpu,chromium-webgl,chromium-cpu').split(',');

/** Node targets run in a child process each, so backends never share a process. */
function runNode(target: string): unknown {
  const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
  const env =
    target === 'node-webgpu' && !process.env.VK_ICD_FILENAMES && existsSync(swiftshader)
      ? { VK_ICD_FILENAMES: swiftshader, LD_LIBRARY_PATH: '/usr/lib/chromium' }
      : {};
  const r = spawnSync('node', ['--import', 'tsx', join(__dirname, 'node-target.ts'), name, target, maxSize, steps], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { target, error: (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ') };
  }
}

/** The training benchmark's reference: PyTorch on the same machine (Debian's python3-torch), when it is there. */
function runPyTorch(): unknown {
  const r = spawnSync('/usr/bin/python3', [join(repoRoot, 'models', 'charrnn', 'bench_train.py'), steps], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return {
      target: 'pytorch-cpu',
      error: (r.stderr || 'no python3 with torch').trim().split('\n').slice(-2).join(' '),
    };
  }
}

async function runChromium(chromiumTargets: string[]): Promise<unknown[]> {
  if (!existsSync(join(repoRoot, '.next', 'BUILD_ID')))
    return chromiumTargets.map((target) => ({ target, error: 'no production build: run npm run build first' }));
  const server = await startServer(3199, { ATELIER_DATA_DIR: join(tmpdir(), 'atelier-bench-data') }, repoRoot);
  const out: unknown[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const target of chromiumTargets) {
      const page = await browser.newPage();
      // chromium-<backend>[:<query>], e.g. chromium-wasm:threads=2 (lib/engine/client.ts reads the query).
      const [backend, query] = target.replace('chromium-', '').split(':');
      const search = [
        `name=${name}`,
        `backend=${backend}`,
        'run=1',
        query,
        maxSize && `max=${maxSize}`,
        steps && `steps=${steps}`,
      ];
      await page.goto(`${server.url}/bench?${search.filter(Boolean).join('&')}`);
      // SwiftShader emulates WebGPU on the CPU: a style benchmark takes many minutes there.
      const text = await page.getByTestId('bench-result').textContent({ timeout: 1_800_000 });
      out.push({ target, ...JSON.parse(text ?? '{}') });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return out;
}

async function main() {
  if (name === 'responsiveness')
    return report(await responsiveness(values.targets ? targets.map((t) => t.replace('chromium-', '')) : undefined));
  const results: unknown[] = [];
  for (const t of targets.filter((t) => t.startsWith('node-'))) results.push(runNode(t));
  if (name === 'train') results.push(runPyTorch());
  results.push(...(await runChromium(targets.filter((t) => t.startsWith('chromium-')))));
  report(results);
}

function report(results: unknown) {
  const json = JSON.stringify(
    {
      benchmark: name,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      results,
    },
    null,
    2,
  );
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', `${name}.json`), json);
  console.log(json);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
