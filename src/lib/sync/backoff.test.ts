import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { mulberry32 } from '../random';
import { backoffCeiling, backoffDelay, countFailure, emptyFailureCounts, retryLimit, RetryBudget } from './backoff';
import { DEFAULT_SYNC_CONFIG } from './config';

const config = { ...DEFAULT_SYNC_CONFIG, backoffBaseMs: 1_000, backoffFactor: 1.6, backoffCapMs: 20_000 };
const caps = { networkRetries: 5, serverRetries: 3, throttledRetries: 5 };

describe('backoff', () => {
  it('grows the window by 1.6 per retry from 1 s, up to 20 s', () => {
    const ceilings = Array.from({ length: 9 }, (_, retry) => Math.round(backoffCeiling(retry, config)));
    expect(ceilings).toEqual([1_000, 1_600, 2_560, 4_096, 6_554, 10_486, 16_777, 20_000, 20_000]);
  });

  it('draws each wait uniformly from the whole window (full jitter)', () => {
    const random = mulberry32(1);
    for (const retry of [0, 3, 10]) {
      const ceiling = backoffCeiling(retry, config);
      const waits = Array.from({ length: 2_000 }, () => backoffDelay(retry, random, config));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...waits)).toBeLessThan(ceiling);
      // Full jitter reaches down near zero and averages half the window.
      expect(Math.min(...waits)).toBeLessThan(ceiling * 0.02);
      const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
      expect(mean / ceiling).toBeGreaterThan(0.45);
      expect(mean / ceiling).toBeLessThan(0.55);
    }
  });

  it('scales the draw, it does not add to it', () => {
    expect(backoffDelay(2, () => 0.5, config)).toBeCloseTo(1_280);
  });
});

describe('tiered caps', () => {
  const network = new ApiError({ kind: 'network' });
  const timeout = new ApiError({ kind: 'timeout' });
  const server = new ApiError({ kind: 'http', status: 502 });
  const throttled = new ApiError({ kind: 'http', status: 429 });
  const final = new ApiError({ kind: 'http', status: 404 });

  it('gives network errors 5 retries, 5xx 3, throttling 5 and final errors none', () => {
    expect(retryLimit('network', caps)).toBe(5);
    expect(retryLimit('server', caps)).toBe(3);
    expect(retryLimit('throttled', caps)).toBe(5);
    expect(retryLimit('final', caps)).toBe(0);
  });

  it('allows retries up to the cap of the tier and refuses the next', () => {
    const run = (error: ApiError, failures: number) => {
      let counts = emptyFailureCounts();
      const verdicts: boolean[] = [];
      for (let i = 0; i < failures; i++) {
        const counted = countFailure(counts, error, caps);
        counts = counted.counts;
        verdicts.push(counted.retry);
      }
      return verdicts;
    };
    expect(run(network, 6)).toEqual([true, true, true, true, true, false]);
    expect(run(timeout, 6).at(-1)).toBe(false);
    expect(run(server, 4)).toEqual([true, true, true, false]);
    expect(run(final, 1)).toEqual([false]);
  });

  it('counts each tier on its own', () => {
    let counts = emptyFailureCounts();
    for (const error of [server, server, network, network, throttled]) counts = countFailure(counts, error, caps).counts;
    expect(counts).toEqual({ network: 2, server: 2, throttled: 1 });
    expect(countFailure(counts, server, caps).retry).toBe(true);
  });
});

describe('RetryBudget', () => {
  it('spends one token per retry and refuses when empty', () => {
    const budget = new RetryBudget(3, 0.5);
    expect([budget.trySpend(), budget.trySpend(), budget.trySpend(), budget.trySpend()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('earns part of a token back per success, never above capacity', () => {
    const budget = new RetryBudget(2, 0.5);
    budget.trySpend();
    budget.trySpend();
    budget.onSuccess();
    expect(budget.trySpend()).toBe(false);
    budget.onSuccess();
    expect(budget.trySpend()).toBe(true);
    for (let i = 0; i < 10; i++) budget.onSuccess();
    expect(budget.available).toBe(2);
  });
});
