/**
 * The outbox policy: every write the user means to make (a submit, a retry) becomes an intent with
 * one Idempotency-Key, created on the click and reused for every resend of that intent — a double
 * click, a network failure, a timeout, a reload. The outbox keeps intents until the server has
 * acknowledged them; this module decides, without any I/O, what to do with each answer.
 */
import type { ApiError } from '../api/errors';
import type { SubmitTaskBody } from '../api/schemas';
import { canonicalJson } from './canonicalJson';

export type IntentKind = 'submit' | 'retry';

export type OutboxState =
  /** waiting to be sent (or resent) at `nextAttemptAt` */
  | 'pending'
  /** acknowledged by the server: `taskId` is the task; kept a while to catch double submits */
  | 'done'
  /** the server refused it for good; the user decides (edit, dismiss) */
  | 'failed';

export interface OutboxProblem {
  status: number | null;
  code: string;
  title: string;
  detail: string;
  traceId: string | null;
  /** 422 idempotency_key_reused: the client sent one key for two bodies — a bug, not a user error */
  isBug: boolean;
}

export interface OutboxEntry {
  id: string;
  kind: IntentKind;
  idempotencyKey: string;
  /** canonical JSON of what the intent means: equal fingerprints are the same intent */
  fingerprint: string;
  /** the submit's body; null for a retry */
  body: SubmitTaskBody | null;
  /** the retried task, or the created one once acknowledged */
  taskId: string | null;
  /** the task's attempt a retry intent resumes */
  attempt: number | null;
  /** what the user sees: the title of the task */
  label: string;
  createdAt: number;
  state: OutboxState;
  /** sends so far */
  sends: number;
  nextAttemptAt: number;
  lastError: OutboxProblem | null;
  ackedAt: number | null;
}

export const OUTBOX_DEFAULTS = {
  /** the same form submitted again within this time after its acknowledgement is a double submit */
  duplicateWindowMs: 10_000,
  /** acknowledged entries are forgotten after this */
  keepDoneMs: 60_000,
  /** wait before asking again when the server says the first request is still in progress */
  inProgressWaitMs: 1_000,
} as const;

export type Intent =
  | { kind: 'submit'; body: SubmitTaskBody; label?: string }
  | { kind: 'retry'; taskId: string; attempt: number; label: string };

export function intentFingerprint(intent: Intent): string {
  return intent.kind === 'submit'
    ? canonicalJson({ kind: 'submit', body: intent.body })
    : canonicalJson({ kind: 'retry', taskId: intent.taskId, attempt: intent.attempt });
}

export type IntentPlan = { action: 'create'; entry: OutboxEntry } | { action: 'reuse'; entry: OutboxEntry };

/**
 * A click becomes an intent. A second click with the same meaning while the first is pending, or
 * shortly after it was acknowledged, is the same intent (same key, no second request). A retry of
 * the same attempt of the same task is always the same intent. `fresh` (run again, submit another)
 * forces a new intent. A failed entry is replaced: the user changed something and tries again.
 */
export function planIntent(
  entries: readonly OutboxEntry[],
  intent: Intent,
  options: { now: number; newKey: () => string; fresh?: boolean; duplicateWindowMs?: number },
): IntentPlan {
  const fingerprint = intentFingerprint(intent);
  const window = options.duplicateWindowMs ?? OUTBOX_DEFAULTS.duplicateWindowMs;
  if (!options.fresh) {
    const same = entries.find(
      (entry) =>
        entry.fingerprint === fingerprint &&
        (entry.state === 'pending' ||
          (entry.state === 'done' && (intent.kind === 'retry' || options.now - (entry.ackedAt ?? 0) <= window))),
    );
    if (same) return { action: 'reuse', entry: same };
  }
  const key = options.newKey();
  return {
    action: 'create',
    entry: {
      id: key,
      kind: intent.kind,
      idempotencyKey: key,
      fingerprint,
      body: intent.kind === 'submit' ? intent.body : null,
      taskId: intent.kind === 'retry' ? intent.taskId : null,
      attempt: intent.kind === 'retry' ? intent.attempt : null,
      label: intent.kind === 'submit' ? (intent.label ?? intent.body.title) : intent.label,
      createdAt: options.now,
      state: 'pending',
      sends: 0,
      nextAttemptAt: options.now,
      lastError: null,
      ackedAt: null,
    },
  };
}

export type SendOutcome = { ok: true; taskId: string; replayed: boolean } | { ok: false; error: ApiError };

/**
 * The entry after one send. `retryDelay(sends)` is the backoff for retryable failures (the sync
 * engine's full-jitter backoff); a Retry-After from the server always wins when it is longer.
 */
export function afterSend(
  entry: OutboxEntry,
  outcome: SendOutcome,
  now: number,
  retryDelay: (sends: number) => number,
): OutboxEntry {
  if (outcome.ok) {
    return { ...entry, state: 'done', taskId: outcome.taskId, ackedAt: now, lastError: null };
  }
  const { error } = outcome;
  const notSent = error.code === 'cooling_down';
  const sends = notSent ? entry.sends : entry.sends + 1;
  const problem = toProblem(error);

  if (error.status === 409 && error.code === 'request_in_progress') {
    // The first send is still being processed: ask again with the same key shortly.
    const wait = Math.max(error.retryAfterMs ?? 0, OUTBOX_DEFAULTS.inProgressWaitMs);
    return { ...entry, sends, state: 'pending', nextAttemptAt: now + wait, lastError: problem };
  }
  if (error.retryable) {
    const wait = Math.max(error.retryAfterMs ?? 0, notSent ? 0 : retryDelay(sends));
    return { ...entry, sends, state: 'pending', nextAttemptAt: now + wait, lastError: problem };
  }
  return { ...entry, sends, state: 'failed', lastError: problem };
}

/** Entries to send now, oldest first. */
export function dueEntries(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return entries
    .filter((entry) => entry.state === 'pending' && entry.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** When the next pending entry becomes due, or null when none is pending. */
export function nextDueAt(entries: readonly OutboxEntry[]): number | null {
  let next: number | null = null;
  for (const entry of entries) {
    if (entry.state !== 'pending') continue;
    if (next === null || entry.nextAttemptAt < next) next = entry.nextAttemptAt;
  }
  return next;
}

/** Forgets acknowledged entries older than the double-submit window allows. */
export function pruneDone(entries: readonly OutboxEntry[], now: number, keepMs: number = OUTBOX_DEFAULTS.keepDoneMs) {
  const kept = entries.filter((entry) => entry.state !== 'done' || now - (entry.ackedAt ?? now) < keepMs);
  return kept.length === entries.length ? entries : kept;
}

function toProblem(error: ApiError): OutboxProblem {
  return {
    status: error.status,
    code: error.code,
    title: error.title,
    detail: error.detail,
    traceId: error.traceId,
    isBug: error.status === 422 && error.code === 'idempotency_key_reused',
  };
}
