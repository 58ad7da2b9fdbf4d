/**
 * Test support for the PollScheduler tests: a scheduler on vitest's fake timers with a scripted
 * poll function that records every call. Not a test file itself; imported only by tests.
 */
import { vi } from 'vitest';
import { ApiError, type ApiErrorInit } from '../../api/errors';
import { mulberry32 } from '../random';
import type { ActiveTask } from './cadence';
import type { SyncConfig } from './config';
import { Cooldown } from './cooldown';
import { PollScheduler, systemClock, type PollOutcome, type PollReason } from './scheduler';

export const START = 1_000_000;

export function runningTask(id: string, remainingMs: number | null, extra: Partial<ActiveTask> = {}): ActiveTask {
  return { id, status: 'running', remainingMs, observedForMs: 60_000, overdueMs: 0, ...extra };
}

export const ok = (active: ActiveTask[] = [], changed = true): PollOutcome => ({ ok: true, active, changed });

export const fail = (init: ApiErrorInit): PollOutcome => ({ ok: false, error: new ApiError(init) });

export const networkDown = (): PollOutcome => fail({ kind: 'network' });

export type Responder = (reason: PollReason, call: number) => PollOutcome | Promise<PollOutcome>;

export interface HarnessOptions {
  config?: Partial<SyncConfig>;
  visible?: boolean;
  online?: boolean;
  active?: ActiveTask[];
  respond?: Responder;
  /** the scheduler's randomness; a seeded generator by default */
  random?: () => number;
}

/**
 * The numbers the scheduler tests reason with, spelled out so that retuning the defaults does
 * not silently change what a test checks. Jitter is off: exact times make exact assertions.
 */
export const TEST_CONFIG: Partial<SyncConfig> = {
  floorMs: 1_000,
  capMs: 120_000,
  approachFactor: 0.75,
  aimWithinMs: 10_000,
  aimMarginMs: 1_000,
  quickIntervalMs: 4_000,
  quickPhaseMs: 8_000,
  jitterRatio: 0,
  idleHeartbeatMs: 60_000,
  hiddenIntervalMs: 60_000,
  burstPolls: 2,
  burstIntervalMs: 2_000,
  pollOnStart: true,
  backoffBaseMs: 1_000,
  backoffFactor: 1.6,
  backoffCapMs: 20_000,
  networkRetries: 5,
  serverRetries: 3,
  throttledRetries: 5,
  gaveUpProbeMs: 0,
  retryBudgetTokens: 10,
  retryBudgetRefill: 0.2,
};

/** Installs fake timers at START; call `vi.useRealTimers()` in afterEach. */
export function makeHarness(options: HarnessOptions = {}) {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const calls: { reason: PollReason; at: number }[] = [];
  let respond: Responder = options.respond ?? (() => ok());
  const cooldown = new Cooldown();
  const poll = (reason: PollReason) => {
    calls.push({ reason, at: Date.now() });
    return Promise.resolve(respond(reason, calls.length));
  };
  const scheduler = new PollScheduler({
    clock: systemClock,
    random: options.random ?? mulberry32(7),
    poll,
    cooldown,
    config: { ...TEST_CONFIG, ...options.config },
    visible: options.visible,
    online: options.online,
    active: options.active,
  });
  return {
    scheduler,
    cooldown,
    calls,
    /** replaces the scripted answers from now on */
    respondWith(next: Responder) {
      respond = next;
    },
    /** advances fake time by `ms` (running due timers and the promises they settle) */
    advance: (ms: number) => vi.advanceTimersByTimeAsync(ms),
    /** when each poll went out, in ms since START */
    times: () => calls.map((call) => call.at - START),
    /** the gaps between consecutive polls */
    gaps: () => calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? call.at)),
  };
}

/** A promise with its resolve handle, for polls that stay in flight until the test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
