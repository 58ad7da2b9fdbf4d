import { describe, expect, it } from 'vitest';
import { DEFAULT_ETA_CONFIG, EtaTracker, estimateRemaining, type TaskObservation } from './paceEta';

const config = { ...DEFAULT_ETA_CONFIG, minProgress: 0.05, maxBoundGrowth: 20, minSpanMs: 1_000, halfLifeShare: 0.5 };

describe('estimateRemaining', () => {
  it("takes the server's own estimate when it sends one", () => {
    const estimate = estimateRemaining(
      { samples: [{ at: 10_000, progress: 0.5 }], startedAt: 0, serverRemainingMs: 42_000, now: 10_000 },
      config,
    );
    expect(estimate).toEqual({ remainingMs: 42_000, basis: 'server' });
  });

  it('measures the pace from startedAt, so one look at a running task is enough', () => {
    // 20 % after 10 s: 40 s to go.
    const estimate = estimateRemaining(
      { samples: [{ at: 10_000, progress: 0.2 }], startedAt: 0, serverRemainingMs: null, now: 10_000 },
      config,
    );
    expect(estimate).toEqual({ remainingMs: 40_000, basis: 'pace' });
  });

  it('counts the time since the last sample against the estimate', () => {
    const estimate = estimateRemaining(
      { samples: [{ at: 10_000, progress: 0.2 }], startedAt: 0, serverRemainingMs: null, now: 15_000 },
      config,
    );
    expect(estimate?.remainingMs).toBe(35_000);
  });

  it('without startedAt, needs two samples', () => {
    const one = { samples: [{ at: 10_000, progress: 0.2 }], startedAt: null, serverRemainingMs: null, now: 10_000 };
    expect(estimateRemaining(one, config)).toBeNull();
    const two = { ...one, samples: [{ at: 0, progress: 0.1 }, { at: 10_000, progress: 0.2 }] };
    expect(estimateRemaining(two, config)).toEqual({ remainingMs: 80_000, basis: 'pace' });
  });

  it('has nothing to say before any progress', () => {
    const input = { samples: [{ at: 5_000, progress: 0 }], startedAt: 0, serverRemainingMs: null, now: 5_000 };
    expect(estimateRemaining(input, config)).toBeNull();
  });

  it('from too little progress, gives a lower bound instead of a pace', () => {
    // 1 % after 2 s: below 5 % per 2 s, so at least 0.99 × 2 s / 0.05 ≈ 39.6 s remain.
    const input = { samples: [{ at: 2_000, progress: 0.01 }], startedAt: 0, serverRemainingMs: null, now: 2_000 };
    const estimate = estimateRemaining(input, config);
    expect(estimate?.basis).toBe('at-least');
    expect(estimate?.remainingMs).toBeCloseTo(39_600);
    // …capped: a slow start says little about the rest.
    expect(estimateRemaining(input, { ...config, maxBoundGrowth: 5 })?.remainingMs).toBe(10_000);
  });

  it('weighs the recent pace more than the old one', () => {
    // 10 % per 10 s for 50 s, then 20 % per 10 s: the overall pace would say 62.5 s to go,
    // the recent pace 15 s. The estimate leans to the recent one.
    const samples = [
      { at: 50_000, progress: 0.5 },
      { at: 60_000, progress: 0.7 },
    ];
    const estimate = estimateRemaining({ samples, startedAt: 0, serverRemainingMs: null, now: 60_000 }, config);
    expect(estimate?.remainingMs).toBeLessThan(25_000);
    expect(estimate?.remainingMs).toBeGreaterThan(15_000);
  });

  it('does not let progress that wobbles back make the pace negative', () => {
    const samples = [
      { at: 10_000, progress: 0.3 },
      { at: 20_000, progress: 0.29 },
    ];
    const estimate = estimateRemaining({ samples, startedAt: 0, serverRemainingMs: null, now: 20_000 }, config);
    expect(estimate?.remainingMs).toBeGreaterThan(0);
  });
});

describe('EtaTracker', () => {
  const running = (progress: number, extra: Partial<TaskObservation> = {}): TaskObservation => ({
    id: 'a',
    status: 'running',
    progress,
    startedAt: 0,
    serverRemainingMs: null,
    ...extra,
  });

  it('turns observations into the active tasks the scheduler wants', () => {
    const tracker = new EtaTracker(config);
    const first = tracker.update([running(0.1), { ...running(0), id: 'q', status: 'queued', startedAt: null }], 5_000);
    expect(first).toEqual([
      { id: 'a', status: 'running', remainingMs: 45_000, observedForMs: 0, overdueMs: 0 },
      { id: 'q', status: 'queued', remainingMs: null, observedForMs: 0, overdueMs: 0 },
    ]);
    const later = tracker.update([running(0.3)], 15_000);
    expect(later).toEqual([{ id: 'a', status: 'running', remainingMs: 35_000, observedForMs: 10_000, overdueMs: 0 }]);
  });

  it('forgets finished tasks', () => {
    const tracker = new EtaTracker(config);
    tracker.update([running(0.5)], 10_000);
    expect(tracker.observe(running(1, { status: 'succeeded' }), 20_000)).toBeNull();
    expect(tracker.active(20_000)).toEqual([]);
  });

  it('notices a task running past the end it was expected at', () => {
    const tracker = new EtaTracker(config);
    tracker.observe(running(0.5), 10_000); // expected at 20 s
    const late = tracker.observe(running(0.95, { progressAt: 23_000 }), 23_000);
    expect(late?.overdueMs).toBe(3_000);
    // Between looks, the lateness keeps growing.
    expect(tracker.active(25_000)[0]?.overdueMs).toBe(5_000);
  });

  it('is not late when a look lands before the expected end', () => {
    const tracker = new EtaTracker(config);
    tracker.observe(running(0.5), 10_000);
    expect(tracker.observe(running(0.7), 14_000)?.overdueMs).toBe(0);
  });

  it("dates a sample by the server's updatedAt, not by when the answer arrived", () => {
    const tracker = new EtaTracker(config);
    // Measured at 2 s, seen at 3 s: the pace is 10 % per 2 s, not per 3 s.
    const task = tracker.observe(running(0.1, { progressAt: 2_000 }), 3_000);
    expect(task?.remainingMs).toBe(17_000);
  });

  it('counts the same measurement seen twice once', () => {
    const tracker = new EtaTracker({ ...config, halfLifeShare: 0.1 });
    tracker.observe(running(0.2, { progressAt: 10_000 }), 10_000);
    tracker.observe(running(0.6, { progressAt: 20_000 }), 20_000);
    const again = tracker.observe(running(0.6, { progressAt: 20_000 }), 25_000);
    const fresh = new EtaTracker({ ...config, halfLifeShare: 0.1 });
    fresh.observe(running(0.2, { progressAt: 10_000 }), 10_000);
    fresh.observe(running(0.6, { progressAt: 20_000 }), 20_000);
    expect(again?.remainingMs).toBe(fresh.active(25_000)[0]?.remainingMs);
  });

  it('gives the UI the estimate and its basis', () => {
    const tracker = new EtaTracker(config);
    tracker.observe(running(0.4, { serverRemainingMs: 30_000 }), 10_000);
    expect(tracker.estimate('a', 12_000)).toEqual({ remainingMs: 28_000, basis: 'server' });
    expect(tracker.estimate('unknown', 12_000)).toBeNull();
  });
});
