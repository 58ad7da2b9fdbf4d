import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { afterSend, dueEntries, intentFingerprint, nextDueAt, planIntent, pruneDone, type OutboxEntry } from './outbox';

const body = { type: 'image', title: 'Poster', params: { prompt: 'sea', count: 2 }, priority: 'high' as const };
let keys = 0;
const newKey = () => `key-${++keys}`;
const noDelay = () => 0;

function create(now = 0): OutboxEntry {
  const plan = planIntent([], { kind: 'submit', body }, { now, newKey });
  return plan.entry;
}

describe('planIntent', () => {
  it('creates an intent with a fresh key on the first click', () => {
    const plan = planIntent([], { kind: 'submit', body }, { now: 5, newKey });
    expect(plan.action).toBe('create');
    expect(plan.entry).toMatchObject({ state: 'pending', sends: 0, nextAttemptAt: 5, label: 'Poster' });
    expect(plan.entry.idempotencyKey).toMatch(/^key-/);
  });

  it('reuses the pending intent for a double submit of the same form, whatever the key order', () => {
    const first = create();
    const reordered = { priority: 'high' as const, params: { count: 2, prompt: 'sea' }, title: 'Poster', type: 'image' };
    const plan = planIntent([first], { kind: 'submit', body: reordered }, { now: 10, newKey });
    expect(plan).toEqual({ action: 'reuse', entry: first });
  });

  it('reuses an acknowledged submit only within the double-submit window', () => {
    const done: OutboxEntry = { ...create(), state: 'done', ackedAt: 1_000, taskId: 't1' };
    expect(planIntent([done], { kind: 'submit', body }, { now: 5_000, newKey }).action).toBe('reuse');
    expect(planIntent([done], { kind: 'submit', body }, { now: 20_000, newKey }).action).toBe('create');
  });

  it('treats a changed form, a fresh request and a failed entry as new intents', () => {
    const first = create();
    const other = { ...body, params: { ...body.params, count: 3 } };
    expect(planIntent([first], { kind: 'submit', body: other }, { now: 1, newKey }).action).toBe('create');
    expect(planIntent([first], { kind: 'submit', body }, { now: 1, newKey, fresh: true }).action).toBe('create');
    const failed: OutboxEntry = { ...first, state: 'failed' };
    expect(planIntent([failed], { kind: 'submit', body }, { now: 1, newKey }).action).toBe('create');
  });

  it('makes the retry of one attempt of one task a single intent', () => {
    const intent = { kind: 'retry' as const, taskId: 't1', attempt: 2, label: 'Poster' };
    const first = planIntent([], intent, { now: 0, newKey }).entry;
    const acked: OutboxEntry = { ...first, state: 'done', ackedAt: 0 };
    expect(planIntent([acked], intent, { now: 3_600_000, newKey })).toEqual({ action: 'reuse', entry: acked });
    expect(planIntent([acked], { ...intent, attempt: 3 }, { now: 0, newKey }).action).toBe('create');
    expect(intentFingerprint(intent)).not.toBe(intentFingerprint({ kind: 'submit', body }));
  });
});

describe('afterSend', () => {
  it('marks an acknowledged intent done with its task', () => {
    const next = afterSend(create(), { ok: true, taskId: 't9', replayed: true }, 100, noDelay);
    expect(next).toMatchObject({ state: 'done', taskId: 't9', ackedAt: 100 });
  });

  it('keeps the key and waits on 409 request_in_progress', () => {
    const error = new ApiError({ kind: 'http', status: 409, code: 'request_in_progress' });
    const entry = create();
    const next = afterSend(entry, { ok: false, error }, 100, noDelay);
    expect(next).toMatchObject({ state: 'pending', nextAttemptAt: 1_100, idempotencyKey: entry.idempotencyKey });
  });

  it('backs off on retryable failures and honours a longer Retry-After', () => {
    const network = new ApiError({ kind: 'network' });
    expect(afterSend(create(), { ok: false, error: network }, 0, (n) => n * 500)).toMatchObject({
      state: 'pending',
      sends: 1,
      nextAttemptAt: 500,
    });
    const limited = new ApiError({ kind: 'http', status: 429, retryAfterMs: 30_000 });
    expect(afterSend(create(), { ok: false, error: limited }, 0, () => 800).nextAttemptAt).toBe(30_000);
  });

  it('does not count a request the cool-down held back as a send', () => {
    const held = new ApiError({ kind: 'http', status: 429, code: 'cooling_down', retryAfterMs: 4_000 });
    expect(afterSend(create(), { ok: false, error: held }, 0, () => 999)).toMatchObject({ sends: 0, nextAttemptAt: 4_000 });
  });

  it('fails for good on final errors, flagging a reused key as a bug', () => {
    const reused = new ApiError({ kind: 'http', status: 422, code: 'idempotency_key_reused', detail: 'x' });
    expect(afterSend(create(), { ok: false, error: reused }, 0, noDelay)).toMatchObject({
      state: 'failed',
      lastError: { status: 422, isBug: true },
    });
    const budget = new ApiError({ kind: 'http', status: 402, code: 'budget_exceeded', detail: '$0.10 left' });
    expect(afterSend(create(), { ok: false, error: budget }, 0, noDelay)).toMatchObject({
      state: 'failed',
      lastError: { code: 'budget_exceeded', detail: '$0.10 left', isBug: false },
    });
  });
});

describe('dueEntries, nextDueAt, pruneDone', () => {
  it('selects pending entries that are due, oldest first', () => {
    const a = { ...create(0), id: 'a', nextAttemptAt: 50 };
    const b = { ...create(1), id: 'b', nextAttemptAt: 10 };
    const c = { ...create(2), id: 'c', state: 'failed' as const };
    expect(dueEntries([b, a, c], 60).map((e) => e.id)).toEqual(['a', 'b']);
    expect(dueEntries([b, a, c], 20).map((e) => e.id)).toEqual(['b']);
    expect(nextDueAt([a, b, c])).toBe(10);
    expect(nextDueAt([c])).toBeNull();
  });

  it('forgets acknowledged entries after a while and keeps the rest', () => {
    const done = { ...create(), state: 'done' as const, ackedAt: 0 };
    const pending = create();
    expect(pruneDone([done, pending], 120_000)).toEqual([pending]);
    const list = [pending];
    expect(pruneDone(list, 0)).toBe(list);
  });
});
