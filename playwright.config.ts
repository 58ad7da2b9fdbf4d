/**
 * Browser journeys in real Chromium (Debian's, no browser download). The app under test is a
 * production build with the MSW mock switched on, served by `vite preview`, so the tests exercise
 * the same bundle a demo would ship. Set CHROMIUM_PATH to use another Chromium on a laptop.
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The specs that run at every size, not only at 1440 × 900. */
const AT_SIZES = /(journeys|submit|sizes|failures)\.spec\.ts$/;
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
  projects: [
    // Every journey at 1440 × 900; the size checks that set their own viewports (layout.spec.ts).
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } }, testIgnore: /sizes\.spec\.ts$/ },
    // The journeys that matter — list, details, submit, retry — and axe and target sizes again on
    // a phone (touch) and a 13-inch laptop. Only these, to keep CI time reasonable.
    {
      name: 'phone',
      use: { ...devices['Desktop Chrome'], viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
      testMatch: AT_SIZES,
    },
    { name: 'laptop', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } }, testMatch: AT_SIZES },
  ],
  webServer: {
    command: `node_modules/.bin/vite build --outDir dist-demo --logLevel warn && node_modules/.bin/vite preview --outDir dist-demo --host 127.0.0.1 --port ${PORT} --strictPort`,
    env: { VITE_ENABLE_MOCKS: 'true' },
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
