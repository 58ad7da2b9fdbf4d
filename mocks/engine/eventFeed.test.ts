/**
 * The event feed on a hand-driven clock (contract 1.1 "Push"): a heartbeat at open and every
 * `heartbeatSeconds`, resume from a cursor with the latest state of what changed and the
 * removals, `reset` for a cursor it cannot resume from, progress coalesced to one event per task
 * per second while status and stage changes go at once, ids that are list cursors and never go
 * back — and a resume from any id that misses nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/api/schemas';
import { parseStreamEvent } from '../../src/api/streamEvents';
import { clockedEngine, submit, T0 } from '../testSupport';
import { EventFeed, type FeedEvent, RECONNECT_DELAY_MS } from './eventFeed';
import type { ProblemError } from './problems';

const seqOf = (id: string) => Number(id.split('.')[1]);
const tasksOf = (events: FeedEvent[]) => events.filter((event) => event.event === 'task').map((event) => event.data as Task);

/** Pumps `feed` whenever it is due, for `ms` of the clock; returns every event and when it came. */
function run(feed: EventFeed, clock: ReturnType<typeof clockedEngine>, ms: number): { at: number; event: FeedEvent }[] {
  const end = clock.elapsed() + ms;
  const out: { at: number; event: FeedEvent }[] = [];
  for (;;) {
    for (const event of feed.pump()) out.push({ at: clock.elapsed(), event });
    const next = feed.nextDueAt() - T0;
    if (next > end) break;
    clock.at(Math.max(next, clock.elapsed() + 1));
  }
  clock.at(end);
  return out;
}

