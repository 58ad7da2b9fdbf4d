import { describe, expect, it, vi } from 'vitest';
import { mulberry32, randomBetween } from './random';
import { fixedTimeline, ServerClock } from './serverClock';

const C0 = Date.parse('2026-11-22T10:00:00.000Z');
const AHEAD = 2 * 60_000 + 345; // the server's clock runs 2 min 0.345 s ahead

/** What a server `AHEAD` ahead would answer to a request sent at `sentAt` and answered `rtt` later. */
function answer(sentAt: number, rtt: number, processedAfter = rtt / 2) {
  const serverNow = sentAt + processedAfter + AHEAD;
  return { serverNow, sentAt, receivedAt: sentAt + rtt, date: Math.floor(serverNow / 1000) * 1000 };
}

describe('ServerClock', () => {
  it('says the clocks agree until it has heard from the server', () => {
    const clock = new ServerClock();
    expect(clock.offsetMs).toBe(0);
    expect(clock.estimate()).toBeNull();
    expect(clock.toClient(C0)).toBe(C0);
  });

  it('takes the middle of what one serverTime sample allows: within half the round trip', () => {
    const clock = new ServerClock();
    const a = answer(C0, 200, 150);
    clock.sampleServerTime(new Date(a.serverNow).toISOString(), a.sentAt, a.receivedAt);
    expect(Math.abs(clock.offsetMs - AHEAD)).toBeLessThanOrEqual(100);
    expect(clock.estimate()?.uncertaintyMs).toBe(100);
  });

  it('lets the lowest round trip win: a slow answer does not spoil a fast one', () => {
    const clock = new ServerClock();
    const fast = answer(C0, 20, 18);
    const slow = answer(C0 + 5_000, 3_000, 2_900);
    clock.sampleServerTime(new Date(fast.serverNow).toISOString(), fast.sentAt, fast.receivedAt);
    clock.sampleServerTime(new Date(slow.serverNow).toISOString(), slow.sentAt, slow.receivedAt);
    expect(Math.abs(clock.offsetMs - AHEAD)).toBeLessThanOrEqual(10);
  });

  it('narrows a Date header (whole seconds) with the samples that agree with it', () => {
    const clock = new ServerClock();
    const random = mulberry32(7);
    // One Date header alone: within ±(rtt + 1 s) / 2.
    const first = answer(C0, 100);
    clock.sampleDate(first.date, first.sentAt, first.receivedAt);
    expect(Math.abs(clock.offsetMs - AHEAD)).toBeLessThanOrEqual(550);
    // Twenty answers at random moments of the second: the seconds' edges pin the offset down.
    for (let i = 1; i <= 20; i++) {
      const a = answer(C0 + i * 1_537 + randomBetween(random, 0, 1_000), randomBetween(random, 60, 160));
      clock.sampleDate(a.date, a.sentAt, a.receivedAt);
    }
    expect(Math.abs(clock.offsetMs - AHEAD)).toBeLessThanOrEqual(80);
  });

  it('works the same for a server behind the client', () => {
    const clock = new ServerClock();
    const sentAt = C0;
    const serverNow = sentAt + 50 - 10 * 60_000;
    clock.sampleServerTime(new Date(serverNow).toISOString(), sentAt, sentAt + 100);
    expect(Math.abs(clock.offsetMs + 10 * 60_000)).toBeLessThanOrEqual(50);
    expect(clock.toServer(C0)).toBe(C0 + clock.offsetMs);
    expect(clock.toClient(clock.toServer(C0))).toBe(C0);
  });

  it('uses pushed heartbeats (no request time) as lower bounds: the fastest delivery wins', () => {
    const clock = new ServerClock();
    clock.sampleServerTime(new Date(C0 + AHEAD).toISOString(), null, C0 + 400);
    clock.sampleServerTime(new Date(C0 + 15_000 + AHEAD).toISOString(), null, C0 + 15_030);
    expect(clock.offsetMs).toBe(AHEAD - 30);
    expect(clock.estimate()?.uncertaintyMs).toBe(Number.POSITIVE_INFINITY);
    // A request's answer bounds it from above too.
    const a = answer(C0 + 20_000, 40, 20);
    clock.sampleServerTime(new Date(a.serverNow).toISOString(), a.sentAt, a.receivedAt);
    expect(Math.abs(clock.offsetMs - AHEAD)).toBeLessThanOrEqual(20);
  });

  it('follows a clock that was stepped: a contradicting newer sample wins, older ones are dropped', () => {
    const clock = new ServerClock();
    const a = answer(C0, 100);
    clock.sampleServerTime(new Date(a.serverNow).toISOString(), a.sentAt, a.receivedAt);
    // The client's clock jumped 5 s forward (woke from sleep): the same server time is now 5 s "behind".
    const sentAt = C0 + 60_000 + 5_000;
    clock.sampleServerTime(new Date(C0 + 60_000 + 50 + AHEAD).toISOString(), sentAt, sentAt + 100);
    expect(Math.abs(clock.offsetMs - (AHEAD - 5_000))).toBeLessThanOrEqual(50);
    expect(clock.estimate()?.samples).toBe(1);
  });

  it('forgets samples older than maxAgeMs', () => {
    const clock = new ServerClock({ maxAgeMs: 60_000 });
    const fast = answer(C0, 10, 5);
    clock.sampleServerTime(new Date(fast.serverNow).toISOString(), fast.sentAt, fast.receivedAt);
    const later = answer(C0 + 120_000, 400, 300);
    clock.sampleServerTime(new Date(later.serverNow).toISOString(), later.sentAt, later.receivedAt);
    expect(clock.estimate()?.samples).toBe(1);
    expect(clock.estimate()?.uncertaintyMs).toBe(200);
  });

  it('ignores samples that cannot be right and tells subscribers only when the offset moves', () => {
    const clock = new ServerClock();
    const listener = vi.fn();
    clock.subscribe(listener);
    expect(clock.sampleServerTime('not a time', C0, C0 + 10)).toBe(false);
    expect(clock.sampleDate(null, C0, C0 + 10)).toBe(false);
    expect(clock.sample({ serverTime: C0, resolutionMs: 0, sentAt: C0 + 10, receivedAt: C0 })).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    clock.sampleServerTime(new Date(C0 + 1_000).toISOString(), C0, C0 + 100);
    expect(listener).toHaveBeenCalledTimes(1);
    // The same answer again: the same offset, no news.
    clock.sampleServerTime(new Date(C0 + 1_000).toISOString(), C0, C0 + 100);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('fixedTimeline', () => {
  it('translates with a fixed offset', () => {
    const timeline = fixedTimeline(-600_000);
    expect(timeline.toClient(C0)).toBe(C0 + 600_000);
    expect(timeline.toServer(C0)).toBe(C0 - 600_000);
  });
});
