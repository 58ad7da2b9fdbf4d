import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/api/schemas';
import { clockedEngine, submit } from '../testSupport';
import { ProblemError } from './problems';

function problemOf(action: () => unknown): ProblemError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

/** Submits video tasks until one fails at a later stage than the first. */
function failedPastFirstStage(engine: ReturnType<typeof clockedEngine>['engine'], tick: (ms: number) => void): Task {
  for (let i = 0; i < 20; i++) {
    const task = submit(engine, 'video');
    tick(3 * 3600_000);
    const failed = engine.getTask(task.id);
    if (failed.status === 'failed' && failed.stages.findIndex((stage) => stage.status === 'failed') > 0 && failed.error?.retryable) {
      return failed;
    }
  }
  throw new Error('no failure past the first stage');
}

describe('failure and retry', () => {
  it('fails at a stage with an error from the catalog; later stages stay pending', () => {
    const { engine, tick } = clockedEngine({ taskFailureRate: 1 });
    const failed = failedPastFirstStage(engine, tick);
    const index = failed.stages.findIndex((stage) => stage.status === 'failed');
    expect(failed.stages.slice(0, index).every((stage) => stage.status === 'done')).toBe(true);
    expect(failed.stages.slice(index + 1).every((stage) => stage.status === 'pending')).toBe(true);
    expect(failed.error).toMatchObject({ retryable: true, stage: failed.stages[index]?.key });
    expect(failed.error?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(['gpu_oom', 'worker_lost', 'upstream_timeout']).toContain(failed.error?.code);
    expect(failed.cost.actual).toBeGreaterThan(0);
    expect(failed.cost.actual).toBeLessThan(failed.cost.estimated);
    expect(failed.eta).toBeNull();
    const log = engine.taskLogs(failed.id).entries;
    expect(log.filter((entry) => entry.level === 'error').length).toBeGreaterThanOrEqual(3);
    expect(log.some((entry) => entry.message.includes(failed.error?.traceId ?? '?'))).toBe(true);
  });

  it('retry resumes at the failed stage with attempt + 1; done stages stay done', () => {
    const { engine, tick } = clockedEngine({ taskFailureRate: 1 });
    const failed = failedPastFirstStage(engine, tick);
    const index = failed.stages.findIndex((stage) => stage.status === 'failed');
    engine.updateConfig({ taskFailureRate: 0 });
    engine.setPaused(true);
    const queued = engine.retryTask(failed.id);
    expect(queued).toMatchObject({ status: 'queued', attempt: 2, error: null, finishedAt: null, queuePosition: 1 });
    expect(queued.stages[index]).toMatchObject({ status: 'pending', progress: 0 });
    expect(queued.version).toBeGreaterThan(failed.version);
    engine.setPaused(false);
    tick(1);
    const running = engine.getTask(failed.id);
    expect(running.status).toBe('running');
    expect(running.stages[index]?.status).toBe('running');
    expect(running.stages.slice(0, index)).toEqual(failed.stages.slice(0, index));
    tick(3 * 3600_000);
    const done = engine.getTask(failed.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempt).toBe(2);
    expect(done.stages.slice(0, index)).toEqual(failed.stages.slice(0, index));
    expect(engine.taskLogs(failed.id).entries.some((entry) => entry.message.includes('resuming at'))).toBe(true);
  });

  it('a final error may be retried, and comes back at the same stage', () => {
    const { engine, tick } = clockedEngine({ taskFailureRate: 1 });
    let failed: Task | null = null;
    for (let i = 0; i < 30 && !failed; i++) {
      const task = submit(engine, 'text');
      tick(3600_000);
      const now = engine.getTask(task.id);
      if (now.error && !now.error.retryable) failed = now;
    }
    if (!failed) throw new Error('no final error');
    engine.updateConfig({ taskFailureRate: 0 });
    engine.retryTask(failed.id);
    tick(3600_000);
    const again = engine.getTask(failed.id);
    expect(again.status).toBe('failed');
    expect(again.attempt).toBe(2);
    expect(again.error).toMatchObject({ code: failed.error?.code, stage: failed.error?.stage, retryable: false });
  });

  it('only a failed task can be retried', () => {
    const { engine } = clockedEngine();
    const task = submit(engine, 'text');
    expect(problemOf(() => engine.retryTask(task.id))).toMatchObject({ status: 409, code: 'not_retryable_state' });
    expect(problemOf(() => engine.retryTask('tsk_nope'))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('cancel, delete, result', () => {
  it('cancels a running task, frees its slot and keeps its partial cost', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 1 });
    const running = submit(engine, 'video');
    const next = submit(engine, 'video');
    tick(200_000);
    const canceled = engine.cancelTask(running.id);
    expect(canceled.status).toBe('canceled');
    expect(canceled.cost.actual).toBeGreaterThan(0);
    expect(canceled.stages.some((stage) => stage.status === 'skipped' && stage.progress > 0)).toBe(true);
    expect(engine.getTask(next.id).status).toBe('running');
    expect(problemOf(() => engine.cancelTask(running.id))).toMatchObject({ status: 409, code: 'not_cancelable' });
  });

  it('cancels a queued task at no cost and closes the gap in the queue', () => {
    const { engine } = clockedEngine({ maxConcurrent: 1 });
    submit(engine, 'text');
    const first = submit(engine, 'text');
    const second = submit(engine, 'text');
    const canceled = engine.cancelTask(first.id);
    expect(canceled).toMatchObject({ status: 'canceled', queuePosition: null, cost: { actual: 0 } });
    expect(engine.getTask(second.id).queuePosition).toBe(1);
  });

  it('batch cancel answers per id', () => {
    const { engine, tick } = clockedEngine();
    const done = submit(engine, 'text');
    tick(3600_000);
    const active = submit(engine, 'text');
    expect(engine.cancelTasks({ ids: [active.id, done.id, 'tsk_missing'] })).toEqual({
      results: { [active.id]: 'canceled', [done.id]: 'not_cancelable', tsk_missing: 'not_found' },
    });
    expect(problemOf(() => engine.cancelTasks({ ids: 'x' }))).toMatchObject({ status: 400 });
  });

  it('deletes only finished tasks', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'text');
    expect(problemOf(() => engine.deleteTask(task.id))).toMatchObject({ status: 409, code: 'not_deletable' });
    tick(3600_000);
    engine.deleteTask(task.id);
    expect(problemOf(() => engine.getTask(task.id))).toMatchObject({ status: 404 });
    expect(problemOf(() => engine.deleteTask(task.id))).toMatchObject({ status: 404 });
  });

  it('has a result only once succeeded; user text is escaped in the picture', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'image', 'medium', { prompt: '<script>alert("x")</script> & friends', size: '512x512' });
    expect(problemOf(() => engine.taskResult(task.id))).toMatchObject({ status: 409, code: 'not_ready' });
    tick(3600_000);
    const result = engine.taskResult(task.id);
    expect(result.kind).toBe('image');
    expect(result.meta).toMatchObject({ width: 512, height: 512 });
    const svg = decodeURIComponent(result.url?.replace('data:image/svg+xml,', '') ?? '');
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
  });

  it('writes text results for text and analysis tasks', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 2 });
    const text = submit(engine, 'text', 'medium', { prompt: '总结会议纪要' });
    const analysis = submit(engine, 'analysis', 'medium', { dataset: 's3://x.csv', method: 'regression' });
    tick(3600_000);
    expect(engine.taskResult(text.id)).toMatchObject({ kind: 'text', text: expect.stringContaining('总结会议纪要') as unknown });
    expect(engine.taskResult(analysis.id)).toMatchObject({ kind: 'text', meta: { method: 'regression' } });
  });
});

