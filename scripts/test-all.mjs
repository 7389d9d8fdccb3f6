// The one test command (README: `npm ci && npm test`): makes sure a browser and PostgreSQL are there, runs the unit
// tests (Node; tfjs on its CPU or wasm backend), builds the app, runs the end-to-end tests (Playwright + Debian's
// Chromium on WebGPU/SwiftShader), prints each suite's and each test file's seconds and ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = [];
const fileSeconds = []; // [suite, file, seconds]

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function findChromium() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
}

function ensureChromium() {
  if (findChromium()) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium is missing: installing Debian's chromium package (apt-get)...");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (findChromium()) return true;
  }
  console.error(
    [
      'No Chromium found. The end-to-end tests need a system Chromium with WebGPU:',
      '  Debian/Ubuntu: sudo apt-get install -y chromium',
      '  elsewhere:     install Chromium and set CHROMIUM_PATH=/path/to/chromium',
      '(Downloading a browser with `npx playwright install` is not used by this project.)',
    ].join('\n'),
  );
  return false;
}

/** Debian's PostgreSQL server, for the store tests on PostgreSQL + S3 (tests/support/postgres.ts starts its own
 * throwaway cluster; nothing runs as a service). */
function ensurePostgres() {
  const installed = () =>
    existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'postgres')));
  if (installed()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("PostgreSQL is missing: installing Debian's postgresql package (apt-get)...");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], {
      DEBIAN_FRONTEND: 'noninteractive',
    });
  }
  if (!installed())
    console.error(
      'No PostgreSQL server found (Debian/Ubuntu: sudo apt-get install -y postgresql): its store tests are skipped.',
    );
}

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...testFiles(rel));
    else if (name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

/** Milliseconds of every test result in a Playwright JSON suite and the suites inside it. */
function suiteMs(suite) {
  const own = (suite.specs ?? [])
    .flatMap((s) => s.tests)
    .flatMap((t) => t.results)
    .reduce((n, r) => n + r.duration, 0);
  return own + (suite.suites ?? []).reduce((n, s) => n + suiteMs(s), 0);
}

/**
 * Seconds per unit test file, from the TAP stream: Node reports the top-level describe blocks, each found back
 * in the file that declares it.
 */
function unitFileSeconds(tap, files) {
  // A describe's name, or the part of a template name before its first ${...} (a suite made in a loop).
  const fileOf = [];
  for (const file of files) {
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/^\s*describe\((['"`])(.+?)(\1|\$\{)/gm))
      fileOf.push([m[2], m[3] === '${', file]);
  }
  const find = (name) => fileOf.find(([prefix, partial]) => (partial ? name.startsWith(prefix) : name === prefix))?.[2];
  const seconds = new Map();
  for (const m of tap.matchAll(/^(?:not )?ok \d+ - (.+)\n {2}---\n {2}duration_ms: ([\d.]+)/gm)) {
    const file = find(m[1].replace(/ # .*$/, '')) ?? m[1];
    seconds.set(file, (seconds.get(file) ?? 0) + Number(m[2]) / 1000);
  }
  return [...seconds];
}

function timed(name, fn) {
  const start = Date.now();
  const counts = fn();
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  results.push({ name, seconds, ...counts });
  console.log(`\n== ${name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s ==\n`);
}

ensurePostgres();

timed('unit (Node, tfjs cpu/wasm)', () => {
  const files = ['models', 'lib', 'server', 'scripts'].flatMap(testFiles);
  const tap = join(root, 'test-results', 'unit.tap');
  run('mkdir', ['-p', 'test-results']);
  const status = run('node', [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  fileSeconds.push(...unitFileSeconds(text, files).map(([file, seconds]) => ['unit', file, seconds]));
  const passed = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const failed = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  return { passed, failed: failed || (status !== 0 ? 1 : 0) };
});

timed('lint (ESLint with the layering rules, Prettier)', () => {
  const ok = run('npm', ['run', 'lint', '--silent']) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});

timed('build (next build)', () => {
  const ok = run('npm', ['run', 'build', '--silent']) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
});
const built = results.at(-1).failed === 0;

if (built && ensureChromium()) {
  timed('end to end (Playwright, Chromium WebGPU)', () => {
    const status = run('npx', ['playwright', 'test'], { CHROMIUM_PATH: findChromium() });
    const file = join(root, 'test-results', 'e2e.json');
    if (!existsSync(file)) return { passed: 0, failed: 1 };
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const stats = report.stats;
    for (const suite of report.suites ?? [])
      fileSeconds.push(['e2e', `tests/e2e/${suite.file}`, suiteMs(suite) / 1000]);
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected || (status !== 0 ? 1 : 0) };
  });
} else {
  results.push({ name: 'end to end', seconds: '0', passed: 0, failed: 1 });
}

console.log('Seconds per test file, slowest first:');
for (const [suite, file, seconds] of fileSeconds.sort((a, b) => b[2] - a[2]))
  console.log(`  ${seconds.toFixed(1).padStart(7)} s  ${suite.padEnd(5)} ${file}`);
console.log('\nSuite times:');
for (const r of results)
  console.log(`  ${r.name.padEnd(44)} ${r.seconds.padStart(7)} s   ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
