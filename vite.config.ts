import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The modules the start-up imports at once (scripts/check-bundle.mjs counts the same): the task
 * region, the default language's messages and the sync runtime. Preloaded from index.html, so the
 * browser fetches them beside the entry instead of after it has run.
 */
const FIRST_SCREEN_MODULES = ['src/features/tasks/components/TasksPanel.tsx', 'src/i18n/en.ts', 'src/sync/syncRuntime.ts'];

function preloadFirstScreen(): Plugin {
  return {
    name: 'task-center:preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const files = new Set<string>();
        const add = (fileName: string) => {
          const chunk = bundle[fileName];
          if (files.has(fileName) || chunk?.type !== 'chunk') return;
          files.add(fileName);
          chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(bundle)) {
          const id = chunk.type === 'chunk' ? chunk.facadeModuleId : null;
          if (id && FIRST_SCREEN_MODULES.some((module) => id.endsWith(module))) add(chunk.fileName);
        }
        return [...files]
          .filter((file) => !html.includes(file))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  plugins: [react(), preloadFirstScreen()],
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
