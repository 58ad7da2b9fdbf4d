/**
 * The poll cadence as a pure function: given the tasks still running or queued and what is known
 * about when each will finish, how long to wait before the next list poll.
 *
 * The idea: spend requests where a completion is likely. Far from a task's estimated end, a poll
 * only refines the estimate, so wait a large share of the time left; near the end, aim one poll
 * just past it; if the task runs late, poll at a short interval that grows with the delay. A task
 * without an ETA gets the classic adaptive schedule (quick start, then slowly growing). One list
 * request covers every task, so the list waits for the most urgent one.
 *
 * Jitter, the hidden-page tier, errors and cool-downs are the scheduler's business
 * (scheduler.ts); this file only answers "when would a fresh look be worth it".
 */
import type { SyncConfig } from './config';

/** A task the client is waiting on, as the cadence sees it. */
export interface ActiveTask {
  id: string;
  status: 'queued' | 'running';
  /** best estimate of the time left, as of now; null when unknown (queued, no progress yet) */
  remainingMs: number | null;
  /** how long this client has been watching the task */
  observedForMs: number;
  /** how long the task has been running past the end it was expected at; 0 when not late */
  overdueMs: number;
}

export type CadenceReason =
  /** no ETA yet and the task is young: look again soon to learn its pace */
  | 'quick-start'
  /** no ETA: the adaptive fallback, growing with how long the task has been watched */
  | 'no-eta'
  /** far from the estimated end: wait a share of the time left */
  | 'approaching'
  /** near the estimated end: one poll just past it */
  | 'aim'
  /** past the estimated end: a short interval that grows with the delay */
  | 'overdue'
  /** tasks fail part-way often: no running task waits longer than the failure cap */
  | 'failure-watch';

export interface TaskCadence {
  /** when this task would like the next look */
  delayMs: number;
  /** how long it can wait for a look another task needs anyway (≥ delayMs) */
  latestMs: number;
  reason: CadenceReason;
}

export interface ListCadence {
  /** null: nothing is active, no cadence poll is due (the scheduler may still send a heartbeat) */
  delayMs: number | null;
  reason: CadenceReason | 'idle';
  /** the task that set the pace */
  taskId: string | null;
}

type CadenceConfig = Pick<
  SyncConfig,
  | 'floorMs'
  | 'capMs'
  | 'approachFactor'
  | 'approachLatestFactor'
  | 'aimWithinMs'
  | 'aimSlackMs'
  | 'aimMarginMs'
  | 'overdueFactor'
  | 'overdueCapMs'
  | 'failureCapMs'
  | 'failureRateThreshold'
  | 'quickIntervalMs'
  | 'quickLatestMs'
  | 'quickPhaseMs'
  | 'noEtaGrowth'
  | 'noEtaMinMs'
  | 'noEtaCapMs'
>;

/**
 * When one task alone would want the next look. Always within [floorMs, capMs]; a running task
 * within `failureCapMs` while `failureRate` (the share of recently finished tasks that failed)
 * reaches `failureRateThreshold`.
 */
export function taskCadence(task: ActiveTask, config: CadenceConfig, failureRate = 0): TaskCadence {
  const raw = rawTaskCadence(task, config);
  const watchFailures = task.status === 'running' && failureRate >= config.failureRateThreshold;
  const cap = watchFailures ? Math.max(config.floorMs, Math.min(config.capMs, config.failureCapMs)) : config.capMs;
  const delayMs = clamp(raw.delayMs, config.floorMs, cap);
  const reason = watchFailures && raw.delayMs > cap ? 'failure-watch' : raw.reason;
  return { delayMs, latestMs: clamp(raw.latestMs, delayMs, cap), reason };
}

