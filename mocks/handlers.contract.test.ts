/**
 * Contract 1.1 over HTTP: cursors that name the server lifetime (410 / 400), no-store and Date on
 * every answer, the mock's clock skew in everything it sends and reads back, and the task detail's
 * attempts.
 */
import { describe, expect, it } from 'vitest';
import { taskDetailSchema, taskListResponseSchema, type TaskListResponse } from '../src/api/schemas';
import { TaskEngine } from './engine/engine';
import { imageBody, setupMockServer } from './serverTestSupport';

const { api, send, engine, later } = setupMockServer();

async function list(query = ''): Promise<TaskListResponse> {
  const response = await api(`/tasks${query}`);
  expect(response.status).toBe(200);
  return taskListResponseSchema.parse(await response.json());
}

const textTask = (title = 'Notes') => engine.submitTask({ type: 'text', title, params: { prompt: 'p' } });

describe('cursors name the server lifetime', () => {
  it('are <epoch>.<sequence>, and a cursor of another lifetime answers 410 cursor_expired', async () => {
    const { cursor } = await list();
    expect(cursor).toMatch(/^[0-9a-z]+\.\d+$/);
    const other = new TaskEngine({ config: { latencyMs: 0, latencyJitterMs: 0 } }).cursor();
    expect(other.split('.')[0]).not.toBe(cursor.split('.')[0]);
    const response = await api(`/tasks?since=${other}`);
    expect(response.status).toBe(410);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 410, code: 'cursor_expired', retryable: false });
  });

  it('a cursor ahead of this server is expired too; a malformed one is 400 invalid_cursor', async () => {
    const [epoch, seq] = (await list()).cursor.split('.');
    expect((await api(`/tasks?since=${epoch}.${Number(seq) + 100}`)).status).toBe(410);
    for (const bad of ['17', 'abc', `${epoch}.`, `${epoch}.-1`, `${epoch}.1.2`, 'ÄÖ.1']) {
      const response = await api(`/tasks?since=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_cursor' });
    }
  });

  it('a cursor older than the deletions the server remembers (24 h) is expired; a newer one is not', async () => {
    const task = textTask();
    later(3_600_000);
    const before = (await list()).cursor;
    expect((await send('DELETE', `/tasks/${task.id}`)).status).toBe(204);
    const after = (await list()).cursor;
    later(12 * 3_600_000);
    expect((await list(`?since=${before}`)).removed).toEqual([task.id]);
    later(13 * 3_600_000);
    expect((await api(`/tasks?since=${before}`)).status).toBe(410);
    expect((await list(`?since=${after}`)).removed).toEqual([]);
  });

  it('stays the same lifetime across /_mock/reset (the old tasks arrive as removed)', async () => {
    const task = textTask();
    const before = (await list()).cursor;
    await send('POST', '/_mock/reset');
    const delta = await list(`?since=${before}`);
    expect(delta.removed).toEqual([task.id]);
    expect(delta.cursor.split('.')[0]).toBe(before.split('.')[0]);
  });
});

describe('every answer', () => {
  it('carries Cache-Control: no-store and Date, errors and controls included', async () => {
    const ok = await api('/tasks');
    const etag = ok.headers.get('ETag') ?? '';
    const answers = [
      ok,
      await api('/tasks', { headers: { 'If-None-Match': etag } }),
      await api('/tasks/tsk_missing'),
      await api('/nope'),
      await api('/stats', { method: 'DELETE' }),
      await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'k1' }),
      await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'k1' }),
      await api('/_mock/config'),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 304, 404, 404, 405, 201, 201, 200]);
    for (const response of answers) {
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(Date.parse(response.headers.get('Date') ?? '')).toBe(Math.floor(Date.now() / 1000) * 1000);
    }
    await send('PUT', '/_mock/config', { faults: { http503: 1 } });
    const faulted = await api('/tasks');
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('Cache-Control')).toBe('no-store');
    expect(faulted.headers.get('Date')).not.toBeNull();
    await send('PUT', '/_mock/config', { faults: { http503: 0, malformed: 1 } });
    const malformed = await api('/tasks');
    expect(malformed.headers.get('Cache-Control')).toBe('no-store');
    expect(malformed.headers.get('Date')).not.toBeNull();
  });

  it('409 request_in_progress carries Retry-After: 1', async () => {
    engine.updateConfig({ latencyMs: 100, latencyJitterMs: 0 });
    const first = send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'busy' });
    const second = await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'busy' });
    expect(second.status).toBe(409);
    expect(second.headers.get('Retry-After')).toBe('1');
    expect((await first).status).toBe(201);
  });

  it('405 names every method of the path in Allow', async () => {
    const wrong = await api('/tasks', { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('Allow')).toBe('GET, POST');
    const task = await api('/tasks/tsk_x', { method: 'PUT' });
    expect(task.headers.get('Allow')).toBe('GET, DELETE');
    expect((await api('/tasks/tsk_x/logs/extra')).status).toBe(404);
  });
});

describe('clockSkewMs', () => {
  const SKEW = 10 * 60_000;

  it('shifts Date, serverTime and every timestamp of tasks, stages and attempts, without moving the simulation', async () => {
    const task = textTask();
    later(5_000);
    const plain = taskDetailSchema.parse(await (await api(`/tasks/${task.id}`)).json());
    await send('PUT', '/_mock/config', { clockSkewMs: SKEW });
    const skewed = await api(`/tasks/${task.id}`);
    expect(Date.parse(skewed.headers.get('Date') ?? '')).toBe(Math.floor((Date.now() + SKEW) / 1000) * 1000);
    const detail = taskDetailSchema.parse(await skewed.json());
    const plus = (text: string | null) => (text === null ? null : new Date(Date.parse(text) + SKEW).toISOString());
    // The simulation stands where it was; only the clock it shows moved.
    expect(detail.progress).toBe(plain.progress);
    expect(detail.createdAt).toBe(plus(plain.createdAt));
    expect(detail.startedAt).toBe(plus(plain.startedAt));
    expect(detail.stages.map((stage) => [stage.startedAt, stage.finishedAt])).toEqual(
      plain.stages.map((stage) => [plus(stage.startedAt), plus(stage.finishedAt)]),
    );
    expect(detail.attempts?.[0]?.startedAt).toBe(plus(plain.attempts?.[0]?.startedAt ?? null));
    const page = await list();
    expect(page.serverTime).toBe(new Date(Date.now() + SKEW).toISOString());
    expect(page.items[0]?.createdAt).toBe(plus(plain.createdAt));
  });

  it('reads a log tail cursor back on the same skewed clock; works behind too', async () => {
    const task = textTask();
    later(60_000);
    for (const skew of [SKEW, -SKEW]) {
      await send('PUT', '/_mock/config', { clockSkewMs: skew });
      const entries = ((await (await api(`/tasks/${task.id}/logs`)).json()) as { entries: { ts: string }[] }).entries;
      expect(entries.length).toBeGreaterThan(3);
      const last = entries[entries.length - 1]?.ts ?? '';
      // On the server's clock: within the minute before its (skewed) now.
      expect(Date.parse(last)).toBeLessThanOrEqual(Date.now() + skew);
      expect(Date.parse(last)).toBeGreaterThan(Date.now() + skew - 61_000);
      const tail = (await (await api(`/tasks/${task.id}/logs?after=${encodeURIComponent(entries[entries.length - 2]?.ts ?? '')}`)).json()) as { entries: { ts: string }[] };
      expect(tail.entries.map((entry) => entry.ts)).toEqual([last]);
    }
  });

  it('shifts outageUntil and the answers of submits', async () => {
    await send('PUT', '/_mock/config', { clockSkewMs: -SKEW });
    const outage = (await (await send('POST', '/_mock/outage', { seconds: 30 })).json()) as { outageUntil: string };
    expect(outage.outageUntil).toBe(new Date(Date.now() - SKEW + 30_000).toISOString());
    await send('POST', '/_mock/outage', { seconds: 0 });
    const created = (await (await send('POST', '/tasks', imageBody(), { 'Idempotency-Key': 'skewed' })).json()) as { createdAt: string };
    expect(created.createdAt).toBe(new Date(Date.now() - SKEW).toISOString());
  });

  it('is limited to a week either way', async () => {
    expect((await send('PUT', '/_mock/config', { clockSkewMs: 8 * 24 * 3_600_000 })).status).toBe(400);
    expect((await send('PUT', '/_mock/config', { clockSkewMs: 1.5 })).status).toBe(400);
  });
});
