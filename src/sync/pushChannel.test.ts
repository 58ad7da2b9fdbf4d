/**
 * The push channel's wiring with a fake EventSource on fake timers: `since=` the list's cursor,
 * events into the list through the writer, resume from the last event id, `reset` → reload,
 * one malformed event skipped, absent push told apart from a failure, and the browser never
 * left to reconnect on its own.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSourceHub } from '../../test/utils/fakeEventSource';
import { makeTask } from '../../test/utils/taskFactory';
import { createApiClient } from '../api/client';
import type { Task } from '../api/schemas';
import { mulberry32 } from '../lib/random';
import { systemClock } from '../lib/sync/scheduler';
import { applyDelta, emptyMirror, type TaskMirror } from '../lib/taskMirror';
import { PushChannel, type ProbeResult } from './pushChannel';
import { TaskListWriter, type ListChange } from './taskListWriter';
import { useUnreadableTasksStore } from './unreadableTasksStore';

const mirrorOf = (tasks: Task[], cursor: string) => applyDelta(emptyMirror(), { items: tasks, cursor }, Date.now());

function setup(options: { probe?: ProbeResult; reload?: () => Promise<TaskMirror> } = {}) {
  const queryClient = new QueryClient();
  const reload = vi.fn(options.reload ?? (() => Promise.resolve(mirrorOf([], 'r1'))));
  const list = new TaskListWriter(queryClient, reload, () => Date.now());
  const changes: ListChange[] = [];
  list.subscribe((change) => changes.push(change));
  const hub = new FakeEventSourceHub();
  const malformed: string[] = [];
  const serverTimes: string[] = [];
  const channel = new PushChannel({
    client: createApiClient({ baseUrl: 'http://localhost/api/v1' }),
    clock: systemClock,
    random: mulberry32(5),
    list,
    createEventSource: hub.create,
    probe: () => Promise.resolve(options.probe ?? 'unreachable'),
    onMalformed: (detail) => malformed.push(detail),
    onServerTime: (serverTime) => serverTimes.push(serverTime),
  });
  return { queryClient, list, changes, hub, channel, reload, malformed, serverTimes };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-29T10:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PushChannel', () => {
  it('opens with since= the cursor of the list already loaded and writes events into the list', async () => {
    const task = makeTask({ id: 'a', version: 1 });
    const s = setup();
    s.list.replace(mirrorOf([task], 'c10'), 'load');
    s.channel.start(true);
    const source = s.hub.latest;
    expect(source.url).toBe('http://localhost/api/v1/events?since=c10');
    source.open();
    source.send('task', { ...task, version: 2, status: 'succeeded' }, 'c11');
    source.send('task', makeTask({ id: 'b', version: 1 }), 'c12');
    await vi.advanceTimersByTimeAsync(50);
    // One burst, one write.
    expect(s.changes.filter((c) => c.source === 'stream')).toHaveLength(1);
    const mirror = s.list.get();
    expect(mirror?.byId.get('a')?.status).toBe('succeeded');
    expect(mirror?.byId.has('b')).toBe(true);
    expect(mirror?.cursor).toBe('c12');
    expect(s.channel.policy.getState()).toMatchObject({ phase: 'live', pushing: true });
  });

  it('applies removals and stats, and hands heartbeat times on', async () => {
    const s = setup();
    s.list.replace(mirrorOf([makeTask({ id: 'gone' })], 'c1'), 'load');
    s.channel.start(true);
    s.hub.latest.open();
    s.hub.latest.heartbeat('2026-11-29T10:00:00.123Z');
    s.hub.latest.send('removed', { ids: ['gone'] }, 'c2');
    await vi.advanceTimersByTimeAsync(50);
    expect(s.list.get()?.byId.has('gone')).toBe(false);
    expect(s.changes.at(-1)?.removed).toEqual(['gone']);
    expect(s.serverTimes).toEqual(['2026-11-29T10:00:00.123Z']);
  });

  it('skips one malformed event and keeps reading', async () => {
    const s = setup();
    s.list.replace(mirrorOf([], 'c1'), 'load');
    s.channel.start(true);
    const source = s.hub.latest;
    source.open();
    source.send('task', { id: 'x', status: 'melted' }, 'c2');
    source.send('task', '{not json', 'c3');
    source.send('task', makeTask({ id: 'ok' }), 'c4');
    await vi.advanceTimersByTimeAsync(50);
    expect(s.malformed).toHaveLength(2);
    expect(s.list.get()?.byId.has('ok')).toBe(true);
    // The broken task is marked as not updating, as a broken list item would be.
    expect(useUnreadableTasksStore.getState().byId.x).toMatchObject({ id: 'x' });
    expect(source.closed).toBe(false);
    expect(s.hub.sources).toHaveLength(1);
  });

  it('never lets the browser reconnect by itself, and resumes from the last event id', async () => {
    const s = setup();
    s.list.replace(mirrorOf([], 'c1'), 'load');
    s.channel.start(true);
    const first = s.hub.latest;
    first.open();
    first.send('task', makeTask({ id: 'a' }), 'c7');
    await vi.advanceTimersByTimeAsync(50);
    first.fail();
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(s.hub.sources).toHaveLength(2);
    expect(s.hub.latest.since).toBe('c7');
  });

  it('reset: reloads the list through the writer (ghosts go) and keeps reading the same stream', async () => {
    let resolveReload: (mirror: TaskMirror) => void = () => {};
    const s = setup({ reload: () => new Promise((resolve) => (resolveReload = resolve)) });
    const ghost = makeTask({ id: 'ghost', status: 'running' });
    s.list.replace(mirrorOf([ghost], 'old.5'), 'load');
    s.channel.start(true);
    const source = s.hub.latest;
    source.open();
    source.send('reset', { reason: 'cursor_expired' });
    // An event arrives while the reload is in flight: it waits, then applies on top.
    const fresh = makeTask({ id: 'fresh', version: 1 });
    source.send('task', { ...fresh, version: 2, title: 'newer' }, 'new.3');
    await vi.advanceTimersByTimeAsync(50);
    expect(s.list.get()?.byId.has('ghost')).toBe(true);
    resolveReload(mirrorOf([fresh], 'new.2'));
    await vi.advanceTimersByTimeAsync(0);
    const mirror = s.list.get();
    expect(mirror?.byId.has('ghost')).toBe(false);
    expect(mirror?.byId.get('fresh')?.title).toBe('newer');
    expect(mirror?.cursor).toBe('new.3');
    expect(s.changes.some((c) => c.source === 'reload' && c.removed.includes('ghost'))).toBe(true);
    expect(source.closed).toBe(false);
    expect(s.hub.sources).toHaveLength(1);
  });

  it('a failure before the stream opens is asked about: 404/501 means push is absent', async () => {
    const s = setup({ probe: 'absent' });
    s.list.replace(mirrorOf([], 'c1'), 'load');
    s.channel.start(true);
    s.hub.latest.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.channel.policy.getState()).toMatchObject({ phase: 'fallback', fallback: 'absent' });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(s.hub.sources).toHaveLength(1);
  });

  it('a failure before open that is not a 404 is retried with backoff', async () => {
    const s = setup({ probe: 'unreachable' });
    s.list.replace(mirrorOf([], 'c1'), 'load');
    s.channel.start(true);
    s.hub.latest.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.channel.policy.getState()).toMatchObject({ phase: 'waiting', fallback: null });
    await vi.advanceTimersByTimeAsync(500);
    expect(s.hub.sources).toHaveLength(2);
  });

  it('stop closes the stream', () => {
    const s = setup();
    s.list.replace(mirrorOf([], 'c1'), 'load');
    s.channel.start(true);
    s.hub.latest.open();
    s.channel.stop();
    expect(s.hub.latest.closed).toBe(true);
  });
});
