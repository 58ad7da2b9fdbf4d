/**
 * Builds the render benchmark's page (bench/render/index.html) for production with React's
 * profiling build, so that <Profiler> reports timings: `react-dom/client` is aliased to
 * `react-dom/profiling`. bench/render.bench.ts runs this build through Vite's JS API.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the page is built: outside the source tree, so that neither git nor ESLint sees the bundle. */
export const BENCH_OUT_DIR = fileURLToPath(new URL('../../node_modules/.tmp/bench-render/', import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  mode: 'production',
  plugins: [react()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  resolve: {
    alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
  },
  build: {
    target: 'es2022',
    outDir: BENCH_OUT_DIR,
    emptyOutDir: true,
    sourcemap: false,
  },
  logLevel: 'warn',
});
