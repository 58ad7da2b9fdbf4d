/**
 * The mock backend for Node: unit and component tests, scripts, the benchmark. No persistence
 * and no demo tasks unless asked for; the caller starts and stops the server:
 *
 *   const { server, engine } = createMockServer({ config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });
 *   beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 *   afterAll(() => server.close());
 */
import { setupServer, type SetupServer } from 'msw/node';
import { TaskEngine, type EngineOptions } from './engine/engine';
import { createHandlers, type HandlerOptions } from './handlers';

export interface MockServerOptions extends EngineOptions, HandlerOptions {}

export interface MockServer {
  server: SetupServer;
  engine: TaskEngine;
}

export function createMockServer(options: MockServerOptions = {}): MockServer {
  const { baseUrl, ...engineOptions } = options;
  const engine = new TaskEngine({ demoSeed: false, storage: null, ...engineOptions });
  const server = setupServer(...createHandlers(engine, baseUrl === undefined ? {} : { baseUrl }));
  return { server, engine };
}
