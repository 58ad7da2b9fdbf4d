// @vitest-environment node
/**
 * The mock over real HTTP (issue 10 item 2): started on an ephemeral port in plain Node (no
 * window, no localStorage), spoken to with real fetches — the contract's headers, CORS for the
 * app's origins (preflight, exposed headers on errors too), the app's own client, the event
 * stream read as it streams, an injected network failure, and a state file that keeps the server
 * lifetime across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/client';
import { listTasks, submitTask } from '../../src/api/endpoints';
import { readEvents } from '../sseTestSupport';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, startMockHttpServer, type MockHttpServer } from './httpServer';

const APP = 'http://127.0.0.1:5173';
const QUIET = { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 };
let mock: MockHttpServer;

beforeAll(async () => {
  mock = await startMockHttpServer({ port: 0, config: QUIET });
});
afterAll(() => mock.close());
afterEach(() => {
  mock.engine.reset();
});

const api = (path: string, init: RequestInit = {}) => fetch(`${mock.url}${path}`, init);
const image = { type: 'image', title: 'Over HTTP', params: { prompt: 'A lighthouse' } };

describe('npm run mock:server', () => {
  it('runs in plain Node: no window, no localStorage', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { localStorage?: unknown }).localStorage).toBe('undefined');
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  });

  it('answers the contract with its headers, and CORS for the app origin only', async () => {
    const response = await api('/tasks', { headers: { Origin: APP } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Date')).not.toBeNull();
    expect(response.headers.get('ETag')).toMatch(/^W\//);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP);
    expect(response.headers.get('Access-Control-Expose-Headers')).toBe(CORS_EXPOSE_HEADERS);
    const other = await api('/tasks', { headers: { Origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers a preflight for the app origin, refuses one from elsewhere', async () => {
    const preflight = await api('/tasks?since=x', {
      method: 'OPTIONS',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control')))).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': '600',
      'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    });
    const refused = await api('/tasks', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('exposes the headers on error answers too (404, 405, 503 with Retry-After)', async () => {
    const missing = await api('/nope', { headers: { Origin: APP } });
    const wrong = await api('/stats', { method: 'DELETE', headers: { Origin: APP } });
    await api('/_mock/outage', { method: 'POST', body: JSON.stringify({ seconds: 20 }) });
    const down = await api('/tasks', { headers: { Origin: APP } });
    await api('/_mock/outage', { method: 'POST', body: JSON.stringify({ seconds: 0 }) });
    expect([missing.status, wrong.status, down.status]).toEqual([404, 405, 503]);
    expect(down.headers.get('Retry-After')).toBe('20');
    for (const response of [missing, wrong, down]) {
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP);
      expect(response.headers.get('Access-Control-Expose-Headers')).toBe(CORS_EXPOSE_HEADERS);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    }
    expect((await api('/../../etc/passwd')).status).toBe(404);
    expect((await fetch(mock.url.replace('/api/v1', '/'))).status).toBe(404);
  });

  it('serves the app client: idempotent submit with replay, list with serverTime, timing with Date', async () => {
    const client = createApiClient({ baseUrl: mock.url });
    const first = await submitTask(client, image, { idempotencyKey: 'http-1' });
    const again = await submitTask(client, image, { idempotencyKey: 'http-1' });
    expect(first.status).toBe(201);
    expect(again.replayed).toBe(true);
    expect(again.data?.id).toBe(first.data?.id);
    expect(first.headers.get('Location')).toBe(`/api/v1/tasks/${first.data?.id}`);
    const page = await listTasks(client, {});
    expect(page.data?.items.map((task) => task.id)).toEqual([first.data?.id]);
    expect(Math.abs(Date.parse(page.data?.serverTime ?? '') - Date.now())).toBeLessThan(5_000);
    expect(page.timing.date).not.toBeNull();
  });

  it('streams events as they happen, and ends the stream on a drop', async () => {
    const controller = new AbortController();
    const response = await api('/events', { headers: { Accept: 'text/event-stream', Origin: APP }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream');
    expect(response.headers.get('X-Accel-Buffering')).toBe('no');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP);
    const events = readEvents(response);
    expect(await events.next()).toMatchObject({ event: 'heartbeat', retry: 1000 });
    const created = (await (await api('/tasks', { method: 'POST', headers: { 'Idempotency-Key': 'live' }, body: JSON.stringify(image) })).json()) as { id: string };
    const seen = await events.until((event) => event.event === 'task' && event.data.includes(created.id));
    expect(seen).not.toBeNull();
    expect(mock.engine.streams.size).toBe(1);
    expect(await (await api('/_mock/events/drop', { method: 'POST' })).json()).toEqual({ dropped: 1 });
    expect(await events.ended()).toBe(true);
    controller.abort();
  });

  it('forgets a stream whose client went away', async () => {
    const controller = new AbortController();
    const response = await api('/events', { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
    await readEvents(response).next();
    expect(mock.engine.streams.size).toBe(1);
    controller.abort();
    await expect.poll(() => mock.engine.streams.size).toBe(0);
  });

  it('breaks the connection for an injected network failure', async () => {
    await api('/_mock/config', { method: 'PUT', body: JSON.stringify({ faults: { network: 1 } }) });
    await expect(api('/tasks')).rejects.toThrow();
    await api('/_mock/config', { method: 'PUT', body: JSON.stringify({ faults: { network: 0 } }) });
  });

  it('keeps its state and its lifetime in a state file across a restart; without one a restart is a new lifetime', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-state-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startMockHttpServer({ port: 0, config: QUIET, stateFile });
      const created = (await (await fetch(`${first.url}/tasks`, { method: 'POST', headers: { 'Idempotency-Key': 'kept' }, body: JSON.stringify(image) })).json()) as { id: string };
      const { cursor } = (await (await fetch(`${first.url}/tasks`)).json()) as { cursor: string };
      await first.close();
      const second = await startMockHttpServer({ port: 0, config: QUIET, stateFile });
      expect((await fetch(`${second.url}/tasks/${created.id}`)).status).toBe(200);
      expect((await fetch(`${second.url}/tasks?since=${cursor}`)).status).toBe(200);
      await second.close();
      const fresh = await startMockHttpServer({ port: 0, config: QUIET });
      const expired = await fetch(`${fresh.url}/tasks?since=${cursor}`);
      expect(expired.status).toBe(410);
      expect(await expired.json()).toMatchObject({ code: 'cursor_expired' });
      await fresh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
