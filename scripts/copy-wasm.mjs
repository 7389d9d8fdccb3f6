// Copies tfjs's wasm binaries into public/tfjs-wasm/<version>/ on install and before build, so the engine's wasm
// backend loads them from this server (never a CDN). Versioned: a new tfjs is a new path, cacheable as immutable.
// Also the threaded binary's unminified factory script, which its threads load (lib/engine/backend.ts says why).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8'));
const out = join(root, 'public', 'tfjs-wasm', version);
mkdirSync(out, { recursive: true });
for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  copyFileSync(join(dist, name), join(out, name));
}
const factory = 'tfjs-backend-wasm-threaded-simd.js';
copyFileSync(join(dist, '..', 'wasm-out', factory), join(out, factory));
console.log(`tfjs wasm ${version} -> public/tfjs-wasm/${version}/`);
