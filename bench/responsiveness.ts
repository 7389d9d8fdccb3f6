/**
 * `npm run bench -- responsiveness`: how the page responds while each studio runs, before the engine moved into a
 * Worker (BEFORE_COMMIT, built once into runs/bench-before/) and now, on every backend here. For each run: the
 * longest main-thread task (Long Tasks API) from the studio being ready (a link then runs at once) to `done`, and
 * the frames per second the page rendered meanwhile with a main-thread CSS animation (margin-left) beside it. The
 * latent studio's case is a drag across its map, measured over the drag; `train` is 15 s of training in /text. Also,
 * per GPU backend, a dream's time to its first step at 128 px with and without the warm-up that compiles its
 * programs first (each in a fresh browser: no compiled program carries over).
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import { smallDream, smallStyle } from '../tests/e2e/helpers';
import { startServer } from '../tests/e2e/server-process';
import { encodeRecipe } from '../lib/share/codec';
import { modelRefFor } from '../lib/share/model-ref';
import type { Recipe } from '../lib/share/recipe';
import { registryEntry } from '../models/registry';
import { repoRoot } from '../models/node/files';

/** The last commit whose engine ran on the page's main thread. */
export const BEFORE_COMMIT = '97d4dfc';
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

const ref = (id: string) => modelRefFor(registryEntry(id));
const SCENARIOS: Record<string, Recipe | 'drag' | 'train'> = {
  dream: smallDream({ size: 128, steps: 2 }),
  style: smallStyle({ steps: 2 }),
  faces: {
    studio: 'faces',
    v: 1,
    model: ref('dcgan-faces'),
    seeds: Array.from({ length: 16 }, (_, i) => i + 1),
    truncation: 0,
  },
  latent: 'drag',
  train: 'train',
  text: {
    studio: 'text',
    v: 1,
    model: ref('charrnn-shakespeare'),
    mode: 'text',
    prime: 'ROMEO:\n',
    temperature: 0.8,
    topK: 0,
    topP: 0.95,
    length: 40,
    seed: 5,
  },
};

/**
 * Injected before the page's own scripts: long tasks, animation frames and status changes, with their times. A
 * string, not a function: the TypeScript runner would wrap named functions in a helper the page does not have.
 */
const RECORDER = `
  const log = { tasks: [], frames: [], status: [] };
  window.__responsiveness = log;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => log.tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
  const onFrame = (t) => { log.frames.push(t); requestAnimationFrame(onFrame); };
  requestAnimationFrame(onFrame);
  addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '@keyframes responsiveness-slide { from { margin-left: 0 } to { margin-left: 120px } }';
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;bottom:4px;left:4px;width:12px;height:12px;background:#f0f;animation:responsiveness-slide 1s linear infinite alternate';
    document.head.append(style);
    document.body.append(box);
    let last = '';
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid="status"]')?.textContent ?? '';
      if (status !== last) log.status.push([(last = status), performance.now()]);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
`;

interface Log {
  tasks: [number, number][];
  frames: number[];
  status: [string, number][];
}

/** The longest task and the frame rate within [from, to] (ms on the page's clock). */
function figures(log: Log, from: number, to: number) {
  const longest = Math.max(0, ...log.tasks.filter(([start, d]) => start + d > from && start < to).map(([, d]) => d));
  const frames = log.frames.filter((t) => t >= from && t <= to).length;
  return {
    longest_task_ms: Math.round(longest),
    fps: Math.round((10 * frames * 1000) / Math.max(1, to - from)) / 10,
    run_s: Math.round((to - from) / 100) / 10,
  };
}

