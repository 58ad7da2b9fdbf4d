/**
 * `GET /events` through the mock's HTTP handlers (msw/node): the answer's headers, a heartbeat at
 * open, live task events as requests change things, resume by `Last-Event-ID` or `since`, `reset`,
 * 400 for a malformed cursor, and the controls `push` (off → 404, buffered → holds everything),
 * `POST /_mock/events/drop` and an outage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../src/api/schemas';
import { parseStreamEvent } from '../src/api/streamEvents';
import { imageBody, setupMockServer } from './serverTestSupport';
import { readEvents, type EventReader } from './sseTestSupport';

const { api, send, engine, later } = setupMockServer();
const open: AbortController[] = [];

afterEach(() => {
  for (const controller of open.splice(0)) controller.abort();
});

async function stream(query = '', headers: Record<string, string> = {}): Promise<{ response: Response; events: EventReader }> {
  const controller = new AbortController();
  open.push(controller);
  const response = await api(`/events${query}`, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  return { response, events: readEvents(response) };
}

const isTask = (id: string) => (event: { event: string; data: string }) => event.event === 'task' && (JSON.parse(event.data) as Task).id === id;

describe('GET /events', () => {
  it('answers an event stream that no one may cache or buffer, and opens with a heartbeat', async () => {
    const { response, events } = await stream();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-Accel-Buffering')).toBe('no');
    expect(response.headers.get('Date')).not.toBeNull();
    expect(response.headers.get('X-Trace-Id')).toMatch(/^[0-9a-f]{32}$/);
    const first = await events.next();
    expect(first).toMatchObject({ event: 'heartbeat', retry: 1000, id: engine.cursor() });
    expect(parseStreamEvent(first?.event ?? '', first?.data ?? '').ok).toBe(true);
  });

  it('sends a task the moment a request changes it, with the list cursor as id', async () => {
    const { events } = await stream();
    await events.next();
    const created = (await (await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'live-1' })).json()) as Task;
    const seen = await events.until(isTask(created.id));
    const event = seen?.[seen.length - 1];
    const parsed = parseStreamEvent(event?.event ?? '', event?.data ?? '', event?.id ?? '');
    expect(parsed.ok && parsed.event.data).toMatchObject({ id: created.id, title: created.title });
    const list = (await (await api('/tasks')).json()) as { cursor: string };
    expect(Number(event?.id?.split('.')[1])).toBeLessThanOrEqual(Number(list.cursor.split('.')[1]));
  });

  it('resumes from Last-Event-ID (which wins over since) with what changed, and from since', async () => {
    const task = engine.submitTask({ type: 'text', title: 'Before', params: { prompt: 'p' } });
    later(3_600_000);
    const cursor = engine.cursor();
    const changed = engine.submitTask({ type: 'text', title: 'After', params: { prompt: 'p' } });
    const other = '0000.1';
    const byHeader = await stream(`?since=${other}`, { 'Last-Event-ID': cursor });
    const resumed = await byHeader.events.until(isTask(changed.id));
    expect(resumed?.map((event) => event.event)).not.toContain('reset');
    expect(resumed?.some(isTask(task.id))).toBe(false);
    const bySince = await stream(`?since=${cursor}`);
    expect(await bySince.events.until(isTask(changed.id))).not.toBeNull();
  });

  it('sends reset for a cursor of another lifetime; answers 400 for a malformed one', async () => {
    const { events } = await stream('?since=zzzz.12');
    const seen = await events.until((event) => event.event === 'reset');
    expect(JSON.parse(seen?.[seen.length - 1]?.data ?? '{}')).toEqual({ reason: 'cursor_expired' });
    const bad = await api('/events?since=oops', { headers: { Accept: 'text/event-stream' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_cursor' });
    const badHeader = await api('/events', { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '12' } });
    expect(badHeader.status).toBe(400);
  });

  it('push off: 404, and open streams end; on again: streams open', async () => {
    const { events } = await stream();
    await events.next();
    await send('PUT', '/_mock/config', { push: 'off' });
    expect(await events.ended()).toBe(true);
    const refused = await api('/events', { headers: { Accept: 'text/event-stream' } });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
    await send('PUT', '/_mock/config', { push: 'on' });
    expect((await stream()).response.status).toBe(200);
  });

  it('push buffered: the stream opens but nothing comes through until push is on again', async () => {
    await send('PUT', '/_mock/config', { push: 'buffered' });
    const { response, events } = await stream();
    expect(response.status).toBe(200);
    const created = (await (await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'held' })).json()) as Task;
    await expect(events.next(400)).rejects.toThrow(/no event/);
    expect(events.text).toBe('');
    await send('PUT', '/_mock/config', { push: 'on' });
    expect(await events.until(isTask(created.id), 3_000)).not.toBeNull();
  });

  it('POST /_mock/events/drop closes every stream; a reconnect with Last-Event-ID misses nothing', async () => {
    const first = await stream();
    const second = await stream();
    const [beat] = (await first.events.until((event) => event.event === 'heartbeat')) ?? [];
    await second.events.next();
    const dropped = await send('POST', '/_mock/events/drop');
    expect(await dropped.json()).toEqual({ dropped: 2 });
    expect(await first.events.ended()).toBe(true);
    expect(await second.events.ended()).toBe(true);
    const missed = (await (await send('POST', '/tasks', imageBody('Missed'), { 'Idempotency-Key': 'gap' })).json()) as Task;
    const again = await stream('', { 'Last-Event-ID': beat?.id ?? '' });
    expect(await again.events.until(isTask(missed.id))).not.toBeNull();
  });

  it('an outage ends open streams and refuses new ones with 503', async () => {
    const { events } = await stream();
    await events.next();
    await send('POST', '/_mock/outage', { seconds: 30 });
    expect(await events.ended()).toBe(true);
    const refused = await api('/events', { headers: { Accept: 'text/event-stream' } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('30');
    await send('POST', '/_mock/outage', { seconds: 0 });
  });

  it('answers another method with 405 and Allow: GET', async () => {
    const wrong = await api('/events', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('Allow')).toBe('GET');
  });
});
