/**
 * A task's attempt history (contract 1.1, `GET /tasks/{id}` → `attempts`) and the money each
 * attempt spent. Ended attempts are kept on the record; the current one (queued or running) is
 * read from the task itself, so it can never disagree with it. `cost.actual` is the sum of the
 * ended attempts' costs.
 */
import type { Attempt, Task, TaskError } from '../../src/api/schemas';
import type { TaskRecord } from './model';
import { planTotal } from './plan';
import { iso, roundMoney } from './time';

/** What this much plan work costs this task (its estimate × its cost factor × share of the plan). */
export function workCost(record: TaskRecord, work: number): number {
  const total = planTotal(record.sim.plan) || 1;
  return roundMoney(record.task.cost.estimated * record.sim.costFactor * (work / total));
}

export interface AttemptEnd {
  status: Extract<Task['status'], 'succeeded' | 'failed' | 'canceled'>;
  at: number;
  /** key of the stage the attempt reached; null when it never ran */
  stage: string | null;
  error: TaskError | null;
  /** plan work done in this attempt */
  work: number;
}

/** Closes the current attempt; returns the task's new `cost.actual` (the sum over ended attempts). */
export function endAttempt(record: TaskRecord, end: AttemptEnd): number {
  const { task, sim } = record;
  sim.attempts.push({
    attempt: task.attempt,
    status: end.status,
    startedAt: end.stage === null ? null : task.startedAt,
    finishedAt: iso(end.at),
    stage: end.stage,
    error: end.error,
    cost: workCost(record, end.work),
  });
  return spentSoFar(record) ?? 0;
}

/** Σ cost of the ended attempts (null before the first one ends). */
export function spentSoFar(record: TaskRecord): number | null {
  const { attempts } = record.sim;
  if (attempts.length === 0) return null;
  return roundMoney(attempts.reduce((sum, attempt) => sum + (attempt.cost ?? 0), 0));
}

/** Every attempt, oldest first: the ended ones, then the current one while it waits or runs. */
export function attemptsOf(record: TaskRecord): Attempt[] {
  const { task, sim } = record;
  if (task.status !== 'queued' && task.status !== 'running') return sim.attempts;
  const running = task.stages.find((stage) => stage.status === 'running');
  const current: Attempt = {
    attempt: task.attempt,
    status: task.status,
    startedAt: task.status === 'running' ? task.startedAt : null,
    finishedAt: null,
    stage: task.status === 'running' ? (running?.key ?? null) : null,
    error: null,
    cost: null,
  };
  return [...sim.attempts, current];
}
