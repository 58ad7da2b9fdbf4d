import { describe, expect, it } from 'vitest';
import type { MockConfig } from '../../api/mockConfig';
import { changedFields, draftFrom, MOCK_FIELDS, parseDraft } from './mockConfigForm';

const CONFIG: MockConfig = {
  latencyMs: 150,
  latencyJitterMs: 100,
  faults: { http500: 0, http503: 0, http429: 0.2, network: 0, malformed: 0 },
  retryAfterSeconds: 5,
  taskFailureRate: 0.1,
  timeScale: 1,
  maxConcurrent: 3,
  rateLimitPerMinute: null,
  budget: 25,
  push: 'on',
  heartbeatSeconds: 15,
  clockSkewMs: 0,
};

const parsed = (draft: ReturnType<typeof draftFrom>) => {
  const result = parseDraft(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.values;
};

describe('the mock config form', () => {
  it('has an input for every field of the contract', () => {
    expect(MOCK_FIELDS.map((spec) => spec.name).sort()).toEqual(
      [
        'budget',
        'clockSkewMs',
        'heartbeatSeconds',
        'push',
        'faults.http429',
        'faults.http500',
        'faults.http503',
        'faults.malformed',
        'faults.network',
        'latencyJitterMs',
        'latencyMs',
        'maxConcurrent',
        'rateLimitPerMinute',
        'retryAfterSeconds',
        'taskFailureRate',
        'timeScale',
      ].sort(),
    );
  });

  it('round-trips a config without changes', () => {
    const draft = draftFrom(CONFIG);
    expect(draft.rateLimitPerMinute).toBe('');
    expect(draft['faults.http429']).toBe('0.2');
    expect(changedFields(CONFIG, parsed(draft))).toEqual({});
  });

  it('patches only the changed fields, faults member by member', () => {
    const draft = { ...draftFrom(CONFIG), latencyMs: '0', 'faults.http500': '0.5', rateLimitPerMinute: '60', budget: '' };
    expect(changedFields(CONFIG, parsed(draft))).toEqual({ latencyMs: 0, faults: { http500: 0.5 }, rateLimitPerMinute: 60, budget: null });
  });

  it('patches the push channel and the clock skew, behind as well as ahead', () => {
    const draft = { ...draftFrom(CONFIG), push: 'buffered', heartbeatSeconds: '2', clockSkewMs: '-600000' };
    expect(changedFields(CONFIG, parsed(draft))).toEqual({ push: 'buffered', heartbeatSeconds: 2, clockSkewMs: -600_000 });
    const bad = parseDraft({ ...draftFrom(CONFIG), clockSkewMs: '1e12', heartbeatSeconds: '0' });
    expect(bad.ok ? null : bad.problems).toEqual({
      clockSkewMs: { key: 'mock.invalidBetween', min: -604_800_000, max: 604_800_000 },
      heartbeatSeconds: { key: 'mock.invalidAtLeast', min: 0.1 },
    });
  });

  it('names the fields that are not valid', () => {
    const draft = { ...draftFrom(CONFIG), latencyMs: '-1', maxConcurrent: '2.5', timeScale: '', 'faults.network': '2' };
    const result = parseDraft(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual({
      latencyMs: { key: 'mock.invalidAtLeast', min: 0 },
      maxConcurrent: { key: 'mock.invalidWhole', min: 1 },
      timeScale: { key: 'mock.invalidAtLeast', min: 0.1 },
      'faults.network': { key: 'mock.invalidAtLeast', min: 0 },
    });
  });
});
