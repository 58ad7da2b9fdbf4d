/**
 * Test support for the submit feature's tests that run the real engine against the mock backend:
 * a quiet mock server, the Idempotency-Key of every POST /tasks it saw, and cleanup of the
 * rendered engine and of every store a test touches. Imported only by tests.
 */
import { onlineManager } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createMockServer } from '../../../mocks/node';
import { useOutboxStore } from '../../sync/outboxStore';

export function submitTestServer() {
  const { server, engine: mock } = createMockServer({ config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });
  /** Idempotency-Key of every POST /tasks the server saw */
  const keys: (string | null)[] = [];
  const cleanups: (() => void)[] = [];

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    useOutboxStore.setState({ entries: [], sending: [] });
    keys.length = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/tasks') {
        keys.push(request.headers.get('Idempotency-Key'));
      }
    });
  });
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    server.events.removeAllListeners();
    server.resetHandlers();
    mock.reset();
    onlineManager.setOnline(true);
  });
  afterAll(() => server.close());

  /** Runs `cleanup` after the current test (e.g. the render's unmount, which stops the engine). */
  const afterThisTest = (cleanup: () => void) => cleanups.push(cleanup);
  return { server, mock, keys, afterThisTest };
}
