/**
 * A task's attempts as the details and the report show them: when each started, how long it ran,
 * the stage it reached, how it ended (with its error) and what it cost against what it was
 * expected to cost; and the totals. Pure.
 *
 * The server's history (`attempts`, contract 1.1) is the base; the attempt running now is taken
 * from the task itself, which the list keeps fresh, so the history does not need a request per
 * poll. A 1.0 server sends no history: then the task alone is one attempt (its own number).
 *
 * Expected cost of an attempt: a retry resumes at the stage the previous attempt stopped at
 * (finished stages stay done), so it is expected to cost the task's estimate × the weight share
 * of the stages from that one to the end. The first attempt is expected to cost the estimate.
 */
import type { Attempt, Task, TaskError } from '../api/schemas';
import { currentStage, totalWeight } from './progress';

export interface AttemptRow {
  attempt: number;
  status: Task['status'];
  startedAt: string | null;
  finishedAt: string | null;
  /** ended attempts: finish − start; null while running (the UI counts it up) or never started */
  durationMs: number | null;
  /** key of the stage the attempt reached (where it is, failed or stopped) */
  stage: string | null;
  error: TaskError | null;
  /** what this attempt was expected to cost */
  estimated: number;
  /** what it cost; null until it ended */
  actual: number | null;
  /** the attempt running or waiting now */
  current: boolean;
}

export interface AttemptTotals {
  /** the estimate of one complete run */
  estimatedRun: number;
  /** Σ expected cost of the attempts shown */
  estimated: number;
  /** Σ actual cost of the ended attempts (the task's cost.actual when it sends one) */
  actual: number | null;
  currency: string;
}

export function attemptRows(task: Task, attempts: readonly Attempt[] | undefined): AttemptRow[] {
  const history: Attempt[] = attempts && attempts.length > 0 ? [...attempts].sort((a, b) => a.attempt - b.attempt) : [];
  const live = liveAttempt(task);
  const index = history.findIndex((entry) => entry.attempt === task.attempt);
  if (index < 0) history.push(live);
  // While it waits or runs, the list's copy of the task is fresher than the detail fetched earlier.
  else if (task.status === 'queued' || task.status === 'running') history[index] = live;

  const total = totalWeight(task.stages);
  return history.map((entry, i) => {
    const resumedAt = i === 0 ? null : (history[i - 1]?.stage ?? null);
    return {
      attempt: entry.attempt,
      status: entry.status,
      startedAt: entry.startedAt,
      finishedAt: entry.finishedAt,
      durationMs: duration(entry.startedAt, entry.finishedAt),
      stage: entry.stage,
      error: entry.error,
      estimated: task.cost.estimated * shareFrom(task, resumedAt, total),
      actual: entry.cost,
      current: entry.attempt === task.attempt && (task.status === 'queued' || task.status === 'running'),
    };
  });
}

export function attemptTotals(task: Task, rows: readonly AttemptRow[]): AttemptTotals {
  const ended = rows.filter((row) => row.actual !== null);
  const summed = ended.length > 0 ? ended.reduce((sum, row) => sum + (row.actual ?? 0), 0) : null;
  return {
    estimatedRun: task.cost.estimated,
    estimated: rows.reduce((sum, row) => sum + row.estimated, 0),
    actual: task.cost.actual ?? summed,
    currency: task.cost.currency,
  };
}

/** The current attempt as the task shows it. */
function liveAttempt(task: Task): Attempt {
  const stage = currentStage(task.stages);
  const active = task.status === 'queued' || task.status === 'running';
  return {
    attempt: task.attempt,
    status: task.status,
    startedAt: task.startedAt,
    finishedAt: active ? null : task.finishedAt,
    stage: task.status === 'queued' ? null : (task.error?.stage ?? stage?.key ?? null),
    error: task.error,
    // A finished task without a history: its cost.actual is this (only) attempt's.
    cost: active ? null : task.cost.actual,
  };
}

/** Weight share of the stages from `stageKey` to the end (all of them when null or unknown). */
function shareFrom(task: Task, stageKey: string | null, total: number): number {
  if (stageKey === null || total <= 0) return 1;
  const start = task.stages.findIndex((stage) => stage.key === stageKey);
  if (start < 0) return 1;
  return totalWeight(task.stages.slice(start)) / total;
}

function duration(startedAt: string | null, finishedAt: string | null): number | null {
  if (!startedAt || !finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
