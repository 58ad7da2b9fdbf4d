/**
 * Starts the mock backend in the browser (development and demo builds only; src/app/main.tsx
 * imports this file dynamically so it never reaches a production bundle). The engine keeps its
 * state in localStorage, so tasks survive a reload and keep progressing by the wall clock; the
 * demo tasks are added on the very first start only. The engine is on `window.__taskCenterMock`
 * for poking at it from the console.
 */
import { setupWorker } from 'msw/browser';
import { TaskEngine } from './engine/engine';
import { STORAGE_KEY } from './engine/persistence';
import { createHandlers } from './handlers';

declare global {
  interface Window {
    __taskCenterMock?: TaskEngine;
  }
}

export async function startMockWorker(): Promise<void> {
  const engine = new TaskEngine({ storage: safeLocalStorage(), storageKey: STORAGE_KEY, demoSeed: true });
  engine.commit();
  window.__taskCenterMock = engine;
  const worker = setupWorker(...createHandlers(engine));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
}

/** localStorage, or null where it is blocked (private mode, sandboxed iframes). */
function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
