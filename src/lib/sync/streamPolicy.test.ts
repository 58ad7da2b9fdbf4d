/** StreamPolicy on fake timers: trust, watchdog, backoff, the cap, fallbacks and the way back to push. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../random';
import type { StreamConfig } from './streamConfig';
import { systemClock } from './scheduler';
import { reconnectDelay, StreamPolicy } from './streamPolicy';

const START = 1_000_000;

/** The numbers these tests reason with, spelled out (the defaults may be retuned). */
const CONFIG: Partial<StreamConfig> = {
  streamBackoffBaseMs: 500,
  streamBackoffCapMs: 30_000,
  streamStableMs: 30_000,
  streamMaxConnectsPerMinute: 8,
  streamFailuresBeforeFallback: 4,
  heartbeatMs: 15_000,
  heartbeatMinMs: 5_000,
  heartbeatMaxMs: 60_000,
  missedHeartbeats: 2.5,
  firstEventTimeoutMs: 10_000,
  pushRetryAbsentMs: 600_000,
  pushRetryBufferedMs: 600_000,
  pushRetryFailingMs: 60_000,
  pushRetryFailingCapMs: 1_800_000,
};

function harness(config: Partial<StreamConfig> = {}, random = mulberry32(3)) {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const connects: number[] = [];
  let closes = 0;
  const policy = new StreamPolicy({
    clock: systemClock,
    random,
    config: { ...CONFIG, ...config },
    connect: () => connects.push(Date.now() - START),
    close: () => {
      closes += 1;
    },
  });
  return {
    policy,
    connects,
    closes: () => closes,
    advance: (ms: number) => vi.advanceTimersByTime(ms),
    state: () => policy.getState(),
    /** connects and delivers a first event at once */
    live() {
      policy.opened();
      policy.received('heartbeat');
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reconnectDelay', () => {
  it('is full jitter over a window doubling from 0.5 s to 30 s', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 12].map((n) => Math.round(reconnectDelay(n, top, CONFIG as StreamConfig)))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(reconnectDelay(3, () => 0, CONFIG as StreamConfig)).toBe(0);
    expect(reconnectDelay(3, () => 0.5, CONFIG as StreamConfig)).toBe(2_000);
  });
});

describe('StreamPolicy: connecting and trusting', () => {
  it('connects at start and pushes once the first event arrives', () => {
    const h = harness();
    h.policy.start(true);
    expect(h.connects).toEqual([0]);
    expect(h.state()).toMatchObject({ phase: 'connecting', pushing: false });
    h.policy.opened();
    expect(h.state()).toMatchObject({ phase: 'open', pushing: false });
    h.policy.received('data');
    expect(h.state()).toMatchObject({ phase: 'live', pushing: true, fallback: null });
  });

  it('starting offline waits for online, then connects', () => {
    const h = harness();
    h.policy.start(false);
    expect(h.connects).toEqual([]);
    expect(h.state().phase).toBe('offline');
    h.policy.setOnline(true);
    expect(h.connects).toEqual([0]);
  });
});

describe('StreamPolicy: watchdog', () => {
  it('declares the stream dead after 2.5 heartbeat periods without an event, and reconnects', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    h.advance(37_499);
    expect(h.state().phase).toBe('live');
    h.advance(1);
    expect(h.closes()).toBe(1);
    expect(h.state()).toMatchObject({ phase: 'waiting', pushing: true });
    h.advance(500);
    expect(h.connects).toHaveLength(2);
  });

  it('any event keeps it alive', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    for (let i = 0; i < 10; i++) {
      h.advance(30_000);
      h.policy.received('data');
    }
    expect(h.closes()).toBe(0);
  });

  it('measures the heartbeat period: faster heartbeats find a dead stream sooner', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    for (let i = 0; i < 3; i++) {
      h.advance(6_000);
      h.policy.received('heartbeat');
    }
    expect(h.policy.heartbeatPeriodMs()).toBe(6_000);
    h.advance(14_999);
    expect(h.state().phase).toBe('live');
    h.advance(1);
    expect(h.state().phase).toBe('waiting');
  });

  it('keeps the measured period within its bounds', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    h.advance(1_000);
    h.policy.received('heartbeat');
    expect(h.policy.heartbeatPeriodMs()).toBe(5_000);
  });
});

describe('StreamPolicy: reconnects', () => {
  it('a drop after a stable connection reconnects within 0.5 s, still pushing meanwhile', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    for (let i = 0; i < 6; i++) {
      h.advance(10_000);
      h.policy.received('heartbeat');
    }
    h.policy.failed();
    expect(h.state()).toMatchObject({ phase: 'waiting', pushing: true });
    expect(h.state().retryAt! - Date.now()).toBeLessThan(500);
    h.advance(500);
    expect(h.connects).toHaveLength(2);
    h.live();
    expect(h.state()).toMatchObject({ phase: 'live', reconnects: 1 });
  });

  it('a flapping stream backs off instead of reconnecting at once every time', () => {
    const h = harness({}, () => 0.999);
    h.policy.start(true);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      h.live();
      h.advance(1_000); // up a second, then dropped
      h.policy.failed();
      waits.push(Math.round((h.state().retryAt ?? 0) - Date.now()));
      h.advance(h.state().retryAt! - Date.now());
    }
    expect(waits).toEqual([500, 999, 1_998, 3_996, 7_992, 15_984, 29_970, 29_970]);
  });

  it('never opens more than the cap of connections in a minute', () => {
    const h = harness({ streamMaxConnectsPerMinute: 3 }, () => 0);
    h.policy.start(true);
    for (let i = 0; i < 6; i++) {
      h.live();
      h.policy.failed();
      h.advance(1);
    }
    // Each reconnect is due at once (random 0), but the fourth waits for the first to age out.
    expect(h.connects).toEqual([0, 0, 1]);
    expect(h.state()).toMatchObject({ phase: 'waiting', retryAt: START + 60_000 });
    h.advance(60_000);
    expect(h.connects).toEqual([0, 0, 1, 60_000]);
  });
});

