import { describe, expect, it } from 'vitest';
import { cancelTasks, getTaskLogs, getTaskResult, setQueuePaused, submitTask } from '../src/api/endpoints';
import {
  logsResponseSchema,
  statsSchema,
  taskSchema,
  taskTypesResponseSchema,
  type Task,
} from '../src/api/schemas';
import { imageBody, setupMockServer } from './serverTestSupport';

const { api, send, later, client } = setupMockServer();

let keys = 0;
async function create(body: unknown = imageBody()): Promise<Task> {
  const response = await send('POST', '/tasks', body, { 'Idempotency-Key': `key-${++keys}` });
  expect(response.status).toBe(201);
  return taskSchema.parse(await response.json());
}

describe('task types', () => {
  it('lists the four types with stages, params, unit param and currency', async () => {
    const { items } = taskTypesResponseSchema.parse(await (await api('/task-types')).json());
    expect(items.map((type) => type.type)).toEqual(['image', 'text', 'analysis', 'video']);
    const image = items[0];
    expect(image?.stages.map((stage) => [stage.key, stage.weight])).toEqual([
      ['preprocess', 10],
      ['inference', 70],
      ['postprocess', 15],
      ['upload', 5],
    ]);
    expect(image).toMatchObject({ costPerUnit: 0.04, unitParam: 'count', currency: 'USD' });
    expect(items.find((type) => type.type === 'video')).toMatchObject({ unitParam: 'durationSec', costPerUnit: 0.25 });
  });
});

describe('tasks', () => {
  it('submits with 201, Location and a contract-shaped task', async () => {
    const response = await send('POST', '/tasks', { ...imageBody(), priority: 'high' }, { 'Idempotency-Key': 'create-1' });
    expect(response.status).toBe(201);
    const task = taskSchema.parse(await response.json());
    expect(response.headers.get('Location')).toBe(`/api/v1/tasks/${task.id}`);
    expect(task).toMatchObject({ status: 'running', priority: 'high', attempt: 1, cost: { estimated: 0.04, actual: null } });
    const fetched = taskSchema.parse(await (await api(`/tasks/${task.id}`)).json());
    expect(fetched.id).toBe(task.id);
  });

  it('works through the app client, which sees replays', async () => {
    const first = await submitTask(client, { type: 'text', title: 'Client', params: { prompt: 'p' } }, { idempotencyKey: 'client-1' });
    const second = await submitTask(client, { type: 'text', title: 'Client', params: { prompt: 'p' } }, { idempotencyKey: 'client-1' });
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.data?.id).toBe(first.data?.id);
  });

  it('answers 404 problems with a trace id for unknown tasks', async () => {
    const response = await api('/tasks/tsk_missing');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: 'not_found', retryable: false, title: 'Not found' });
    expect(body.type).toMatch(/^https:\/\//);
    expect(body.traceId).toBe(response.headers.get('X-Trace-Id'));
  });

  it('answers 409 for cancel of a finished task, delete of a running one and a result not ready', async () => {
    const task = await create();
    const deleteRunning = await api(`/tasks/${task.id}`, { method: 'DELETE' });
    expect(deleteRunning.status).toBe(409);
    expect(await deleteRunning.json()).toMatchObject({ code: 'not_deletable' });
    const notReady = await api(`/tasks/${task.id}/result`);
    expect(notReady.status).toBe(409);
    expect(await notReady.json()).toMatchObject({ code: 'not_ready' });

    later(3600_000);
    const cancelFinished = await api(`/tasks/${task.id}/cancel`, { method: 'POST' });
    expect(cancelFinished.status).toBe(409);
    expect(await cancelFinished.json()).toMatchObject({ code: 'not_cancelable' });
    const result = await getTaskResult(client, task.id);
    expect(result.kind).toBe('image');
    expect(result.url).toMatch(/^data:image\/svg\+xml,/);

    const deleted = await api(`/tasks/${task.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await api(`/tasks/${task.id}`)).status).toBe(404);
  });

  it('cancels one task and many', async () => {
    const a = await create();
    const b = await create();
    const canceled = taskSchema.parse(await (await api(`/tasks/${a.id}/cancel`, { method: 'POST' })).json());
    expect(canceled.status).toBe('canceled');
    expect(await cancelTasks(client, [a.id, b.id, 'tsk_nope'])).toEqual({
      results: { [a.id]: 'not_cancelable', [b.id]: 'canceled', tsk_nope: 'not_found' },
    });
  });

  it('serves logs newest last, with an `after` tail', async () => {
    const task = await create({ type: 'video', title: 'Logs', params: { prompt: 'p' } });
    later(60_000);
    const { entries } = logsResponseSchema.parse(await (await api(`/tasks/${task.id}/logs`)).json());
    expect(entries.length).toBeGreaterThan(3);
    expect(entries[0]?.message).toMatch(/^Submitted/);
    const last = entries[entries.length - 1]?.ts ?? '';
    expect((await getTaskLogs(client, task.id, last)).entries).toEqual([]);
    later(120_000);
    const tail = await getTaskLogs(client, task.id, last);
    expect(tail.entries.length).toBeGreaterThan(0);
    expect(tail.entries.every((entry) => entry.ts > last)).toBe(true);
    expect((await api(`/tasks/${task.id}/logs?after=yesterday`)).status).toBe(400);
  });

  it('answers stats in the contract shape and pauses the queue', async () => {
    await create();
    expect(await setQueuePaused(client, true)).toEqual({ paused: true });
    const stats = statsSchema.parse(await (await api('/stats')).json());
    expect(stats).toMatchObject({ running: 1, maxConcurrent: 3, paused: true, successRate: null, meanAttempts: null });
    expect(stats.cost).toEqual({ total: 0.04, budget: null, currency: 'USD' });
    expect(await setQueuePaused(client, false)).toEqual({ paused: false });
  });

  it('answers 402 budget_exceeded past the budget', async () => {
    await send('PUT', '/_mock/config', { budget: 0.05 });
    await create();
    const response = await send('POST', '/tasks', imageBody('Second'), { 'Idempotency-Key': 'over-budget' });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ code: 'budget_exceeded', retryable: false });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await api('/tasks', { method: 'POST', headers: { 'Idempotency-Key': 'raw' }, body: '{oops' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_body' });
  });

  it('answers 404 for unknown endpoints and 405 for a wrong method', async () => {
    const unknown = await api('/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'route_not_found' });
    const wrong = await api('/stats', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('Allow')).toBe('GET');
  });
});
