/**
 * Shared setup for the unit and component tests (vitest + jsdom).
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadMessages } from '../src/i18n/i18n';

// Components translate synchronously; the app loads the table before its first render.
await loadMessages('en');
await loadMessages('zh-CN');

afterEach(() => {
  cleanup();
  // Absent in files that run in plain Node (`@vitest-environment node`, e.g. the real-HTTP mock).
  globalThis.localStorage?.clear();
  globalThis.sessionStorage?.clear();
});