function rawTaskCadence(task: ActiveTask, config: CadenceConfig): TaskCadence {
  const remaining = task.status === 'running' ? task.remainingMs : null;
  if (remaining === null) {
    // Time-based rather than count-based, so a re-render or a poll from elsewhere does not
    // reset it: ≈ the old "2 s × 5, then 5 s × 1.2ⁿ up to 30 s" schedule.
    if (task.observedForMs < config.quickPhaseMs) {
      return { delayMs: config.quickIntervalMs, latestMs: config.quickLatestMs, reason: 'quick-start' };
    }
    const delayMs = clamp(task.observedForMs * config.noEtaGrowth, config.noEtaMinMs, config.noEtaCapMs);
    return { delayMs, latestMs: delayMs, reason: 'no-eta' };
  }

  let byEta: TaskCadence;
  if (remaining <= config.aimWithinMs) {
    // Close enough that the ETA error is about a second: land just after the end.
    const delayMs = remaining + config.aimMarginMs;
    byEta = { delayMs, latestMs: delayMs + config.aimSlackMs, reason: 'aim' };
  } else {
    // Far: the estimate will be better later and the task cannot be done much before it.
    byEta = {
      delayMs: remaining * config.approachFactor,
      latestMs: remaining * config.approachLatestFactor,
      reason: 'approaching',
    };
  }

  if (task.overdueMs > 0) {
    // Late against the estimate we had: the new estimate may be stuck near zero (progress at
    // 99 %), so do not let it pin us to the floor; space the looks out as the delay grows.
    const lateMs = Math.min(config.overdueCapMs, Math.max(config.floorMs, task.overdueMs * config.overdueFactor));
    if (lateMs >= byEta.delayMs) return { delayMs: lateMs, latestMs: lateMs, reason: 'overdue' };
  }
  return byEta;
}

/**
 * The list cadence. One request refreshes every task, so the poll goes out at the latest moment
 * no task has to wait past (the smallest `latestMs`), moved back to the last task's wish before
 * it: a task that can wait rides along with a look another task needs anyway, instead of
 * costing a request of its own. With one task this is simply its own wish. Nothing active
 * gives `delayMs: null`. `failureRate`: see taskCadence.
 */
export function pollCadence(tasks: readonly ActiveTask[], config: CadenceConfig, failureRate = 0): ListCadence {
  const cadences = tasks.map((task) => ({ id: task.id, ...taskCadence(task, config, failureRate) }));
  if (cadences.length === 0) return { delayMs: null, reason: 'idle', taskId: null };
  const deadline = Math.min(...cadences.map((cadence) => cadence.latestMs));
  let best: ListCadence = { delayMs: null, reason: 'idle', taskId: null };
  for (const cadence of cadences) {
    if (cadence.delayMs <= deadline && (best.delayMs === null || cadence.delayMs > best.delayMs)) {
      best = { delayMs: cadence.delayMs, reason: cadence.reason, taskId: cadence.id };
    }
  }
  return best;
}

/**
 * The tasks as they stand `elapsedMs` after they were observed: less time left, watched for
 * longer, and late once the estimated end has passed. Lets the scheduler recompute the cadence
 * at any moment (page shown again, a failure) without a new observation.
 */
export function ageTasks(tasks: readonly ActiveTask[], elapsedMs: number): ActiveTask[] {
  if (elapsedMs <= 0) return [...tasks];
  return tasks.map((task) => {
    const remaining = task.remainingMs;
    let overdueMs = task.overdueMs;
    if (overdueMs > 0) overdueMs += elapsedMs;
    else if (remaining !== null && elapsedMs > remaining) overdueMs = elapsedMs - remaining;
    return {
      ...task,
      remainingMs: remaining === null ? null : Math.max(0, remaining - elapsedMs),
      observedForMs: task.observedForMs + elapsedMs,
      overdueMs,
    };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The share of the most recently finished tasks (at most `sample`, newest first) that failed —
 * succeeded and failed count, canceled ones do not. 0 before any has finished.
 */
export function recentFailureRate(tasksNewestFirst: Iterable<{ status: string }>, sample = 30): number {
  let finished = 0;
  let failed = 0;
  for (const task of tasksNewestFirst) {
    if (task.status !== 'succeeded' && task.status !== 'failed') continue;
    finished += 1;
    if (task.status === 'failed') failed += 1;
    if (finished >= sample) break;
  }
  return finished === 0 ? 0 : failed / finished;
}
