/**
 * The cross-origin journeys (issue 10): a production build of the app, built for an API on
 * another origin and served by `vite preview`, against the real-HTTP mock behind a counting proxy
 * (started by the tests themselves, test/cross-origin/fixture.ts). One worker: the journeys share
 * the API server.
 *
 *   npm run test:e2e:cross-origin      (E2E_PORT, E2E_API_PORT to move the ports)
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
import { API_BASE, APP_ORIGIN, APP_PORT } from './test/cross-origin/ports';

export default defineConfig({
  testDir: 'test/cross-origin',
  outputDir: 'test-results/cross-origin',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    baseURL: APP_ORIGIN,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  webServer: {
    command: `node_modules/.bin/vite build --outDir dist-cross --logLevel warn && node_modules/.bin/vite preview --outDir dist-cross --host 127.0.0.1 --port ${APP_PORT} --strictPort`,
    env: { VITE_API_BASE_URL: API_BASE, VITE_ENABLE_MOCKS: 'false' },
    url: APP_ORIGIN,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
