import { describe, expect, it } from 'vitest';
import { taskSchema, type Task } from '../src/api/schemas';
import { imageBody, setupMockServer } from './serverTestSupport';

const { send, engine, later } = setupMockServer();

const post = (body: unknown, key?: string) => send('POST', '/tasks', body, key === undefined ? {} : { 'Idempotency-Key': key });
const taskOf = async (response: Response): Promise<Task> => taskSchema.parse(await response.json());
const countTasks = () => engine.stats().totals.total;

describe('Idempotency-Key on POST /tasks', () => {
  it('is required: 400 idempotency_key_missing, nothing created', async () => {
    const response = await post(imageBody());
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'idempotency_key_missing', status: 400, retryable: false });
    expect(countTasks()).toBe(0);
  });

  it('must be at most 255 characters', async () => {
    const response = await post(imageBody(), 'k'.repeat(256));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'idempotency_key_invalid' });
    expect((await post(imageBody(), 'k'.repeat(255))).status).toBe(201);
  });

  it('replays the stored answer for the same key and body: same task, no second one', async () => {
    const first = await post(imageBody(), 'submit-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const created = await taskOf(first);
    const again = await post({ params: { prompt: 'A red bicycle' }, title: 'Poster', type: 'image' }, 'submit-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await taskOf(again)).toEqual(created);
    expect(countTasks()).toBe(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    await post(imageBody('One'), 'submit-2');
    const response = await post(imageBody('Two'), 'submit-2');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'idempotency_key_reused', retryable: false });
    expect(countTasks()).toBe(1);
  });

  it('answers 409 request_in_progress while the first request is still being processed', async () => {
    engine.updateConfig({ latencyMs: 150, latencyJitterMs: 0 });
    const first = post(imageBody(), 'submit-3');
    const second = await post(imageBody(), 'submit-3');
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'request_in_progress' });
    expect((await first).status).toBe(201);
    const third = await post(imageBody(), 'submit-3');
    expect(third.headers.get('Idempotent-Replayed')).toBe('true');
    expect(countTasks()).toBe(1);
  });

  it('stores and replays a validation failure; does not store a budget refusal', async () => {
    const invalid = { type: 'image', title: 'x', params: {} };
    expect((await post(invalid, 'bad-1')).status).toBe(400);
    const replayed = await post(invalid, 'bad-1');
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true');

    engine.updateConfig({ budget: 0.01 });
    expect((await post(imageBody(), 'budget-1')).status).toBe(402);
    engine.updateConfig({ budget: null });
    const accepted = await post(imageBody(), 'budget-1');
    expect(accepted.status).toBe(201);
    expect(accepted.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('does not store injected 5xx faults, so the client can retry with the same key', async () => {
    engine.updateConfig({ faults: { http500: 1 } });
    expect((await post(imageBody(), 'flaky-1')).status).toBe(500);
    expect(countTasks()).toBe(0);
    engine.updateConfig({ faults: { http500: 0 } });
    const retried = await post(imageBody(), 'flaky-1');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull();
  });
});

describe('Idempotency-Key on POST /tasks/{id}/retry', () => {
  async function failedTask(key = 'make-failing'): Promise<Task> {
    engine.updateConfig({ taskFailureRate: 1 });
    const task = await taskOf(await post({ type: 'text', title: 'Will fail', params: { prompt: 'p' } }, key));
    later(3600_000);
    engine.updateConfig({ taskFailureRate: 0 });
    return engine.getTask(task.id);
  }

  it('scopes keys to method and path: the submit key does not clash with a retry key', async () => {
    const failed = await failedTask('same-key');
    const retry = await send('POST', `/tasks/${failed.id}/retry`, {}, { 'Idempotency-Key': 'same-key' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await taskOf(retry)).attempt).toBe(2);
  });

  it('requires a key and replays the first retry instead of retrying twice', async () => {
    const failed = await failedTask();
    expect(failed.status).toBe('failed');
    const path = `/tasks/${failed.id}/retry`;
    expect((await send('POST', path, {})).status).toBe(400);
    const first = await send('POST', path, {}, { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(200);
    const retried = await taskOf(first);
    expect(retried.attempt).toBe(2);
    const again = await send('POST', path, {}, { 'Idempotency-Key': 'retry-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await taskOf(again)).toEqual(retried);
    expect(engine.getTask(failed.id).attempt).toBe(2);
  });

  it('answers 409 not_retryable_state for a task that is not failed (with a new key)', async () => {
    const task = await taskOf(await post(imageBody(), 'fresh'));
    const response = await send('POST', `/tasks/${task.id}/retry`, {}, { 'Idempotency-Key': 'retry-2' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'not_retryable_state' });
  });
});
