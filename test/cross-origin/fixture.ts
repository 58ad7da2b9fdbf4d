/**
 * The API side of the cross-origin journeys, started once for the worker: the real-HTTP mock
 * (`npm run mock:server`'s server, in this process) on a free port, and in front of it, on the
 * API port the app was built for, a proxy that records every request (so preflights can be
 * counted) and can play a load balancer that answers 503 without CORS headers.
 */
import { test as base } from '@playwright/test';
import { startMockHttpServer, type MockHttpServer } from '../../mocks/http/httpServer';
import { startBreakingProxy, syntheticAnswer, type BreakingProxy, type BrokenRule, type ProxiedRequest } from '../../scripts/check-backend/breakingProxy.testSupport';
import type { MockConfigPatch } from '../../src/api/mockConfig';
import { API_PORT, APP_ORIGIN } from './ports';

/** Fast, quiet, deterministic: tasks run 10× faster, nothing fails unless a test says so. */
export const QUIET: MockConfigPatch = {
  latencyMs: 20,
  latencyJitterMs: 0,
  taskFailureRate: 0,
  timeScale: 10,
  heartbeatSeconds: 2,
  faults: { http500: 0, http503: 0, http429: 0, network: 0, malformed: 0 },
};

export interface Api {
  mock: MockHttpServer;
  proxy: BreakingProxy;
  /** what the proxy does; a test may set `answer` to play a broken middlebox */
  rule: BrokenRule;
  /** the app's requests so far (this test), by kind */
  requests(): ProxiedRequest[];
  preflights(): ProxiedRequest[];
  /** tasks as the server has them (read directly, not through the app) */
  serverTasks(): Promise<{ id: string; title: string; status: string; attempt: number; error: { retryable: boolean } | null }[]>;
  /** makes the proxy answer every request with a 503 that has no CORS headers (a load balancer's) */
  loadBalancerDown(down: boolean): void;
}

export const test = base.extend<{ api: Api }, { apiServer: { mock: MockHttpServer; proxy: BreakingProxy; rule: BrokenRule } }>({
  apiServer: [
    // Playwright fixtures take their dependencies as a destructured first argument; none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const mock = await startMockHttpServer({ port: 0, origins: [APP_ORIGIN], config: QUIET });
      const rule: BrokenRule = {};
      const proxy = await startBreakingProxy(mock.url, rule, { port: API_PORT });
      await provide({ mock, proxy, rule });
      await proxy.close();
      await mock.close();
    },
    { scope: 'worker' },
  ],
  api: async ({ apiServer }, provide) => {
    const { mock, proxy, rule } = apiServer;
    mock.engine.reset();
    mock.engine.updateConfig(QUIET);
    delete rule.answer;
    const from = proxy.requests.length;
    const mine = () => proxy.requests.slice(from);
    await provide({
      mock,
      proxy,
      rule,
      requests: mine,
      preflights: () => mine().filter((request) => request.method === 'OPTIONS'),
      serverTasks: async () => {
        const response = await fetch(`${mock.url}/tasks?limit=500`);
        return ((await response.json()) as { items: { id: string; title: string; status: string; attempt: number; error: { retryable: boolean } | null }[] }).items;
      },
      loadBalancerDown: (down) => {
        if (!down) delete rule.answer;
        else rule.answer = () => Promise.resolve(syntheticAnswer(503, { 'content-type': 'text/html', 'retry-after': '30' }, '<h1>503 Service Unavailable</h1>'));
      },
    });
    mock.engine.dropStreams();
  },
});

export { expect } from '@playwright/test';
