/**
 * The event stream's own clock: it sleeps until the feed is due and wakes on its own, so
 * heartbeats and progress arrive with no request at all — under vitest's fake timers (as under
 * Playwright's page.clock) and in real time alike.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Task } from '../src/api/schemas';
import { TaskEngine } from './engine/engine';
import { serveEvents } from './eventStream';
import { readEvents } from './sseTestSupport';
import { QUIET, submit, T0 } from './testSupport';

afterEach(() => {
  vi.useRealTimers();
});

const request = (signal?: AbortSignal) =>
  new Request('http://localhost/api/v1/events', { headers: { Accept: 'text/event-stream' }, signal });

describe('the event stream on a clock', () => {
  it('under fake timers: heartbeats every heartbeatSeconds and a running task moves, with no request', async () => {
    vi.useFakeTimers({ now: T0 });
    const engine = new TaskEngine({ seed: 3, config: { ...QUIET, heartbeatSeconds: 5 } });
    const task = submit(engine, 'image');
    const controller = new AbortController();
    const response = await serveEvents(engine, request(controller.signal));
    const events = readEvents(response);
    const received: { at: number; event: string; data: string }[] = [];
    const collect = async () => {
      for (let event = await events.next(60_000); event; event = await events.next(60_000)) received.push({ at: Date.now() - T0, ...event });
    };
    const reading = collect();
    await vi.advanceTimersByTimeAsync(12_000);
    const beats = received.filter((event) => event.event === 'heartbeat').map((event) => event.at);
    expect(beats).toEqual([0, 5_000, 10_000]);
    const progress = received.filter((event) => event.event === 'task').map((event) => (JSON.parse(event.data) as Task).progress ?? 0);
    expect(progress.length).toBeGreaterThanOrEqual(8);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((JSON.parse(received.filter((event) => event.event === 'task').at(-1)?.data ?? '{}') as Task).id).toBe(task.id);
    controller.abort();
    await vi.advanceTimersByTimeAsync(1_000);
    await reading;
    expect(engine.streams.size).toBe(0);
  });

  it('in real time: heartbeats at a short period', async () => {
    const engine = new TaskEngine({ seed: 3, config: { ...QUIET, heartbeatSeconds: 0.1 } });
    const controller = new AbortController();
    const events = readEvents(await serveEvents(engine, request(controller.signal)));
    const seen = await events.until((() => {
      let beats = 0;
      return (event: { event: string }) => event.event === 'heartbeat' && ++beats === 3;
    })(), 2_000);
    expect(seen?.filter((event) => event.event === 'heartbeat')).toHaveLength(3);
    controller.abort();
  });
});
