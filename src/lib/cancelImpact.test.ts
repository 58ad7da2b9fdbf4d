import { describe, expect, it } from 'vitest';
import { iso, makeTask, stagesAt, T0 } from '../../test/utils/taskFactory';
import { cancelImpact, cancelNeedsConfirmation } from './cancelImpact';

describe('cancelImpact', () => {
  it('says how far a running task got and about what it spent', () => {
    // preprocess done, inference half way: 10 + 35 of 100 weight.
    const task = makeTask({ status: 'running', stages: stagesAt(1, 0.5), startedAt: iso(T0), cost: { estimated: 2, actual: null, currency: 'USD' } });
    const impact = cancelImpact(task);
    expect(impact).toMatchObject({ losesWork: true, currency: 'USD' });
    expect(impact.progress).toBeCloseTo(0.45);
    expect(impact.spent).toBeCloseTo(0.9);
  });

  it('adds what earlier attempts cost and counts only this attempt’s stages', () => {
    // A retry resumed at inference (preprocess done in attempt 1, before this attempt started).
    const stages = stagesAt(1, 0.5).map((stage, i) => ({ ...stage, startedAt: i === 0 ? iso(T0) : i === 1 ? iso(T0 + 60_000) : null }));
    const task = makeTask({ status: 'running', attempt: 2, stages, startedAt: iso(T0 + 60_000), cost: { estimated: 2, actual: 0.3, currency: 'USD' } });
    expect(cancelImpact(task).spent).toBeCloseTo(0.3 + 2 * 0.35);
  });

  it('asks only when something is running', () => {
    const queued = makeTask({ status: 'queued', stages: stagesAt(0, 0, 'pending') });
    expect(cancelImpact(queued)).toMatchObject({ losesWork: false, spent: 0 });
    expect(cancelNeedsConfirmation([queued])).toBe(false);
    expect(cancelNeedsConfirmation([queued, makeTask({ status: 'running' })])).toBe(true);
  });
});