describe('EventFeed', () => {
  it('opens with a heartbeat that carries retry and the server time, then sends changes live with cursor ids', () => {
    const clock = clockedEngine({ clockSkewMs: 120_000 });
    const { engine } = clock;
    const feed = new EventFeed(engine, null);
    const [open, ...rest] = feed.pump();
    expect(rest.map((event) => event.event)).toEqual(['stats']);
    expect(open).toEqual({
      event: 'heartbeat',
      id: engine.cursor(),
      data: { serverTime: new Date(T0 + 120_000).toISOString() },
      retry: RECONNECT_DELAY_MS,
    });
    const task = submit(engine, 'image');
    const events = feed.pump();
    expect(events.map((event) => event.event)).toContain('task');
    const sent = tasksOf(events).find((item) => item.id === task.id);
    // The task on the server's (skewed) clock, exactly as GET /tasks shows it.
    expect(sent).toEqual(engine.listTasks(new URLSearchParams()).body?.items[0]);
    expect(sent?.createdAt).toBe(new Date(T0 + 120_000).toISOString());
    expect(events.every((event) => event.retry === undefined)).toBe(true);
    const last = events[events.length - 1];
    expect(last?.id).toBe(engine.cursor());
    for (const event of [...(open ? [open] : []), ...rest, ...events]) {
      expect(parseStreamEvent(event.event, JSON.stringify(event.data), event.id).ok).toBe(true);
    }
  });

  it('heartbeats every heartbeatSeconds, as an event', () => {
    const clock = clockedEngine({ heartbeatSeconds: 5 });
    const feed = new EventFeed(clock.engine, null);
    const beats = run(feed, clock, 21_000).filter(({ event }) => event.event === 'heartbeat').map(({ at }) => at);
    expect(beats).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
  });

  it('resumes from a cursor: the latest state of each changed task once, and the removals', () => {
    const clock = clockedEngine();
    const { engine, tick } = clock;
    const done = submit(engine, 'text');
    const gone = submit(engine, 'text');
    tick(3_600_000);
    const cursor = engine.cursor();
    engine.deleteTask(gone.id);
    const fresh = submit(engine, 'image');
    tick(5_000);
    const events = new EventFeed(engine, cursor).pump();
    expect(events.map((event) => event.event)).toEqual(['heartbeat', 'removed', 'task', 'stats']);
    expect(events[1]?.data).toEqual({ ids: [gone.id] });
    expect(tasksOf(events).map((task) => [task.id, task.version])).toEqual([[fresh.id, engine.getTask(fresh.id).version]]);
    expect(tasksOf(events).some((task) => task.id === done.id)).toBe(false);
  });

  it('sends reset for a cursor of another lifetime or one older than the deletions kept, then goes on live', () => {
    const clock = clockedEngine();
    const other = clockedEngine().engine.cursor();
    const feed = new EventFeed(clock.engine, other);
    const events = feed.pump();
    expect(events.map((event) => event.event)).toEqual(['heartbeat', 'reset', 'stats']);
    expect(events[1]?.data).toEqual({ reason: 'cursor_expired' });
    submit(clock.engine, 'text');
    expect(feed.pump().some((event) => event.event === 'task')).toBe(true);

    const task = submit(clock.engine, 'text');
    clock.tick(3_600_000);
    const old = clock.engine.cursor();
    clock.engine.deleteTask(task.id);
    clock.tick(25 * 3_600_000);
    expect(new EventFeed(clock.engine, old).pump().map((event) => event.event)).toContain('reset');
  });

  it('refuses a malformed cursor with 400 invalid_cursor before streaming anything', () => {
    const { engine } = clockedEngine();
    expect(() => new EventFeed(engine, 'not-a-cursor', 'Last-Event-ID')).toThrow(expect.objectContaining({ status: 400, code: 'invalid_cursor' }) as ProblemError);
  });

  it('coalesces progress to one event per task per second; stage and status changes go at once', () => {
    const clock = clockedEngine({ timeScale: 10, heartbeatSeconds: 3600 });
    const { engine } = clock;
    const task = submit(engine, 'video');
    const feed = new EventFeed(engine, null);
    const events = run(feed, clock, 60_000)
      .filter(({ event }) => event.event === 'task')
      .map(({ at, event }) => ({ at, task: event.data as Task }));
    const mine = events.filter(({ task: sent }) => sent.id === task.id);
    expect(mine.length).toBeGreaterThan(20);
    const key = (sent: Task) => `${sent.status}|${sent.stages.map((stage) => stage.status).join(',')}`;
    for (let i = 1; i < mine.length; i++) {
      const [before, after] = [mine[i - 1], mine[i]];
      if (!before || !after) continue;
      // Only a change of status or stage may follow within the second.
      if (after.at - before.at < 1000) expect(key(after.task)).not.toBe(key(before.task));
    }
    // At timeScale 10 the engine publishes progress ten times a second; the feed sends about one.
    const progressOnly = mine.filter((item, i) => i > 0 && key(item.task) === key(mine[i - 1]?.task as Task));
    expect(progressOnly.length).toBeLessThanOrEqual(61);
    // A stage end reaches the stream at the instant it happens.
    const stageEnds = mine.filter((item, i) => i > 0 && key(item.task) !== key(mine[i - 1]?.task as Task));
    for (const { at, task: sent } of stageEnds) {
      const finished = sent.stages.filter((stage) => stage.finishedAt).map((stage) => Date.parse(stage.finishedAt ?? '') - T0);
      expect(finished.some((time) => Math.abs(time - at) <= 1)).toBe(true);
    }
    expect(mine[mine.length - 1]?.task.status).toBe('succeeded');
  });

  it('ids never go back, and a resume from any id misses nothing', () => {
    const clock = clockedEngine({ timeScale: 20, maxConcurrent: 3, taskFailureRate: 0.3, heartbeatSeconds: 2 });
    const { engine } = clock;
    for (const type of ['image', 'text', 'video', 'analysis', 'image']) submit(engine, type);
    const feed = new EventFeed(engine, engine.cursor());
    const all = run(feed, clock, 20_000).map(({ event }) => event);
    const ids = all.map((event) => seqOf(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Reconnect from an id in the middle: replaying from there must reach the same final state.
    const cut = all[Math.floor(all.length / 2)]?.id ?? '';
    const seen = new Map<string, Task>();
    for (const event of all.slice(0, Math.floor(all.length / 2) + 1)) if (event.event === 'task') seen.set((event.data as Task).id, event.data as Task);
    const resumed = new EventFeed(engine, cut);
    for (const event of [...resumed.pump(), ...run(resumed, clock, 5_000).map(({ event: e }) => e)]) {
      if (event.event === 'task') seen.set((event.data as Task).id, event.data as Task);
    }
    const truth = engine.listTasks(new URLSearchParams('limit=500')).body?.items ?? [];
    expect(new Map(truth.map((task) => [task.id, task.version]))).toEqual(new Map([...seen].map(([id, task]) => [id, task.version])));
  });

  it('sends stats after changes, at most every 5 s', () => {
    const clock = clockedEngine({ heartbeatSeconds: 3600 });
    const { engine } = clock;
    submit(engine, 'analysis');
    const feed = new EventFeed(engine, null);
    const stats = run(feed, clock, 30_000).filter(({ event }) => event.event === 'stats').map(({ at }) => at);
    expect(stats.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < stats.length; i++) expect((stats[i] ?? 0) - (stats[i - 1] ?? 0)).toBeGreaterThanOrEqual(5_000);
  });
});
