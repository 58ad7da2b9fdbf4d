/**
 * The mock under vitest's full fake timers (Date and setTimeout): the latency waits on the fake
 * clock and tasks progress as the fake clock moves, with no real waiting.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { taskSchema } from '../src/api/schemas';
import { createMockServer } from './node';

vi.useFakeTimers();
vi.setSystemTime(Date.parse('2026-03-02T09:00:00Z'));
const { server } = createMockServer({ config: { latencyMs: 300, latencyJitterMs: 0, taskFailureRate: 0 } });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  vi.useRealTimers();
});

async function settled(request: Promise<Response>): Promise<Response> {
  await vi.advanceTimersByTimeAsync(300);
  return request;
}

it('waits the latency on the fake clock and runs tasks as the clock moves', async () => {
  const created = await settled(
    fetch('http://localhost/api/v1/tasks', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'fake-timers', 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'video', title: 'Fake time', params: { prompt: 'p' } }),
    }),
  );
  const task = taskSchema.parse(await created.json());
  expect(task.status).toBe('running');

  await vi.advanceTimersByTimeAsync(5 * 60_000);
  const midway = taskSchema.parse(await (await settled(fetch(`http://localhost/api/v1/tasks/${task.id}`))).json());
  expect(midway.progress).toBeGreaterThan(0.2);
  expect(midway.status).toBe('running');

  await vi.advanceTimersByTimeAsync(60 * 60_000);
  const done = taskSchema.parse(await (await settled(fetch(`http://localhost/api/v1/tasks/${task.id}`))).json());
  expect(done.status).toBe('succeeded');
});
