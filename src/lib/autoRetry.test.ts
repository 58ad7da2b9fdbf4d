import { describe, expect, it } from 'vitest';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { fixedTimeline } from './serverClock';
import { applyDelta, emptyMirror } from './taskMirror';
import { AUTO_RETRY_DEFAULTS, autoRetryDelay, hashToUnit, retryPlan } from './autoRetry';

const SAME = fixedTimeline(0);

const failed = (overrides = {}) =>
  makeTask({
    id: 'job-1',
    status: 'failed',
    stages: stagesAt(1, 0.4, 'failed'),
    finishedAt: iso(T0),
    error: { code: 'gpu_oom', message: 'CUDA out of memory', retryable: true, stage: 'inference', traceId: 'tr-1' },
    ...overrides,
  });

describe('retryPlan', () => {
  it('schedules a fresh retryable failure after its backoff', () => {
    const plan = retryPlan(failed(), T0 + 500, SAME);
    expect(plan).toEqual({ kind: 'auto', at: T0 + autoRetryDelay('job-1', 1) });
  });

  it('counts the backoff from when the failure reached the client, not from the failure itself', () => {
    // The poll that brought the failure came 8 s after it: a backoff from T0 would be over already.
    const seen = applyDelta(emptyMirror(), { items: [failed()], cursor: 'c' }, T0 + 8_000).byId.get('job-1')!;
    expect(retryPlan(seen, T0 + 8_000, SAME)).toEqual({ kind: 'auto', at: T0 + 8_000 + autoRetryDelay('job-1', 1) });
  });

  it('leaves final errors, exhausted attempts and old failures to the user', () => {
    const final = failed({ error: { code: 'content_policy', message: 'no', retryable: false, stage: null, traceId: null } });
    expect(retryPlan(final, T0, SAME)).toEqual({ kind: 'manual', reason: 'not-retryable' });
    expect(retryPlan(failed({ attempt: AUTO_RETRY_DEFAULTS.maxAttempts }), T0, SAME)).toEqual({
      kind: 'manual',
      reason: 'attempts-exhausted',
    });
    expect(retryPlan(failed(), T0 + AUTO_RETRY_DEFAULTS.freshForMs + 1, SAME)).toEqual({ kind: 'manual', reason: 'stale' });
  });

  it("puts the server's failure time on the client's clock: a server 2 min ahead still retries in seconds", () => {
    const ahead = fixedTimeline(120_000);
    // The server stamped the failure at its T0 + 2 min; it reached this client at its T0 + 1 s.
    const task = failed({ finishedAt: iso(T0 + 120_000), updatedAt: iso(T0 + 120_000) });
    const seen = applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, T0 + 1_000).byId.get('job-1')!;
    const plan = retryPlan(seen, T0 + 1_000, ahead);
    expect(plan).toEqual({ kind: 'auto', at: T0 + 1_000 + autoRetryDelay('job-1', 1) });
    // Without the offset the countdown would have read ~2 minutes.
    expect(retryPlan(seen, T0 + 1_000, SAME)).toEqual({ kind: 'auto', at: T0 + 120_000 + autoRetryDelay('job-1', 1) });
  });

  it('a server 10 min behind does not make a fresh failure look too old to retry', () => {
    const behind = fixedTimeline(-600_000);
    const task = failed({ finishedAt: iso(T0 - 600_000), updatedAt: iso(T0 - 600_000) });
    const seen = applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, T0 + 1_000).byId.get('job-1')!;
    expect(retryPlan(seen, T0 + 1_000, behind)).toEqual({ kind: 'auto', at: T0 + 1_000 + autoRetryDelay('job-1', 1) });
    expect(retryPlan(seen, T0 + 1_000, SAME)).toEqual({ kind: 'manual', reason: 'stale' });
  });

  it('has nothing to do for tasks that did not fail', () => {
    expect(retryPlan(makeTask({ status: 'running' }), T0, SAME)).toEqual({ kind: 'none' });
  });
});

describe('autoRetryDelay', () => {
  it('grows with the attempt, stays within 50–100 % of the ceiling and the cap', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = Math.min(20_000, 3_000 * 1.6 ** (attempt - 1));
      for (const id of ['a', 'b', 'c', 'd']) {
        const delay = autoRetryDelay(id, attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling * 0.5 - 1);
        expect(delay).toBeLessThanOrEqual(ceiling + 1);
      }
    }
  });

  it('is the same for the same task and attempt (every tab agrees)', () => {
    expect(autoRetryDelay('job-7', 2)).toBe(autoRetryDelay('job-7', 2));
    expect(hashToUnit('x')).toBe(hashToUnit('x'));
    expect(hashToUnit('x')).not.toBe(hashToUnit('y'));
  });
});
