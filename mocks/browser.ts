/**
 * Starts the mock backend in the browser (development and demo builds only; src/app/main.tsx
 * imports this file dynamically so it never reaches a production bundle). The engine keeps its
 * state in localStorage, so tasks survive a reload and keep progressing by the wall clock; the
 * demo tasks are added on the very first start only. Other tabs of the app run their own engine
 * on the same storage and follow each other's saves. The engine is on `window.__taskCenterMock`
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
  // Every tab runs its own engine; following the others' saves keeps them showing the same tasks.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY && event.newValue !== null) engine.adoptStoredState(event.newValue);
  });
  const worker = setupWorker(...createHandlers(engine));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  window.__taskCenterMock = engine;
}

/** localStorage, or null where it is blocked (private mode, sandboxed iframes). */
function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
