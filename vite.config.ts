import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The modules the start-up imports at once (scripts/check-bundle.mjs counts the same): the task
 * region, the default language's messages and the sync runtime. They go, with the app shell and
 * everything they import, into one chunk (`app`, see build below), which Vite preloads from
 * index.html beside the entry.
 */
const FIRST_SCREEN_MODULES = ['src/features/tasks/components/TasksPanel.tsx', 'src/i18n/en.ts', 'src/sync/syncRuntime.ts'];
const FIRST_SCREEN_TEST = new RegExp(
  ['src/app/App.tsx', ...FIRST_SCREEN_MODULES].map((module) => `${module.replace(/[.]/g, '\\.')}$`).join('|'),
);

/**
 * When the app talks to a server on another origin (VITE_API_BASE_URL at build time), a preconnect
 * in the page opens that connection while the scripts load, so the first list request does not
 * wait for a handshake. Anonymous (`crossorigin`), as the app's fetches carry no credentials.
 */
function preconnectApi(): Plugin {
  return {
    name: 'task-center:preconnect-api',
    apply: 'build',
    transformIndexHtml() {
      const base = process.env.VITE_API_BASE_URL;
      if (!base || !/^https?:\/\//.test(base)) return [];
      return [{ tag: 'link', attrs: { rel: 'preconnect', href: new URL(base).origin, crossorigin: '' }, injectTo: 'head' as const }];
    },
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  plugins: [react(), preconnectApi()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: which chunk imports which, for scripts/check-bundle.mjs
    manifest: true,
    rolldownOptions: {
      output: {
        // Everything the first screen runs — the app shell and the first-screen modules, with
        // their dependencies — in one chunk: the page fetches two scripts (the entry and `app`)
        // instead of fourteen, so none waits for a free connection. What loads later stays split.
        codeSplitting: {
          groups: [{ name: 'app', test: (id: string) => FIRST_SCREEN_TEST.test(id), includeDependenciesRecursively: true }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    // The page's origin is the tests' API origin (http://localhost/api/v1), as in a same-origin
    // deployment: the client sends If-None-Match only to its own origin (src/api/client.ts).
    environmentOptions: { jsdom: { url: 'http://localhost/' } },
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'test/unit/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
