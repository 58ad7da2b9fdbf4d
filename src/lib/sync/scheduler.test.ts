/** PollScheduler: cadence, hidden page, offline, coalescing and the state for the UI. Errors: scheduler.errors.test.ts. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred, makeHarness, ok, networkDown, runningTask, START } from './scheduler.testSupport';
import type { PollOutcome } from './scheduler';

afterEach(() => {
  vi.useRealTimers();
});

describe('cadence', () => {
  it('fetches at start, then only a slow heartbeat while nothing is active', async () => {
    const h = makeHarness();
    h.scheduler.start();
    await h.advance(0);
    expect(h.calls).toEqual([{ reason: 'start', at: START }]);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'idle', nextPollAt: START + 60_000 });
    await h.advance(59_999);
    expect(h.calls).toHaveLength(1);
    await h.advance(1);
    expect(h.calls.map((call) => call.reason)).toEqual(['start', 'heartbeat']);
  });

  it('sends nothing at all while nothing is active when the heartbeat is off', async () => {
    const h = makeHarness({ config: { idleHeartbeatMs: 0, pollOnStart: false } });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(0);
    expect(h.scheduler.getState().nextPollAt).toBeNull();
  });

  it('gives a newly submitted task its first look soon (quick start)', async () => {
    const h = makeHarness({ config: { pollOnStart: false } });
    h.scheduler.start();
    await h.advance(30_000);
    h.scheduler.setActive([runningTask('new', null, { status: 'queued', observedForMs: 0 })]);
    await h.advance(4_000);
    expect(h.times()).toEqual([34_000]);
  });

  it('waits long while the end is far and tightens as it nears', async () => {
    const answers = [100_000, 24_000, 6_000].map((remaining) => ok([runningTask('a', remaining)]));
    const h = makeHarness({ respond: (_reason, call) => answers[call - 1] ?? ok([]) });
    h.scheduler.start();
    await h.advance(5 * 60_000);
    // 0.75 × 100 s, 0.75 × 24 s, then aimed 1 s past the end.
    expect(h.gaps().slice(0, 3)).toEqual([75_000, 18_000, 7_000]);
  });

  it('follows the most urgent task of the list', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('long', 600_000), runningTask('soon', 5_000)]) });
    h.scheduler.start();
    await h.advance(6_000);
    expect(h.times()).toEqual([0, 6_000]);
  });

  it('re-plans at once when the list changes outside a poll', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 100_000)]) });
    h.scheduler.start();
    await h.advance(10_000);
    // Submitted from another tab: a task about to finish.
    h.scheduler.setActive([runningTask('a', 90_000), runningTask('b', 2_000)]);
    await h.advance(3_000);
    expect(h.times()).toEqual([0, 13_000]);
  });

  it('looks at running tasks more often while tasks often fail part-way', async () => {
    const h = makeHarness({ config: { failureCapMs: 12_000, failureRateThreshold: 0.1 }, respond: () => ok([runningTask('a', 400_000)]) });
    h.scheduler.start();
    await h.advance(1_000);
    expect(h.scheduler.getState().nextPollAt).toBe(START + 120_000);
    h.scheduler.setFailureRate(0.3);
    expect(h.scheduler.getState().nextPollAt).toBe(START + 13_000);
    await h.advance(40_000);
    expect(h.gaps()).toEqual([13_000, 12_000, 12_000]);
  });

  it('jitters a cadence wait within ± jitterRatio, capped at jitterMaxMs', async () => {
    const waits: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const h = makeHarness({
        config: { jitterRatio: 0.1, jitterMaxMs: 1_000 },
        random: () => ((seed * 0.37) % 1),
        respond: () => ok([runningTask('a', 40_000)]),
      });
      h.scheduler.start();
      await h.advance(0);
      waits.push((h.scheduler.getState().nextPollAt ?? 0) - START);
      h.scheduler.stop();
      vi.useRealTimers();
    }
    // 0.75 × 40 s = 30 s; 10 % would be 3 s, the cap keeps it to ±1 s.
    for (const wait of waits) expect(Math.abs(wait - 30_000)).toBeLessThanOrEqual(1_000);
    expect(new Set(waits).size).toBeGreaterThan(3);
  });
});

describe('hidden page', () => {
  it('switches to one request a minute at the visibilitychange itself', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 6_000, { overdueMs: 0 })]) });
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState().nextPollAt).toBe(START + 7_000);
    h.scheduler.setVisible(false);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'background', nextPollAt: START + 60_000 });
    await h.advance(10 * 60_000);
    expect(h.calls.slice(1).every((call) => call.reason === 'background')).toBe(true);
    expect(h.gaps().every((gap) => gap >= 60_000)).toBe(true);
    expect(h.calls).toHaveLength(11);
  });

  it('sends nothing while hidden when the hidden interval is 0', async () => {
    const h = makeHarness({ config: { hiddenIntervalMs: 0 }, respond: () => ok([runningTask('a', 6_000)]) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.setVisible(false);
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(1);
    expect(h.scheduler.getState().nextPollAt).toBeNull();
  });

  it('on return, catches up at once and then polls in a short burst', async () => {
    const h = makeHarness({ config: { hiddenIntervalMs: 0 }, respond: () => ok([runningTask('a', 100_000)]) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.setVisible(false);
    await h.advance(5 * 60_000);
    h.scheduler.setVisible(true);
    await h.advance(0);
    expect(h.calls.at(-1)).toEqual({ reason: 'catch-up', at: START + 300_000 });
    await h.advance(80_000);
    expect(h.calls.slice(1).map((call) => call.reason)).toEqual(['catch-up', 'burst', 'burst', 'cadence']);
    expect(h.times().slice(1)).toEqual([300_000, 302_000, 304_000, 379_000]);
  });
});

describe('offline', () => {
  it('sends nothing at all while offline, not even on pollNow', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 3_000)]) });
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState().nextPollAt).toBe(START + 4_000);
    h.scheduler.setOnline(false);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'offline', nextPollAt: null });
    await h.advance(5 * 60_000);
    h.scheduler.pollNow('user');
    await h.advance(5 * 60_000);
    expect(h.calls).toHaveLength(1);
  });

  it('starting offline sends nothing until the online event, then catches up', async () => {
    const h = makeHarness({ online: false });
    h.scheduler.start();
    await h.advance(60_000);
    expect(h.calls).toHaveLength(0);
    h.scheduler.setOnline(true);
    await h.advance(0);
    expect(h.calls).toEqual([{ reason: 'catch-up', at: START + 60_000 }]);
  });

  it('treats online as a hint until the first answer confirms it', async () => {
    const flight = deferred<PollOutcome>();
    const h = makeHarness({ respond: (_reason, call) => (call === 2 ? flight.promise : ok([runningTask('a', 100_000)])) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.setOnline(false);
    await h.advance(30_000);
    h.scheduler.setOnline(true);
    await h.advance(0);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'reconnecting', inFlight: true });
    flight.resolve(ok([runningTask('a', 70_000)]));
    await h.advance(0);
    expect(h.scheduler.getState().mode).toBe('live');
  });

  it('when the network is not really back, backs off instead of hammering, and the first success confirms', async () => {
    const h = makeHarness({
      random: () => 0.5,
      respond: (_reason, call) => (call === 2 || call === 3 ? networkDown() : ok([runningTask('a', 100_000)])),
    });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.setOnline(false);
    await h.advance(30_000);
    h.scheduler.setOnline(true);
    await h.advance(0);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'reconnecting', consecutiveFailures: 1 });
    await h.advance(10_000);
    // Retries 0.5 × 1 s and 0.5 × 1.6 s after the failures; the second one confirms.
    expect(h.times().slice(0, 4)).toEqual([0, 30_000, 30_500, 31_300]);
    expect(h.calls.map((call) => call.reason).slice(1, 4)).toEqual(['catch-up', 'retry', 'retry']);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'live', consecutiveFailures: 0 });
  });
});

describe('one poll at a time', () => {
  it('never has two polls in flight, whatever asks', async () => {
    const flight = deferred<PollOutcome>();
    const h = makeHarness({ respond: (_reason, call) => (call === 1 ? flight.promise : ok([runningTask('a', 100_000)])) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.pollNow('user');
    h.scheduler.pollNow('submit');
    h.scheduler.setVisible(false);
    h.scheduler.setVisible(true);
    h.scheduler.setOnline(false);
    h.scheduler.setOnline(true);
    h.scheduler.setActive([runningTask('b', 1_000)]);
    await h.advance(5 * 60_000);
    expect(h.calls).toHaveLength(1);
    expect(h.scheduler.getState().inFlight).toBe(true);
    flight.resolve(ok([runningTask('a', 100_000)]));
    await h.advance(0);
    // One follow-up for the submit (its answer may predate it), not one per request.
    expect(h.calls.map((call) => call.reason)).toEqual(['start', 'submit']);
  });

  it('does not add a catch-up when a poll is already in flight', async () => {
    const flight = deferred<PollOutcome>();
    const h = makeHarness({ respond: (_reason, call) => (call === 1 ? flight.promise : ok([runningTask('a', 100_000)])) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.setVisible(false);
    h.scheduler.setVisible(true);
    flight.resolve(ok([runningTask('a', 100_000)]));
    await h.advance(1_000);
    expect(h.calls).toHaveLength(1);
  });

  it('stops polling on stop()', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 3_000)]) });
    h.scheduler.start();
    await h.advance(0);
    h.scheduler.stop();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(1);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'idle', nextPollAt: null });
  });
});

describe('state for the UI', () => {
  it('keeps the same object while nothing changes and tells listeners when something does', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 100_000)]) });
    const seen: string[] = [];
    h.scheduler.subscribe((state) => seen.push(`${state.mode}${state.inFlight ? '+flight' : ''}`));
    const before = h.scheduler.getState();
    expect(h.scheduler.getState()).toBe(before);
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState()).not.toBe(before);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'live', lastSuccessAt: START, lastChangeAt: START, nextPollAt: START + 75_000 });
    expect(seen).toContain('idle+flight');
    expect(seen.at(-1)).toBe('live');
    const settled = h.scheduler.getState();
    await h.advance(1_000);
    expect(h.scheduler.getState()).toBe(settled);
  });
});
