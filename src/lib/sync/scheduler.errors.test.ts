/** PollScheduler after failures: backoff, tiered caps, Retry-After and the retry budget. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffCeiling } from './backoff';
import { DEFAULT_SYNC_CONFIG } from './config';
import { fail, makeHarness, networkDown, ok, runningTask, START, TEST_CONFIG } from './scheduler.testSupport';

afterEach(() => {
  vi.useRealTimers();
});

const far = () => ok([runningTask('a', 100_000)]);
const ceilings = (n: number) => Array.from({ length: n }, (_, retry) => backoffCeiling(retry, { ...DEFAULT_SYNC_CONFIG, ...TEST_CONFIG }));

describe('backoff', () => {
  it('retries after growing waits: base 1 s × 1.6ⁿ', async () => {
    const h = makeHarness({ random: () => 0.999, config: { networkRetries: 20 }, respond: networkDown });
    h.scheduler.start();
    await h.advance(60_000);
    const gaps = h.gaps().slice(0, 8);
    // Fake timers count whole milliseconds.
    gaps.forEach((gap, n) => expect(Math.abs(gap - 0.999 * ceilings(8)[n]!)).toBeLessThanOrEqual(1));
    expect(h.calls.slice(1).every((call) => call.reason === 'retry')).toBe(true);
    expect(h.scheduler.getState().mode).toBe('backing-off');
    expect(h.scheduler.getState().lastError?.kind).toBe('network');
  });

  it('draws every wait from the whole window (full jitter), never past its ceiling', async () => {
    const h = makeHarness({ config: { networkRetries: 9 }, respond: networkDown });
    h.scheduler.start();
    await h.advance(5 * 60_000);
    const gaps = h.gaps();
    expect(gaps).toHaveLength(9);
    gaps.forEach((gap, n) => expect(gap).toBeLessThanOrEqual(ceilings(9)[n]!));
    // Not "ceiling minus a little": some waits are well below half their window.
    expect(gaps.some((gap, n) => gap < 0.5 * ceilings(9)[n]!)).toBe(true);
  });

  it('lets pollNow skip the backoff wait', async () => {
    const h = makeHarness({ random: () => 0.999, respond: (_reason, call) => (call <= 4 ? networkDown() : far()) });
    h.scheduler.start();
    await h.advance(6_000);
    expect(h.calls).toHaveLength(4);
    const waitingUntil = h.scheduler.getState().nextPollAt ?? 0;
    expect(waitingUntil - Date.now()).toBeGreaterThan(3_000);
    h.scheduler.pollNow('user');
    await h.advance(0);
    expect(h.calls.at(-1)).toEqual({ reason: 'user', at: Date.now() });
    expect(h.scheduler.getState()).toMatchObject({ mode: 'live', consecutiveFailures: 0 });
  });
});

describe('a long outage', () => {
  it('retries quickly within a minute of the last good answer, then no closer than the quiet probe', async () => {
    const config = { networkRetries: 50, gaveUpProbeMs: 15_000, quickRetryWindowMs: 60_000 };
    // Up at start; the next look (75 s later) finds the server gone: it may have been gone for a minute.
    const late = makeHarness({ random: () => 0.5, config, respond: (_reason, call) => (call === 1 ? far() : networkDown()) });
    late.scheduler.start();
    await late.advance(5 * 60_000);
    expect(late.gaps()[0]).toBe(75_000);
    expect(late.gaps().slice(1).every((gap) => gap >= 15_000)).toBe(true);

    // Failing right after a good answer: quick retries first, then the same quiet spacing.
    const early = makeHarness({ random: () => 0.5, config, respond: (_reason, call) => (call === 1 ? ok([runningTask('a', 2_000)]) : networkDown()) });
    early.scheduler.start();
    await early.advance(5 * 60_000);
    const times = early.times();
    expect(times.filter((t) => t < 60_000).length).toBeGreaterThan(4);
    const after = times.filter((t) => t >= 60_000);
    after.slice(1).forEach((t, i) => expect(t - after[i]!).toBeGreaterThanOrEqual(15_000));
  });
});

describe('tiered caps', () => {
  it('gives up after 5 network retries and sends nothing more until asked', async () => {
    const h = makeHarness({ respond: networkDown });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(6);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'gave-up', consecutiveFailures: 6, nextPollAt: null });
    h.respondWith(far);
    h.scheduler.pollNow('user');
    await h.advance(0);
    expect(h.calls).toHaveLength(7);
    expect(h.scheduler.getState().mode).toBe('live');
  });

  it('gives up after 3 retries of a 5xx', async () => {
    const h = makeHarness({ respond: () => fail({ kind: 'http', status: 502 }) });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(4);
    expect(h.scheduler.getState().mode).toBe('gave-up');
  });

  it('does not retry a final 4xx', async () => {
    const h = makeHarness({ respond: () => fail({ kind: 'http', status: 403 }) });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(1);
    expect(h.scheduler.getState().mode).toBe('gave-up');
    expect(h.scheduler.getState().lastError?.status).toBe(403);
  });

  it('after giving up, probes quietly once per gaveUpProbeMs and is live again when one succeeds', async () => {
    const h = makeHarness({ respond: () => fail({ kind: 'http', status: 500 }), config: { gaveUpProbeMs: 60_000 } });
    h.scheduler.start();
    await h.advance(30_000);
    expect(h.calls).toHaveLength(4);
    expect(h.scheduler.getState().mode).toBe('gave-up');
    const gaveUpAt = h.calls.at(-1)!.at;
    expect(h.scheduler.getState().nextPollAt).toBe(gaveUpAt + 60_000);
    await h.advance(gaveUpAt + 60_000 - Date.now() - 1);
    expect(h.calls).toHaveLength(4);
    await h.advance(1);
    expect(h.calls).toHaveLength(5);
    expect(h.scheduler.getState().mode).toBe('gave-up');
    h.respondWith(far);
    await h.advance(60_000);
    expect(h.calls).toHaveLength(6);
    expect(h.scheduler.getState().mode).toBe('live');
  });

  it('tries again when the page is shown again or the network comes back', async () => {
    const h = makeHarness({ respond: () => fail({ kind: 'http', status: 500 }) });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    expect(h.calls).toHaveLength(4);
    h.respondWith(far);
    h.scheduler.setVisible(false);
    h.scheduler.setVisible(true);
    await h.advance(0);
    expect(h.calls.at(-1)?.reason).toBe('catch-up');
    h.respondWith(networkDown);
    await h.advance(10 * 60_000);
    expect(h.scheduler.getState().mode).toBe('gave-up');
    const before = h.calls.length;
    h.respondWith(far);
    h.scheduler.setOnline(false);
    h.scheduler.setOnline(true);
    await h.advance(0);
    expect(h.calls).toHaveLength(before + 1);
  });
});

describe('Retry-After', () => {
  const throttled = () => fail({ kind: 'http', status: 429, retryAfterMs: 30_000 });

  it('sends nothing before it ends, not even on pollNow, then polls right away', async () => {
    const h = makeHarness({ respond: (_reason, call) => (call === 1 ? throttled() : far()) });
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'cooling-down', coolingUntil: START + 30_000, nextPollAt: START + 30_000 });
    await h.advance(1_000);
    h.scheduler.pollNow('user');
    await h.advance(10_000);
    h.scheduler.pollNow('user');
    await h.advance(18_999);
    expect(h.calls).toHaveLength(1);
    await h.advance(1);
    expect(h.calls.at(-1)).toEqual({ reason: 'user', at: START + 30_000 });
  });

  it('is shared: a cool-down started by another request holds this poll too', async () => {
    const h = makeHarness({ respond: () => ok([runningTask('a', 6_000)]) });
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState().nextPollAt).toBe(START + 7_000);
    h.cooldown.hold(20_000, Date.now()); // e.g. a 503 on GET /stats
    expect(h.scheduler.getState()).toMatchObject({ mode: 'cooling-down', nextPollAt: START + 20_000 });
    await h.advance(19_999);
    expect(h.calls).toHaveLength(1);
    await h.advance(1);
    expect(h.calls).toHaveLength(2);
  });

  it('tells the UI when the cool-down is over even if the next poll is later', async () => {
    const h = makeHarness({ respond: far });
    h.scheduler.start();
    await h.advance(0);
    h.cooldown.hold(10_000, Date.now());
    expect(h.scheduler.getState().mode).toBe('cooling-down');
    await h.advance(10_000);
    expect(h.scheduler.getState()).toMatchObject({ mode: 'live', coolingUntil: null, nextPollAt: START + 75_000 });
    expect(h.calls).toHaveLength(1);
  });

  it('does not count a request the client refused to send (cooling down) as a failure', async () => {
    const h = makeHarness({
      respond: (_reason, call) =>
        call === 1 ? fail({ kind: 'http', status: 429, code: 'cooling_down', retryAfterMs: 5_000 }) : far(),
    });
    h.scheduler.start();
    await h.advance(0);
    expect(h.scheduler.getState()).toMatchObject({ consecutiveFailures: 0, lastError: null, coolingUntil: START + 5_000 });
    await h.advance(5_000);
    expect(h.calls.map((call) => call.reason)).toEqual(['start', 'start']);
  });
});

describe('retry budget', () => {
  // Caps out of the way, so only the budget stands between a fault storm and the server.
  const storm = { networkRetries: 1_000 };

  async function stormRequests(config: Record<string, number>) {
    const h = makeHarness({ config: { ...storm, ...config }, respond: networkDown });
    h.scheduler.start();
    await h.advance(10 * 60_000);
    const count = h.calls.length;
    h.scheduler.stop();
    vi.useRealTimers();
    return { count, gaps: h.gaps() };
  }

  it('caps the requests of a 100 % fault storm: once spent, one request per backoff cap at most', async () => {
    const { count, gaps } = await stormRequests({ retryBudgetTokens: 10 });
    // The first request, 10 budgeted retries, then at most one per 20 s.
    expect(count).toBeLessThanOrEqual(1 + 10 + 600_000 / 20_000);
    expect(gaps.slice(10).every((gap) => gap >= 20_000)).toBe(true);
  });

  it('(control) without the budget the same storm sends more', async () => {
    const { count } = await stormRequests({ retryBudgetTokens: 1_000_000 });
    expect(count).toBeGreaterThan(1 + 10 + 600_000 / 20_000);
  });
});
