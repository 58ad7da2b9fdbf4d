/**
 * Contract 1.1's attempt history in the engine: every run of a task is kept (start, finish, stage
 * reached, error, cost), `cost.actual` sums the finished ones, a failed stage has its finish time
 * and a canceled task keeps the progress it had.
 */
import { describe, expect, it } from 'vitest';
import { taskDetailSchema, type TaskDetail } from '../../src/api/schemas';
import { clockedEngine, submit } from '../testSupport';

type Clocked = ReturnType<typeof clockedEngine>;

/** Runs video tasks at a 100 % failure rate until one fails past its first stage. */
function failedLate({ engine, tick }: Clocked): TaskDetail {
  for (let i = 0; i < 20; i++) {
    const task = submit(engine, 'video');
    tick(3 * 3600_000);
    const failed = engine.getTask(task.id);
    if (failed.status === 'failed' && failed.stages.findIndex((stage) => stage.status === 'failed') > 0 && failed.error?.retryable) {
      return failed;
    }
  }
  throw new Error('no late failure');
}

const sum = (detail: TaskDetail) => Math.round((detail.attempts ?? []).reduce((total, attempt) => total + (attempt.cost ?? 0), 0) * 10_000) / 10_000;

describe('attempts', () => {
  it('a new task has one queued attempt, then a running one at its stage', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 1 });
    const first = submit(engine, 'image');
    const waiting = submit(engine, 'image');
    expect(engine.getTask(waiting.id).attempts).toEqual([
      { attempt: 1, status: 'queued', startedAt: null, finishedAt: null, stage: null, error: null, cost: null },
    ]);
    tick(100);
    const running = engine.getTask(first.id);
    expect(running.attempts).toEqual([
      { attempt: 1, status: 'running', startedAt: running.startedAt, finishedAt: null, stage: 'preprocess', error: null, cost: null },
    ]);
    expect(taskDetailSchema.parse(running)).toEqual(running);
    // Lists and command answers carry the plain task.
    expect('attempts' in (engine.listTasks(new URLSearchParams()).body?.items[0] ?? {})).toBe(false);
    expect('attempts' in engine.cancelTask(waiting.id)).toBe(false);
  });

  it('keeps every attempt: failed (with stage, error, finish and cost), queued retry, succeeded; cost.actual sums them', () => {
    const clocked = clockedEngine({ taskFailureRate: 1 });
    const failed = failedLate(clocked);
    const failedStage = failed.stages.find((stage) => stage.status === 'failed');
    // A failed stage ends at the failure.
    expect(failedStage?.finishedAt).toBe(failed.finishedAt);
    expect(failed.attempts).toEqual([
      {
        attempt: 1,
        status: 'failed',
        startedAt: failed.startedAt,
        finishedAt: failed.finishedAt,
        stage: failedStage?.key,
        error: failed.error,
        cost: failed.cost.actual,
      },
    ]);
    const { engine, tick } = clocked;
    engine.updateConfig({ taskFailureRate: 0 });
    engine.setPaused(true);
    const queued = engine.retryTask(failed.id);
    // The money of the first attempt is spent: it stays in cost.actual while the retry waits.
    expect(queued.cost.actual).toBe(failed.cost.actual);
    expect(engine.getTask(failed.id).attempts?.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 'failed'],
      [2, 'queued'],
    ]);
    engine.setPaused(false);
    tick(1);
    const resumed = engine.getTask(failed.id);
    expect(resumed.attempts?.[1]).toMatchObject({ attempt: 2, status: 'running', stage: failedStage?.key, cost: null });
    tick(3 * 3600_000);
    const done = engine.getTask(failed.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toHaveLength(2);
    expect(done.attempts?.[0]).toEqual(failed.attempts?.[0]);
    expect(done.attempts?.[1]).toMatchObject({
      attempt: 2,
      status: 'succeeded',
      startedAt: resumed.startedAt,
      finishedAt: done.finishedAt,
      stage: done.stages[done.stages.length - 1]?.key,
      error: null,
    });
    expect(done.attempts?.[1]?.cost).toBeGreaterThan(0);
    expect(done.cost.actual).toBe(sum(done));
    expect(done.cost.actual).toBeGreaterThan(failed.cost.actual ?? 0);
  });

  it('a canceled running task keeps its progress, and the attempt records where it stopped', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'video');
    tick(200_000);
    const before = engine.getTask(task.id);
    const canceled = engine.cancelTask(task.id);
    expect(canceled.progress).toBeGreaterThanOrEqual(before.progress ?? 0);
    expect(canceled.progress).toBeGreaterThan(0);
    const stopped = canceled.stages.find((stage) => stage.status === 'skipped' && stage.progress > 0);
    expect(stopped?.finishedAt).toBe(canceled.finishedAt);
    expect(engine.getTask(task.id).attempts).toEqual([
      { attempt: 1, status: 'canceled', startedAt: before.startedAt, finishedAt: canceled.finishedAt, stage: stopped?.key, error: null, cost: canceled.cost.actual },
    ]);
  });

  it('a task canceled while its retry waits keeps the first attempt and costs nothing more', () => {
    const clocked = clockedEngine({ taskFailureRate: 1 });
    const failed = failedLate(clocked);
    clocked.engine.setPaused(true);
    clocked.engine.retryTask(failed.id);
    const canceled = clocked.engine.cancelTask(failed.id);
    expect(canceled.cost.actual).toBe(failed.cost.actual);
    expect(canceled.progress).toBe(failed.stages.filter((stage) => stage.status === 'done').reduce((p, s) => p + s.weight, 0) / 100);
    expect(clocked.engine.getTask(failed.id).attempts?.[1]).toEqual({
      attempt: 2,
      status: 'canceled',
      startedAt: null,
      finishedAt: canceled.finishedAt,
      stage: null,
      error: null,
      cost: 0,
    });
  });

  it('seeded finished tasks have their one attempt', () => {
    const { engine } = clockedEngine();
    engine.seedTasks({ count: 30, statuses: ['succeeded', 'failed', 'canceled'] });
    const ids = engine.listTasks(new URLSearchParams('limit=500')).body?.items.map((task) => task.id) ?? [];
    for (const id of ids) {
      const detail = engine.getTask(id);
      expect(detail.attempts).toHaveLength(1);
      expect(detail.attempts?.[0]).toMatchObject({ attempt: 1, status: detail.status, finishedAt: detail.finishedAt, error: detail.error });
      expect(detail.attempts?.[0]?.cost).toBe(detail.cost.actual);
    }
  });
});
