/**
 * The sync engine against the real mock backend (msw/node), on fake time: one batched request for
 * all active tasks, 304s, identity-preserving merges, one poller per browser, idempotent submits
 * across double clicks and reloads, the shared Retry-After cool-down and automatic retries.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockServer } from '../../mocks/node';
import { FakeChannelHub, FakeLockManager } from '../../test/utils/fakeTabs';
import { createTestServices, TEST_BASE_URL } from '../../test/utils/renderWithServices';
import type { AppServices } from '../app/createAppServices';
import { applyDelta, emptyMirror, type TaskMirror } from '../lib/taskMirror';
import { listHistory } from './durationHistoryCache';
import { OUTBOX_STORAGE_KEY, useOutboxStore } from './outboxStore';
import { mirrorQueryKey } from './taskListWriter';
import { createTabCoordinator } from './tabCoordinator';

const { server, engine: mock } = createMockServer({
  config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0, timeScale: 1 },
});

const requests: { method: string; url: URL; headers: Headers }[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push({ method: request.method, url: new URL(request.url), headers: request.headers });
});
const listRequests = () => requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/tasks');
const posts = () => requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/tasks');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const running: AppServices[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  // The mock's clock never runs backwards: each test starts where the previous one left off.
  vi.setSystemTime(Math.max(Date.now(), clockAfterLastTest + 1_000));
  mock.reset();
  mock.updateConfig({ latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0, timeScale: 1 });
  requests.length = 0;
  useOutboxStore.setState({ entries: [], sending: [] });
});
let clockAfterLastTest = 0;
afterEach(() => {
  running.splice(0).forEach((services) => services.engine.stop());
  clockAfterLastTest = Date.now();
  vi.useRealTimers();
});

function start(services: AppServices = createTestServices()): AppServices {
  running.push(services);
  services.engine.start();
  return services;
}

const mirrorOf = (services: AppServices) => services.queryClient.getQueryData<TaskMirror>(mirrorQueryKey);
const submitDirect = (title: string) =>
  mock.submitTask({ type: 'image', title, params: { prompt: 'a lighthouse' }, priority: 'medium' });

describe('SyncEngine polling', () => {
  it('loads the list, then polls once for all active tasks with the since cursor', async () => {
    for (let i = 0; i < 5; i += 1) submitDirect(`task ${i}`);
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    expect(mirrorOf(services)?.order).toHaveLength(5);
    requests.length = 0;

    await vi.advanceTimersByTimeAsync(10_000);
    const polls = listRequests();
    expect(polls.length).toBeGreaterThan(0);
    // One request per poll for all five tasks, never one per task.
    expect(requests.every((r) => r.url.pathname === '/api/v1/tasks')).toBe(true);
    expect(polls.every((r) => r.url.searchParams.has('since'))).toBe(true);
  });

  it('sends If-None-Match and keeps unchanged tasks identical across polls', async () => {
    const finished = submitDirect('short');
    const services = start();
    await vi.advanceTimersByTimeAsync(60_000); // the task finishes
    const first = mirrorOf(services)?.byId.get(finished.id);
    expect(first?.status).toBe('succeeded');
    submitDirect('another'); // keeps polling going
    services.engine.pollNow('user');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(mirrorOf(services)?.byId.get(finished.id)).toBe(first);
    expect(listRequests().at(-1)?.headers.get('if-none-match')).toBeTruthy();
  });

  it('polls nothing while offline and catches up when the network returns', async () => {
    submitDirect('busy');
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    requests.length = 0;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(0);
    expect(services.engine.getStatus().staleness?.reason).toBe('offline');

    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(50);
    expect(listRequests()).toHaveLength(1);
    expect(services.engine.getStatus().staleness).toBeNull();
  });

  it('slows to the background tier the moment the page hides and catches up when it returns', async () => {
    submitDirect('busy');
    start();
    await vi.advanceTimersByTimeAsync(100);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    requests.length = 0;
    await vi.advanceTimersByTimeAsync(180_000);
    expect(listRequests().length).toBeLessThanOrEqual(3); // at most one a minute

    visibility.mockReturnValue('visible');
    requests.length = 0;
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(50);
    expect(listRequests()).toHaveLength(1);
  });

  it('honours Retry-After for every request: nothing is sent during the cool-down', async () => {
    submitDirect('busy');
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    mock.updateConfig({ faults: { http429: 1 }, retryAfterSeconds: 30 });
    services.engine.pollNow('user');
    await vi.advanceTimersByTimeAsync(50);
    mock.updateConfig({ faults: { http429: 0 } });
    const coolingAt = Date.now();
    requests.length = 0;
    services.engine.submit({ type: 'image', title: 'during cool-down', params: { prompt: 'x' } });
    services.engine.pollNow('user');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(requests).toHaveLength(0);
    expect(services.engine.getStatus().scheduler.coolingUntil).toBeGreaterThanOrEqual(coolingAt + 29_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(requests.length).toBeGreaterThan(0);
    expect(posts()).toHaveLength(1);
  });
});

describe('SyncEngine submits', () => {
  const body = { type: 'image', title: 'Poster', params: { prompt: 'sea', count: 1 }, priority: 'high' as const };

  it('turns a double click into one request and one task', async () => {
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    const first = services.engine.submit(body);
    const second = services.engine.submit({ ...body, params: { count: 1, prompt: 'sea' } });
    expect(second).toEqual({ action: 'reuse', entry: first.entry });
    await vi.advanceTimersByTimeAsync(100);
    expect(posts()).toHaveLength(1);
    expect(mock.stats().totals.total).toBe(1);
    expect(mirrorOf(services)?.order).toHaveLength(1);
  });

  it('resumes an unacknowledged submit after a reload with the same key: still one task', async () => {
    // The first tab sends, the server creates the task, the answer is lost (the tab dies).
    mock.updateConfig({ latencyMs: 500, latencyJitterMs: 0 });
    const first = start();
    await vi.advanceTimersByTimeAsync(600);
    first.engine.submit(body);
    const key = useOutboxStore.getState().entries[0]?.idempotencyKey;
    await vi.advanceTimersByTimeAsync(100); // in flight
    const storedMidFlight = localStorage.getItem(OUTBOX_STORAGE_KEY);
    first.engine.stop();
    await vi.advanceTimersByTimeAsync(1_000); // the server finished creating it

    // "Reload": what localStorage held when the tab died comes back; a new engine sends it again.
    localStorage.setItem(OUTBOX_STORAGE_KEY, storedMidFlight ?? '');
    await useOutboxStore.persist.rehydrate();
    expect(useOutboxStore.getState().entries[0]?.state).toBe('pending');
    start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(posts().map((p) => p.headers.get('idempotency-key'))).toEqual([key, key]);
    expect(mock.stats().totals.total).toBe(1);
    expect(useOutboxStore.getState().entries[0]?.state).toBe('done');
  });

  it('keeps an offline submit in the outbox and sends it once on reconnect', async () => {
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    services.engine.submit(body);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(posts()).toHaveLength(0);
    expect(useOutboxStore.getState().entries[0]?.state).toBe('pending');

    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(500);
    expect(posts()).toHaveLength(1);
    expect(mock.stats().totals.total).toBe(1);
  });
});

describe('SyncEngine across tabs', () => {
  const sentBy: Record<string, number> = {};
  function tab(locks: LockManager, hub: FakeChannelHub, id: string) {
    sentBy[id] = 0;
    const countingFetch: typeof fetch = (input, init) => {
      sentBy[id] = (sentBy[id] ?? 0) + 1;
      return fetch(input, init);
    };
    return createTestServices({
      fetch: countingFetch,
      coordinator: createTabCoordinator({ locks, createChannel: hub.create, tabId: id }),
    });
  }

  it('polls from one tab only, shares what it learns, and hands over when that tab closes', async () => {
    const locks = new FakeLockManager() as unknown as LockManager;
    const hub = new FakeChannelHub();
    const task = submitDirect('shared');
    const a = start(tab(locks, hub, 'a'));
    const b = start(tab(locks, hub, 'b'));
    // Each tab loads the list once on its own (as its list component mounts).
    await a.queryClient.fetchQuery({ queryKey: mirrorQueryKey, queryFn: () => a.engine.loadInitialMirror() });
    await b.queryClient.fetchQuery({ queryKey: mirrorQueryKey, queryFn: () => b.engine.loadInitialMirror() });
    await vi.advanceTimersByTimeAsync(100);
    expect(a.engine.getStatus().leader).toBe(true);
    expect(b.engine.getStatus().leader).toBe(false);

    requests.length = 0;
    sentBy.a = sentBy.b = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sentBy.a).toBeGreaterThan(0);
    expect(sentBy.b).toBe(0);
    // The follower saw the task finish without polling itself.
    expect(mirrorOf(b)?.byId.get(task.id)?.status).toBe('succeeded');
    expect(b.engine.getStatus().scheduler.mode).not.toBe('offline');

    requests.length = 0;
    a.engine.stop();
    await vi.advanceTimersByTimeAsync(100);
    // The new leader looks at once, then keeps watching: a task submitted elsewhere shows up.
    expect(b.engine.getStatus().leader).toBe(true);
    expect(listRequests()).toHaveLength(1);
    const later = submitDirect('after handover');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(mirrorOf(b)?.byId.has(later.id)).toBe(true);
  });
});

describe('SyncEngine automatic retries', () => {
  it('retries a retryable failure by itself after the countdown, resuming at the failed stage', async () => {
    mock.updateConfig({ taskFailureRate: 1 });
    const task = submitDirect('flaky');
    const services = start();
    // Run until it fails (somewhere in its ~30 s).
    let failed = mirrorOf(services)?.byId.get(task.id);
    for (let i = 0; i < 120 && failed?.status !== 'failed'; i += 1) {
      await vi.advanceTimersByTimeAsync(1_000);
      failed = mirrorOf(services)?.byId.get(task.id);
    }
    expect(failed?.status).toBe('failed');
    mock.updateConfig({ taskFailureRate: 0 });
    if (!failed?.error?.retryable) return; // the mock drew a final error: nothing automatic to see
    const failedStage = failed.stages.findIndex((stage) => stage.status === 'failed');

    await vi.advanceTimersByTimeAsync(25_000);
    const retries = requests.filter((r) => r.url.pathname.endsWith('/retry'));
    expect(retries.length).toBeGreaterThanOrEqual(1);
    // One intent per attempt: never two retries of the same attempt (each has its own key).
    const keys = retries.map((r) => r.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(retries.length);
    const after = mirrorOf(services)?.byId.get(task.id);
    expect(after?.attempt).toBe(retries.length + 1);
    expect(after?.stages.slice(0, failedStage).every((stage) => stage.status === 'done')).toBe(true);
  });
});

export { TEST_BASE_URL };

describe('listHistory', () => {
  it('keeps the same history object across polls that finish nothing', () => {
    const done = { ...mock.submitTask({ type: 'image', title: 'h', params: { prompt: 'p' } }) };
    const finished = { ...done, status: 'succeeded' as const, startedAt: new Date(0).toISOString(), finishedAt: new Date(30_000).toISOString() };
    const running = { ...done, id: 'other', status: 'running' as const };
    const first = applyDelta(emptyMirror(), { items: [finished, running], cursor: 'c1' }, 0);
    const second = applyDelta(first, { items: [{ ...running, version: running.version + 1, progress: 0.5 }], cursor: 'c2' }, 0);
    expect(second.byId).not.toBe(first.byId);
    expect(listHistory(second)).toBe(listHistory(first));
  });
});

describe('SyncEngine outbox housekeeping', () => {
  it('forgets acknowledged submits after the double-submit window', async () => {
    const services = start();
    await vi.advanceTimersByTimeAsync(100);
    services.engine.submit({ type: 'image', title: 'Kept a while', params: { prompt: 'x' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(useOutboxStore.getState().entries.map((e) => e.state)).toEqual(['done']);
    await vi.advanceTimersByTimeAsync(61_000);
    services.engine.submit({ type: 'image', title: 'Another', params: { prompt: 'y' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(useOutboxStore.getState().entries.map((e) => e.label)).toEqual(['Another']);
  });
});