async function measure(
  browser: Browser,
  base: string,
  studio: string,
  backend: string,
): Promise<Record<string, number | string>> {
  const page = await browser.newPage();
  await page.addInitScript({ content: RECORDER });
  try {
    const scenario = SCENARIOS[studio];
    if (scenario === 'drag') return await drag(page, `${base}/latent?backend=${backend}`);
    if (scenario === 'train') return await train(page, `${base}/text?backend=${backend}`);
    await page.goto(`${base}/${studio}?backend=${backend}#r=${await encodeRecipe(scenario)}`);
    await page
      .getByTestId('status')
      .filter({ hasText: /^(done|error)$/ })
      .waitFor({ timeout: 600_000 });
    const log = await logOf(page);
    // From the studio's model being ready (its status leaves `loading`; a link then runs at once) to `done`: an
    // engine on the main thread may do a whole run before React paints `running`.
    const start = log.status.find(([s]) => s !== 'loading' && s !== '')?.[1];
    const end = log.status.find(([s]) => s === 'done')?.[1];
    if (start === undefined || end === undefined)
      return { error: `status went ${log.status.map(([s]) => s).join(' → ')}` };
    return figures(log, start, end);
  } catch (e) {
    return { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  } finally {
    await page.close();
  }
}

/** Opens a studio and waits for its first run to be done. */
async function openDone(page: Page, url: string) {
  await page.goto(url);
  await page
    .getByTestId('status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout: 300_000 });
}

const logOf = (page: Page) => page.evaluate(() => (window as unknown as { __responsiveness: Log }).__responsiveness);

/** Three seconds of dragging across the latent map, one decode per move. */
async function drag(page: Page, url: string) {
  await openDone(page, url);
  const box = (await page.getByTestId('latent-map').boundingBox())!;
  const from = await page.evaluate(() => performance.now());
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    const t = i / 59;
    await page.mouse.move(
      box.x + 10 + t * (box.width - 20),
      box.y + box.height / 2 + Math.sin(t * 6) * box.height * 0.3,
    );
    await page.waitForTimeout(50);
  }
  await page.mouse.up();
  const to = await page.evaluate(() => performance.now());
  return figures(await logOf(page), from, to);
}

/** Fifteen seconds of training the /text panel's default model on 40 KB of this repo's docs, from its first report. */
async function train(page: Page, url: string) {
  await openDone(page, url);
  await page.getByText('Train your own model on your text').click();
  const docs = ['README.md', 'docs/ARCHITECTURE.md'].map((file) => readFileSync(join(repoRoot, file), 'utf8'));
  await page.getByTestId('own-text').fill(docs.join('\n').slice(0, 40_000));
  await page.getByTestId('own-train').click();
  const progress = page.getByTestId('own-progress');
  await progress.waitFor({ timeout: 300_000 });
  const from = await page.evaluate(() => performance.now());
  const steps = Number(await progress.getAttribute('data-steps'));
  await page.waitForTimeout(15_000);
  const to = await page.evaluate(() => performance.now());
  const report = await progress.textContent();
  await page.getByTestId('own-stop').click();
  return {
    ...figures(await logOf(page), from, to),
    steps: Number(await progress.getAttribute('data-steps')) - steps,
    characters_a_second: Number(/([\d,]+) characters a/.exec(report ?? '')?.[1].replace(/,/g, '')),
  };
}

/** The commit before the move, built once (its own copy of the sources, this checkout's node_modules hard-linked). */
function beforeBuild(): string {
  const dir = join(repoRoot, 'runs', 'bench-before', BEFORE_COMMIT);
  if (existsSync(join(dir, '.next', 'BUILD_ID'))) return dir;
  mkdirSync(dir, { recursive: true });
  execSync(`git archive ${BEFORE_COMMIT} | tar -x -C ${dir}`, { cwd: repoRoot, stdio: 'inherit' });
  if (!existsSync(join(dir, 'node_modules')))
    cpSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  execSync('npm run build', { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** A dream's time from the start of its run to its first step, in a fresh browser each time. */
async function firstStep(base: string, backend: string, warmUp: boolean): Promise<number | string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: RECORDER });
    await page.goto(
      `${base}/dream?backend=${backend}${warmUp ? '' : '&warmup=0'}#r=${await encodeRecipe(smallDream({ size: 128, steps: 2 }))}`,
    );
    await page
      .getByText(/step [12] \//)
      .first()
      .waitFor({ timeout: 600_000 });
    const log = await logOf(page);
    const start = log.status.find(([s]) => s === 'running')?.[1] ?? 0;
    return Math.round((await page.evaluate(() => performance.now())) - start);
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    await browser.close();
  }
}

/** Every backend before and after the move; or, given `targets` (a backend, then `:threads=N` for wasm), only those on
 * today's build, without the first-step figures. */
export async function responsiveness(targets?: string[]): Promise<unknown> {
  const versions = targets ? { after: repoRoot } : { before: beforeBuild(), after: repoRoot };
  const results: Record<string, Record<string, Record<string, unknown>>> = {};
  const firstSteps: Record<string, unknown> = {};
  let port = 3196;
  for (const [version, dir] of Object.entries(versions)) {
    const server = await startServer(++port, { ATELIER_DATA_DIR: join(tmpdir(), 'atelier-bench-data') }, dir);
    const base = server.url;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      for (const backend of targets?.map((t) => t.replace(':', '&')) ?? BACKENDS) {
        // Before the move there was no wasm backend: ?backend=wasm fell back to webgpu.
        if (version === 'before' && backend === 'wasm') continue;
        for (const studio of Object.keys(SCENARIOS)) {
          if (version === 'before' && studio === 'train') continue; // nothing trained in the page then
          const figure = await measure(browser, base, studio, backend);
          ((results[studio] ??= {})[backend] ??= {})[version] = figure;
          console.error(version, backend, studio, JSON.stringify(figure));
        }
      }
    } finally {
      await browser.close();
    }
    if (version === 'after' && !targets) {
      for (const backend of ['webgpu', 'webgl']) {
        firstSteps[backend] = {
          with_warm_up_ms: await firstStep(base, backend, true),
          without_warm_up_ms: await firstStep(base, backend, false),
        };
        console.error('first step', backend, JSON.stringify(firstSteps[backend]));
      }
    }
    await server.stop();
  }
  return { before_commit: BEFORE_COMMIT, runs: results, dream_128px_first_step: firstSteps };
}