describe('submit validation and budget', () => {
  it('names the field at fault', () => {
    const { engine } = clockedEngine();
    const cases: [unknown, string][] = [
      [{ type: 'image', title: 'x', params: {} }, 'params.prompt'],
      [{ type: 'image', title: 'x', params: { prompt: 'p', count: 9 } }, 'params.count'],
      [{ type: 'image', title: 'x', params: { prompt: 'p', size: '1x1' } }, 'params.size'],
      [{ type: 'image', title: 'x', params: { prompt: 'p', hd: 'yes' } }, 'params.hd'],
      [{ type: 'image', title: 'x', params: { prompt: 'p', colour: 'red' } }, 'params.colour'],
      [{ type: 'music', title: 'x', params: {} }, 'type'],
      [{ type: 'text', title: '  ', params: { prompt: 'p' } }, 'title'],
      [{ type: 'text', params: { prompt: 'p' } }, 'title'],
      [{ type: 'text', title: 'x', params: { prompt: 'p' }, priority: 'asap' }, 'priority'],
    ];
    for (const [body, field] of cases) {
      const problem = problemOf(() => engine.submitTask(body));
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(problem.detail.startsWith(`${field}:`)).toBe(true);
    }
  });

  it('estimates cost per unit and refuses submits past the budget with 402', () => {
    const { engine } = clockedEngine({ budget: 1 });
    const task = submit(engine, 'video', 'medium', { prompt: 'p', durationSec: 2 });
    expect(task.cost).toEqual({ estimated: 0.5, actual: null, currency: 'USD' });
    const problem = problemOf(() => submit(engine, 'video', 'medium', { prompt: 'p', durationSec: 4 }));
    expect(problem).toMatchObject({ status: 402, code: 'budget_exceeded', retryable: false });
    expect(problem.detail).toContain('0.5 USD');
    expect(engine.stats().cost).toEqual({ total: 0.5, budget: 1, currency: 'USD' });
  });
});
