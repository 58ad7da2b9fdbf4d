import { describe, expect, it } from 'vitest';
import type { Stage, Task } from '../api/schemas';
import { durationHistory, estimateEta, etaMidpoint, percentile, sameHistory } from './historyEta';

const T0 = Date.parse('2026-11-22T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function stages(index: number, progress: number): Stage[] {
  return [10, 70, 15, 5].map((weight, i) => ({
    key: `s${i}`,
    label: `s${i}`,
    weight,
    status: i < index ? 'done' : i === index ? 'running' : 'pending',
    progress: i === index ? progress : 0,
    startedAt: null,
    finishedAt: null,
  }));
}

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    type: 'image',
    title: 'x',
    params: {},
    priority: 'medium',
    status: 'running',
    stages: stages(0, 0),
    progress: null,
    eta: null,
    queuePosition: null,
    attempt: 1,
    error: null,
    cost: { estimated: 1, actual: null, currency: 'USD' },
    createdAt: iso(T0),
    startedAt: iso(T0),
    updatedAt: iso(T0),
    finishedAt: null,
    version: 1,
    ...overrides,
  };
}

function finished(id: string, durationMs: number, overrides: Partial<Task> = {}): Task {
  return task({
    id,
    status: 'succeeded',
    startedAt: iso(T0 - 1_000_000 + Number(id.slice(1)) * 1000),
    finishedAt: iso(T0 - 1_000_000 + Number(id.slice(1)) * 1000 + durationMs),
    ...overrides,
  });
}

describe('durationHistory', () => {
  it('keeps first-attempt successes per type, oldest first, capped', () => {
    const history = durationHistory(
      [
        finished('f1', 30_000),
        finished('f2', 40_000),
        finished('f3', 50_000, { attempt: 2 }),
        finished('f4', 60_000, { status: 'failed' }),
        finished('f5', 120_000, { type: 'analysis' }),
        finished('f6', 20_000),
      ],
      2,
    );
    // f6 finished first (at +26 s), so the two most recent are f1 (+31 s) and f2 (+42 s).
    expect(history).toEqual({ image: [30_000, 40_000], analysis: [120_000] });
  });
});

describe('sameHistory', () => {
  it('tells equal durations apart from changed ones', () => {
    expect(sameHistory({ image: [1, 2] }, { image: [1, 2] })).toBe(true);
    expect(sameHistory({ image: [1, 2] }, { image: [1, 3] })).toBe(false);
    expect(sameHistory({ image: [1, 2] }, { image: [1, 2], video: [5] })).toBe(false);
    expect(sameHistory({}, {})).toBe(true);
  });
});

describe('percentile', () => {
  it('interpolates', () => {
    expect(percentile([10, 20, 30, 40, 50], 0.75)).toBe(40);
    expect(percentile([10, 20], 0.75)).toBe(17.5);
  });
});

describe('estimateEta', () => {
  const history = { image: [20_000, 30_000, 40_000, 50_000] };
  const context = { history, now: T0, measuredAt: T0, maxConcurrent: 2 };

  it("uses the server's value and counts it down from when it was measured", () => {
    const eta = estimateEta(task({ eta: { remainingMs: 10_000, source: 'server' } }), {
      ...context,
      now: T0 + 4_000,
    });
    expect(eta).toEqual({ source: 'server', remainingMs: 6_000 });
  });

  it('says nothing without enough history', () => {
    expect(estimateEta(task(), { ...context, history: { image: [1, 2] } })).toBeNull();
    expect(estimateEta(task({ type: 'video' }), context)).toBeNull();
  });

  it('gives mean..p75 scaled by the remaining weight before any progress', () => {
    const eta = estimateEta(task(), context);
    expect(eta).toMatchObject({ source: 'history', lowMs: 35_000, highMs: 42_500, calibrated: false });
  });

  it("scales by the remaining weight and calibrates with the pace it had when measured (server's clock)", () => {
    // Half-way through inference, measured 20 s after the start: 45 % done; own pace says 44.4 s in total.
    const running = task({ stages: stages(1, 0.5), updatedAt: iso(T0 + 20_000) });
    const eta = estimateEta(running, { ...context, now: T0 + 20_000, measuredAt: T0 + 20_000 });
    expect(eta?.source).toBe('history');
    if (eta?.source !== 'history') return;
    const own = 20_000 / 0.45;
    expect(eta.lowMs).toBeCloseTo((0.55 * 35_000 + 0.45 * own) * 0.55, 0);
    expect(eta.highMs).toBeCloseTo((0.55 * 42_500 + 0.45 * own) * 0.55, 0);
    expect(eta.calibrated).toBe(true);
  });

  it('calibrates the same whatever the client clock says: the pace comes from server timestamps only', () => {
    const running = task({ stages: stages(1, 0.5), updatedAt: iso(T0 + 20_000) });
    const onTime = estimateEta(running, { ...context, now: T0 + 20_000, measuredAt: T0 + 20_000 });
    // A client clock 2 minutes behind the server: the same task measured at "T0 - 100 s".
    const skewed = estimateEta(running, { ...context, now: T0 - 100_000, measuredAt: T0 - 100_000 });
    expect(skewed).toEqual(onTime);
  });

  it('counts a history-based ETA down between updates instead of letting it rise (the "~1m 3s" → "~1m 30s" bug)', () => {
    // Measured 20 s in at 45 %; then no update for 40 s. Before, the growing elapsed time made the
    // calibrated total — and the ETA — rise every second.
    const running = task({ stages: stages(1, 0.5), updatedAt: iso(T0 + 20_000) });
    let previous = Number.POSITIVE_INFINITY;
    const first = estimateEta(running, { ...context, now: T0 + 20_000, measuredAt: T0 + 20_000 });
    for (let now = T0 + 20_000; now <= T0 + 60_000; now += 1_000) {
      const eta = estimateEta(running, { ...context, now, measuredAt: T0 + 20_000 });
      if (eta?.source !== 'history' || first?.source !== 'history') throw new Error('expected a history ETA');
      expect(eta.highMs).toBeLessThanOrEqual(previous);
      expect(eta.highMs).toBeCloseTo(Math.max(0, first.highMs - (now - T0 - 20_000)), 6);
      previous = eta.highMs;
    }
    expect(previous).toBe(0);
  });

  it('adds the queue wait from position and concurrency for queued tasks', () => {
    const queued = task({ status: 'queued', startedAt: null, queuePosition: 4 });
    const eta = estimateEta(queued, context);
    expect(eta).toMatchObject({ source: 'history', waitMs: 70_000, lowMs: 105_000, highMs: 112_500 });
  });

  it("counts a queued task's wait down (\"starts in ~54s\" does not stay frozen) and takes the corrected position", () => {
    const queued = task({ status: 'queued', startedAt: null, queuePosition: 4 });
    expect(estimateEta(queued, { ...context, now: T0 + 30_000 })).toMatchObject({ waitMs: 40_000, lowMs: 75_000 });
    expect(estimateEta(queued, { ...context, now: T0 + 90_000 })).toMatchObject({ waitMs: 0 });
    expect(estimateEta(queued, { ...context, queuePosition: 6 })).toMatchObject({ waitMs: 105_000 });
  });

  it('has no ETA for finished tasks', () => {
    expect(estimateEta(finished('f1', 1000), context)).toBeNull();
  });

  it('midpoint of a range', () => {
    expect(etaMidpoint({ source: 'history', lowMs: 10, highMs: 20, waitMs: null, calibrated: false })).toBe(15);
  });
});
