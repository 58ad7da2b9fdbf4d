import { describe, expect, it } from 'vitest';
import type { Attempt } from '../api/schemas';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { attemptRows, attemptTotals } from './attemptHistory';

const ended = (attempt: number, stage: string, cost: number, startMs: number, endMs: number): Attempt => ({
  attempt,
  status: 'failed',
  startedAt: iso(T0 + startMs),
  finishedAt: iso(T0 + endMs),
  stage,
  error: { code: `e${attempt}`, message: 'boom', retryable: true, stage, traceId: null },
  cost,
});

describe('attemptRows', () => {
  it('expects a retry to cost the share of the work from the stage it resumes at', () => {
    // A $2.00 video: attempt 1 failed in inference (stages 10/70/15/5), attempt 2 in postprocess.
    const task = makeTask({ status: 'failed', attempt: 2, stages: stagesAt(2, 0.3, 'failed'), cost: { estimated: 2, actual: 2.1, currency: 'USD' } });
    const rows = attemptRows(task, [ended(1, 'inference', 1.2, 0, 60_000), ended(2, 'postprocess', 0.9, 70_000, 100_000)]);
    expect(rows.map((row) => [row.attempt, row.estimated, row.actual, row.durationMs, row.stage])).toEqual([
      [1, 2, 1.2, 60_000, 'inference'],
      [2, 2 * 0.9, 0.9, 30_000, 'postprocess'],
    ]);
    expect(attemptTotals(task, rows)).toEqual({ estimatedRun: 2, estimated: 3.8, actual: 2.1, currency: 'USD' });
  });

  it('takes the running attempt from the task, fresher than the history fetched before', () => {
    const task = makeTask({ status: 'running', attempt: 2, stages: stagesAt(2, 0.5), startedAt: iso(T0 + 70_000), cost: { estimated: 1, actual: 0.4, currency: 'USD' } });
    const stale: Attempt = { attempt: 2, status: 'queued', startedAt: null, finishedAt: null, stage: null, error: null, cost: null };
    const rows = attemptRows(task, [ended(1, 'inference', 0.4, 0, 60_000), stale]);
    expect(rows[1]).toMatchObject({ attempt: 2, status: 'running', stage: 'postprocess', startedAt: iso(T0 + 70_000), durationMs: null, actual: null, current: true });
    expect(attemptTotals(task, rows).actual).toBe(0.4);
  });

  it('adds the current attempt when the history does not have it yet, and reads a 1.0 server as one attempt', () => {
    const queued = makeTask({ status: 'queued', attempt: 3, stages: stagesAt(1, 0, 'pending') });
    expect(attemptRows(queued, [ended(1, 'inference', 0.1, 0, 1), ended(2, 'inference', 0.1, 2, 3)]).map((row) => row.attempt)).toEqual([1, 2, 3]);
    const done = makeTask({ status: 'succeeded', attempt: 1, startedAt: iso(T0), finishedAt: iso(T0 + 5000), cost: { estimated: 1, actual: 0.95, currency: 'USD' } });
    const [only] = attemptRows(done, undefined);
    expect(only).toMatchObject({ attempt: 1, status: 'succeeded', durationMs: 5000, actual: 0.95, estimated: 1, current: false });
    expect(attemptTotals(done, attemptRows(done, undefined)).actual).toBe(0.95);
  });

  it('sums ended attempts when the task sends no actual cost', () => {
    const task = makeTask({ status: 'failed', attempt: 2, cost: { estimated: 1, actual: null, currency: 'EUR' } });
    const rows = attemptRows(task, [ended(1, 'inference', 0.25, 0, 1), ended(2, 'inference', 0.5, 2, 3)]);
    expect(attemptTotals(task, rows)).toMatchObject({ actual: 0.75, currency: 'EUR' });
  });
});
