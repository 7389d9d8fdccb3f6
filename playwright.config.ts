import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/chromium';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const E2E_DATA_DIR = '.e2e-data';

export default defineConfig({
  testDir: 'tests/e2e',
  // SwiftShader runs WebGPU on the CPU: a 128 px DeepDream step takes seconds, not milliseconds.
  timeout: 240_000,
  expect: { timeout: 120_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    // Tests that intercept model files need requests to reach the page, not a service worker.
    serviceWorkers: 'block',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    // The studio's own server (server.mjs), on a fresh sharing store, with the write limit raised so
    // the 200-creation test measures the store, not the limiter (which has a test of its own).
    command: `node -e "require('fs').rmSync('${E2E_DATA_DIR}', { recursive: true, force: true })" && node server.mjs`,
    url: `http://127.0.0.1:${PORT}/`,
    env: { PORT: String(PORT), HOST: '127.0.0.1', ATELIER_DATA_DIR: E2E_DATA_DIR, ATELIER_RATE_LIMIT: '100000/60' },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
