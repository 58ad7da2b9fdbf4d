/**
 * The engine with push, on fake time: the mock backend (msw/node) answers the list, a fake
 * EventSource plays the stream (the test sends the mock's own tasks and cursors over it). While
 * the stream is live the list is not polled beyond the safety net; two tabs share one stream;
 * a refused cursor reloads the list and drops its ghosts; absent push falls back to polling.
 */
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockServer } from '../../mocks/node';
import { FakeEventSourceHub } from '../../test/utils/fakeEventSource';
import { FakeChannelHub, FakeLockManager } from '../../test/utils/fakeTabs';
import { makeTask } from '../../test/utils/taskFactory';
import { createTestServices, TEST_BASE_URL } from '../../test/utils/renderWithServices';
import type { AppServices } from '../app/createAppServices';
import { useCompletionsStore } from './completionsStore';
import { createTabCoordinator } from './tabCoordinator';

const { server, engine: mock } = createMockServer({
  config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0, timeScale: 1 },
});
const requests: { method: string; url: URL }[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push({ method: request.method, url: new URL(request.url) });
});
const listRequests = () => requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/tasks');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let clockAfterLastTest = 0;
const running: AppServices[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(Math.max(Date.now(), clockAfterLastTest + 1_000));
  mock.reset();
  mock.updateConfig({ latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0, timeScale: 1 });
  requests.length = 0;
  useCompletionsStore.setState({ completions: [] });
});
afterEach(() => {
  running.splice(0).forEach((services) => services.engine.stop());
  server.resetHandlers();
  clockAfterLastTest = Date.now();
  vi.useRealTimers();
});

function start(services: AppServices): AppServices {
  running.push(services);
  services.engine.start();
  return services;
}

const cursorNow = () => mock.listTasks(new URLSearchParams()).body?.cursor ?? '0';
const submitDirect = (title: string) => mock.submitTask({ type: 'image', title, params: { prompt: 'sea' }, priority: 'medium' });

/** Plays the server's side of the stream for `ms`: a heartbeat every 10 s, the watched tasks whenever they change. */
async function stream(hub: FakeEventSourceHub, ids: string[], ms: number) {
  const sent = new Map<string, number>();
  for (let t = 0; t < ms; t += 1_000) {
    await vi.advanceTimersByTimeAsync(1_000);
    const source = hub.open.at(-1);
    if (!source) continue;
    for (const id of ids) {
      const task = mock.getTask(id);
      if (sent.get(id) !== task.version) {
        sent.set(id, task.version);
        source.send('task', task, cursorNow());
      }
    }
    if (t % 10_000 === 0) source.heartbeat();
  }
}

describe('SyncEngine with push', () => {
  it('connects from the loaded list, then updates it with no list polls beyond the safety net', async () => {
    const task = submitDirect('pushed');
    const hub = new FakeEventSourceHub();
    const services = start(createTestServices({ createEventSource: hub.create }));
    await services.engine.list.fetch();
    await vi.advanceTimersByTimeAsync(100);
    const cursor = services.engine.list.get()?.cursor;
    expect(hub.sources).toHaveLength(1);
    expect(hub.latest.since).toBe(cursor);
    hub.latest.open();
    hub.latest.heartbeat();
    await vi.advanceTimersByTimeAsync(50);
    expect(services.engine.getStatus().transport).toBe('push');

    requests.length = 0;
    await stream(hub, [task.id], 5 * 60_000);
    expect(services.engine.list.get()?.byId.get(task.id)?.status).toBe('succeeded');
    expect(listRequests()).toHaveLength(0);
    // The one safety-net check in ten minutes.
    await stream(hub, [task.id], 6 * 60_000);
    expect(listRequests()).toHaveLength(1);
    expect(services.engine.getStatus().transport).toBe('push');
  });

  it('polls again the moment push is given up, and returns to push later', async () => {
    submitDirect('busy');
    server.use(http.get(`${TEST_BASE_URL}/events`, () => new HttpResponse(null, { status: 404 })));
    const hub = new FakeEventSourceHub();
    const services = start(createTestServices({ createEventSource: hub.create }));
    await services.engine.list.fetch();
    await vi.advanceTimersByTimeAsync(100);
    hub.latest.fail(); // the browser's EventSource cannot say why; the probe finds the 404
    await vi.advanceTimersByTimeAsync(100);
    expect(services.engine.getStatus().stream).toMatchObject({ phase: 'fallback', fallback: 'absent' });
    expect(services.engine.getStatus().transport).toBe('polling');
    requests.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(listRequests().length).toBeGreaterThan(0);
    // Ten minutes after giving up, push is tried again (from the list's cursor by then).
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(hub.sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(65_000);
    expect(hub.sources).toHaveLength(2);
    expect(hub.latest.since).toBe(services.engine.list.get()?.cursor);
  });
});

describe('SyncEngine: one writer', () => {
  it('a refused cursor reloads the list: ghosts go, and a completion seen on the reload is noted', async () => {
    const watched = submitDirect('finishes while we look away');
    const services = start(createTestServices({ createEventSource: null }));
    await services.engine.list.fetch();
    await vi.advanceTimersByTimeAsync(100);
    // A task this client holds that the server no longer has (another server lifetime).
    services.engine.taskWritten(makeTask({ id: 'ghost', status: 'running', version: 1 }));
    expect(services.engine.list.get()?.byId.has('ghost')).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000); // the watched task finishes on the server
    server.use(
      http.get(`${TEST_BASE_URL}/tasks`, ({ request }) =>
        new URL(request.url).searchParams.has('since')
          ? HttpResponse.json({ type: 'about:blank', title: 'Gone', status: 410, code: 'cursor_expired' }, { status: 410 })
          : undefined,
      ),
    );
    services.engine.pollNow('user');
    await vi.advanceTimersByTimeAsync(100);
    const mirror = services.engine.list.get();
    expect(mirror?.byId.has('ghost')).toBe(false);
    expect(mirror?.byId.get(watched.id)?.status).toBe('succeeded');
    expect(useCompletionsStore.getState().completions.map((c) => c.id)).toContain(watched.id);
  });
});

describe('SyncEngine push across tabs', () => {
  it('one stream per browser, held by the leader and shared with the other tabs', async () => {
    const locks = new FakeLockManager() as unknown as LockManager;
    const channels = new FakeChannelHub();
    const hub = new FakeEventSourceHub();
    const tab = (id: string) =>
      createTestServices({ createEventSource: hub.create, coordinator: createTabCoordinator({ locks, createChannel: channels.create, tabId: id }) });
    const task = submitDirect('shared');
    const a = start(tab('a'));
    const b = start(tab('b'));
    await a.engine.list.fetch();
    await b.engine.list.fetch();
    await vi.advanceTimersByTimeAsync(100);
    expect(hub.open).toHaveLength(1);
    hub.latest.open();
    hub.latest.heartbeat();
    await stream(hub, [task.id], 60_000);
    expect(b.engine.list.get()?.byId.get(task.id)?.status).toBe('succeeded');
    expect(b.engine.getStatus()).toMatchObject({ leader: false, transport: 'push' });
    expect(hub.open).toHaveLength(1);

    // The leader's tab closes: the other takes over the stream, from the list it holds.
    a.engine.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(b.engine.getStatus().leader).toBe(true);
    expect(hub.open).toHaveLength(1);
    expect(hub.latest.since).toBe(b.engine.list.get()?.cursor);
  });
});
