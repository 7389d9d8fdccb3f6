// Lint: no import cycle among the project's own modules (type-only imports count too: a cycle of any kind is
// a layer that knows its caller). Relative and `@/` imports are followed; packages are not.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..');
const FOLDERS = ['app', 'lib', 'models', 'server', 'scripts', 'bench', 'tests'];
const EXTENSIONS = ['.ts', '.tsx', '.mjs', '.js'];

function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file an import specifier names, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/')
    ? join(root, specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => join(base, `index${e}`)),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** Every cycle found by a depth-first walk, each as the files around it. */
export function importCycles(files: string[]): string[][] {
  const edges = new Map(
    files.map((f) => [
      f,
      [...readFileSync(f, 'utf8').matchAll(IMPORT)]
        .map((m) => resolveImport(f, m[1] ?? m[2] ?? m[3]))
        .filter((p): p is string => p !== null),
    ]),
  );
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open')
        cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

/** Value imports only (an `import type` vanishes from the bundle): the packages and files a module loads. */
const VALUE_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** The chains by which `entries` load a module of `pkg` (the engine's Worker is started by URL, not imported). */
export function chainsToPackage(entries: string[], pkg: string): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3];
      if (specifier.startsWith(pkg)) found.push([...chain, file].map((f) => relative(root, f)));
      const next = resolveImport(file, specifier);
      if (next) visit(next, [...chain, file]);
    }
  };
  for (const entry of entries) visit(entry, []);
  return found;
}

describe('imports', () => {
  it('form no cycle', () => {
    const cycles = importCycles(FOLDERS.flatMap((f) => sourceFiles(join(root, f))));
    assert.deepEqual(
      cycles.map((c) => c.join(' -> ')),
      [],
    );
  });

  it("never load tfjs into the page: only the engine's Worker (lib/engine/worker.ts) does", () => {
    const chains = chainsToPackage(sourceFiles(join(root, 'app')), '@tensorflow/');
    assert.deepEqual(
      chains.map((c) => c.join(' -> ')),
      [],
    );
  });
});
