/**
 * When the app retries a failed task by itself. A task that failed with a retryable error, on an
 * attempt below the cap, and not long ago, is retried after a short backoff that every tab
 * computes alike (its jitter is derived from the task id and attempt, not from Math.random), so
 * every open tab shows the same countdown. The backoff starts when the failure reached the client
 * (tabs get it from the leader within moments), so the user sees the countdown and "Retry now".
 * Everything else waits for the user's one-click Retry.
 *
 * The failure time is the server's (`finishedAt`) and is put on the client's clock through the
 * server-clock offset before it meets `now`: a server 2 minutes ahead would otherwise push the
 * countdown 2 minutes out, and one 10 minutes behind would make every failure look too old to retry.
 */
import type { Task } from '../api/schemas';
import type { ServerTimeline } from './serverClock';
import { receivedAt } from './taskMirror';

export const AUTO_RETRY_DEFAULTS = {
  /** attempts the app makes by itself; after that the user decides */
  maxAttempts: 3,
  baseMs: 3_000,
  factor: 1.6,
  capMs: 20_000,
  /** failures older than this when first seen are left to the user (e.g. the app was closed) */
  freshForMs: 10 * 60_000,
} as const;

export type AutoRetryConfig = typeof AUTO_RETRY_DEFAULTS;

export type RetryPlan =
  | { kind: 'auto'; at: number }
  | { kind: 'manual'; reason: 'not-retryable' | 'attempts-exhausted' | 'stale' }
  | { kind: 'none' };

/** `now` is the client's clock; `timeline` translates the server's timestamps onto it. */
export function retryPlan(
  task: Task,
  now: number,
  timeline: ServerTimeline,
  config: AutoRetryConfig = AUTO_RETRY_DEFAULTS,
): RetryPlan {
  if (task.status !== 'failed') return { kind: 'none' };
  if (!task.error?.retryable) return { kind: 'manual', reason: 'not-retryable' };
  if (task.attempt >= config.maxAttempts) return { kind: 'manual', reason: 'attempts-exhausted' };
  const failedAt = timeline.toClient(Date.parse(task.finishedAt ?? task.updatedAt));
  if (!Number.isFinite(failedAt) || now - failedAt > config.freshForMs) return { kind: 'manual', reason: 'stale' };
  // The backoff counts from when this client learned of the failure: a poll often arrives after a
  // backoff counted from the server's failure time is over, and the countdown would never show.
  const seenAt = Math.max(failedAt, receivedAt(task, failedAt));
  return { kind: 'auto', at: seenAt + autoRetryDelay(task.id, task.attempt, config) };
}

/** Backoff before retrying `attempt`: base × factor^(attempt-1), capped, with 50–100 % jitter. */
export function autoRetryDelay(taskId: string, attempt: number, config: AutoRetryConfig = AUTO_RETRY_DEFAULTS): number {
  const ceiling = Math.min(config.capMs, config.baseMs * config.factor ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * hashToUnit(`${taskId}#${attempt}`)));
}

/** A stable number in [0, 1) from a string (FNV-1a), the same in every tab. */
export function hashToUnit(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
