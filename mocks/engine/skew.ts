/**
 * The mock's clock skew (`clockSkewMs`, contract 1.1): the engine keeps real time inside — the
 * simulation must not jump when the skew changes — and shifts every timestamp on its way out
 * (tasks, stages, attempts, log lines, `serverTime`, `Date`, `outageUntil`). Times a client sends
 * back (a log tail's `after`) are read in the same skewed clock and shifted back. At 0 nothing is
 * copied.
 */
import type { Attempt, LogEntry, Stage, Task, TaskDetail } from '../../src/api/schemas';
import { iso } from './time';

/** An ISO timestamp (or null) moved by `skew` ms. */
export function shiftIso<T extends string | null>(text: T, skew: number): T {
  if (skew === 0 || text === null) return text;
  const ms = Date.parse(text);
  return (Number.isNaN(ms) ? text : iso(ms + skew)) as T;
}

function shiftStage(stage: Stage, skew: number): Stage {
  if (stage.startedAt === null && stage.finishedAt === null) return stage;
  return { ...stage, startedAt: shiftIso(stage.startedAt, skew), finishedAt: shiftIso(stage.finishedAt, skew) };
}

export function shiftTask<T extends Task | TaskDetail>(task: T, skew: number): T {
  if (skew === 0) return task;
  const shifted: T = {
    ...task,
    createdAt: shiftIso(task.createdAt, skew),
    startedAt: shiftIso(task.startedAt, skew),
    updatedAt: shiftIso(task.updatedAt, skew),
    finishedAt: shiftIso(task.finishedAt, skew),
    stages: task.stages.map((stage) => shiftStage(stage, skew)),
  };
  if ('attempts' in task && task.attempts) {
    (shifted as TaskDetail).attempts = task.attempts.map(
      (attempt): Attempt => ({ ...attempt, startedAt: shiftIso(attempt.startedAt, skew), finishedAt: shiftIso(attempt.finishedAt, skew) }),
    );
  }
  return shifted;
}

export function shiftLogEntry(entry: LogEntry, skew: number): LogEntry {
  return skew === 0 ? entry : { ...entry, ts: shiftIso(entry.ts, skew) };
}