describe('StreamPolicy: falling back to polling', () => {
  it('absent (404/501): polls at once and tries push again after 10 minutes', () => {
    const h = harness();
    h.policy.start(true);
    h.policy.failed(true);
    expect(h.state()).toMatchObject({ phase: 'fallback', fallback: 'absent', pushing: false, retryAt: START + 600_000 });
    h.advance(599_999);
    expect(h.connects).toHaveLength(1);
    h.advance(1);
    expect(h.connects).toHaveLength(2);
    expect(h.state()).toMatchObject({ phase: 'connecting', fallback: null });
  });

  it('buffered: opened but silent for 10 s while tasks are active', () => {
    const h = harness();
    h.policy.setActive(true);
    h.policy.start(true);
    h.policy.opened();
    h.advance(9_999);
    expect(h.state().phase).toBe('open');
    h.advance(1);
    expect(h.state()).toMatchObject({ phase: 'fallback', fallback: 'buffered', pushing: false });
    expect(h.closes()).toBe(1);
  });

  it('buffered after having been live: polling takes over within 15 s of the reconnect', () => {
    const h = harness({}, () => 0.5);
    h.policy.setActive(true);
    h.policy.start(true);
    h.live();
    for (let i = 0; i < 4; i++) {
      h.advance(10_000);
      h.policy.received('heartbeat');
    }
    h.policy.failed(); // dropped; the reconnect goes through a buffering proxy
    expect(h.state().pushing).toBe(true);
    h.advance(250);
    expect(h.connects).toHaveLength(2);
    h.policy.opened();
    h.advance(10_000);
    expect(h.state()).toMatchObject({ fallback: 'buffered', pushing: false });
  });

  it('a silent stream with nothing active is not called buffered: it reconnects', () => {
    const h = harness();
    h.policy.start(true);
    h.policy.opened();
    h.advance(37_500);
    expect(h.state()).toMatchObject({ phase: 'waiting', fallback: null });
    expect(h.closes()).toBe(1);
  });

  it('becoming active while silent starts the 10 s clock', () => {
    const h = harness();
    h.policy.start(true);
    h.policy.opened();
    h.advance(20_000);
    h.policy.setActive(true);
    h.advance(10_000);
    expect(h.state().fallback).toBe('buffered');
  });

  it('failing: four attempts in a row without an event, then polling; push again after a minute, doubling', () => {
    const h = harness({}, () => 0.5);
    h.policy.start(true);
    for (let i = 0; i < 4; i++) {
      h.policy.failed();
      if (i < 3) h.advance(h.state().retryAt! - Date.now());
    }
    expect(h.connects).toHaveLength(4);
    expect(h.state()).toMatchObject({ phase: 'fallback', fallback: 'failing', pushing: false });
    h.policy.pollSucceeded(); // polls work: the stream itself is the problem
    h.advance(59_999);
    expect(h.connects).toHaveLength(4);
    h.advance(1);
    expect(h.connects).toHaveLength(5);
    for (let i = 0; i < 4; i++) {
      h.policy.failed();
      if (i < 3) h.advance(h.state().retryAt! - Date.now());
    }
    expect(h.state().retryAt! - Date.now()).toBe(120_000);
  });

  it('failing during an outage: no push attempts while polls fail, push again at the first poll that works', () => {
    const h = harness({}, () => 0.5);
    h.policy.start(true);
    h.live();
    for (let i = 0; i < 5; i++) {
      h.policy.failed();
      if (i < 4) h.advance(h.state().retryAt! - Date.now());
    }
    expect(h.state().fallback).toBe('failing');
    const attempts = h.connects.length;
    h.policy.pollFailed();
    h.advance(30 * 60_000);
    expect(h.connects).toHaveLength(attempts);
    h.policy.pollSucceeded();
    expect(h.connects).toHaveLength(attempts + 1);
    expect(h.state()).toMatchObject({ phase: 'connecting', fallback: null });
  });
});

describe('StreamPolicy: offline', () => {
  it('closes while offline and resumes at once when back, still pushing', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    h.policy.setOnline(false);
    expect(h.closes()).toBe(1);
    expect(h.state()).toMatchObject({ phase: 'offline', pushing: true });
    h.advance(10 * 60_000);
    expect(h.connects).toHaveLength(1);
    h.policy.setOnline(true);
    expect(h.connects).toHaveLength(2);
    expect(h.state().phase).toBe('connecting');
  });

  it('keeps an absent push absent across offline spells', () => {
    const h = harness();
    h.policy.start(true);
    h.policy.failed(true);
    h.policy.setOnline(false);
    h.policy.setOnline(true);
    expect(h.state()).toMatchObject({ phase: 'fallback', fallback: 'absent', retryAt: START + 600_000 });
  });

  it('stop closes the connection and plans nothing', () => {
    const h = harness();
    h.policy.start(true);
    h.live();
    h.policy.stop();
    expect(h.closes()).toBe(1);
    h.advance(60 * 60_000);
    expect(h.connects).toHaveLength(1);
    expect(h.state()).toMatchObject({ phase: 'off', pushing: false });
  });
});
