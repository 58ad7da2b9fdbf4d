/**
 * Browser journeys in real Chromium (Debian's, no browser download). The app under test is a
 * production build with the MSW mock switched on, served by `vite preview`, so the tests exercise
 * the same bundle a demo would ship. Set CHROMIUM_PATH to use another Chromium on a laptop.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: `node_modules/.bin/vite build --outDir dist-demo --logLevel warn && node_modules/.bin/vite preview --outDir dist-demo --host 127.0.0.1 --port ${PORT} --strictPort`,
    env: { VITE_ENABLE_MOCKS: 'true' },
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
