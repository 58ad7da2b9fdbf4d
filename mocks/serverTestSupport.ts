/**
 * Test helper for the HTTP side of the mock: an MSW server around a fresh engine, with `Date`
 * faked (timers stay real, so MSW and `delay` work as usual) and a clock that only moves forward.
 * Each test starts from `/_mock/reset`.
 */
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import type { MockConfigPatch } from '../src/api/mockConfig';
import { createApiClient, type ApiClient } from '../src/api/client';
import { createMockServer, type MockServer } from './node';
import { QUIET, T0 } from './testSupport';

export const API = 'http://localhost/api/v1';

export interface ServerHarness extends MockServer {
  /** fetch relative to the API base */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  /** JSON request helper: method, path, body, headers */
  send: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
  /** moves the faked wall clock forward */
  later: (ms: number) => void;
  /** the app's own client, pointed at the mock */
  client: ApiClient;
}

export function setupMockServer(config: MockConfigPatch = {}): ServerHarness {
  vi.useFakeTimers({ toFake: ['Date'] });
  let now = T0;
  vi.setSystemTime(now);
  const mock = createMockServer({ seed: 7, config: { ...QUIET, ...config } });
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    mock.server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(() => {
    mock.server.close();
    vi.useRealTimers();
  });
  beforeEach(() => {
    mock.engine.reset();
  });
  const api = (path: string, init?: RequestInit) => fetch(`${API}${path}`, init);
  return {
    ...mock,
    api,
    send: (method, path, body, headers = {}) =>
      api(path, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    later: (ms) => {
      now += ms;
      vi.setSystemTime(now);
    },
    client: createApiClient({ baseUrl: API }),
  };
}

export const imageBody = (title = 'Poster', prompt = 'A red bicycle') => ({ type: 'image', title, params: { prompt } });
