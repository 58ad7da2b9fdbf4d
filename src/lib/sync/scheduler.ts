/**
 * PollScheduler: decides when the task list is fetched. It owns one timer and at most one request
 * in flight, and combines the cadence (cadence.ts) with everything around it: the hidden-page
 * tier, offline, failures with backoff and tier caps (backoff.ts), the shared Retry-After
 * cool-down (cooldown.ts), catch-ups and bursts. No React and no DOM: time, randomness and the
 * request are injected, so tests drive it with fake timers and the benchmark with a simulated
 * clock. The React side feeds it browser events (visibilitychange, online/offline) and the cache
 * (setActive), and renders `getState()`.
 *
 * While the push channel carries the updates (`setPush(true)`, decided by streamPolicy.ts) the
 * cadence is off: only a rare safety-net poll goes out, plus whatever the user asks for.
 */
import { toApiError, type ApiError } from '../../api/errors';
import type { Random } from '../random';
import { backoffDelay, countFailure, emptyFailureCounts, RetryBudget, type FailureCounts } from './backoff';
import { ageTasks, pollCadence, type ActiveTask } from './cadence';
import { resolveSyncConfig, type SyncConfig } from './config';
import { Cooldown } from './cooldown';

export interface SyncClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock, read through globalThis at call time so that fake timers are honoured. */
export const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type PollReason =
  /** the first load after start() */
  | 'start'
  /** the cadence said so */
  | 'cadence'
  /** nothing active: the slow check for tasks submitted elsewhere */
  | 'heartbeat'
  /** a poll of the hidden-page tier */
  | 'background'
  /** one of the quick polls after a catch-up */
  | 'burst'
  /** a retry after a failure */
  | 'retry'
  /** page shown again or back online */
  | 'catch-up'
  /** the user asked ("retry now", "refresh") */
  | 'user'
  /** push carries the updates: the rare check that nothing was missed */
  | 'safety-net'
  /** right after this client submitted a task */
  | 'submit';

export type PollOutcome =
  | { ok: true; active: ActiveTask[]; changed: boolean }
  | { ok: false; error: ApiError };

export type SyncMode =
  | 'idle'
  | 'live'
  | 'background'
  | 'offline'
  /** back online, the first request has not confirmed it yet */
  | 'reconnecting'
  | 'cooling-down'
  | 'backing-off'
  | 'gave-up';

export interface SyncState {
  mode: SyncMode;
  /** when the next automatic poll is planned; null when none is */
  nextPollAt: number | null;
  /** how far apart the last poll and the planned one are ("checking every 40 s"); null when none is planned */
  intervalMs: number | null;
  /** the push channel carries the updates; polls are only the safety net */
  push: boolean;
  inFlight: boolean;
  lastSuccessAt: number | null;
  /** when a poll last reported a change in the list */
  lastChangeAt: number | null;
  consecutiveFailures: number;
  lastError: ApiError | null;
  /** the shared Retry-After cool-down's end, while it lasts */
  coolingUntil: number | null;
}

export interface PollSchedulerOptions {
  clock: SyncClock;
  random: Random;
  poll: (reason: PollReason) => Promise<PollOutcome>;
  /** the cool-down shared with the API client; a private one when omitted */
  cooldown?: Cooldown;
  config?: Partial<SyncConfig>;
  /** initial page visibility (document.visibilityState === 'visible') */
  visible?: boolean;
  /** initial connectivity (navigator.onLine); starting offline sends nothing until online */
  online?: boolean;
  /** tasks already known from the cache */
  active?: ActiveTask[];
}

/** Reasons that mean "fetch now", not "fetch when the cadence says". */
type ImmediateReason = 'start' | 'catch-up' | 'user' | 'submit';

interface PlannedPoll {
  at: number;
  reason: PollReason;
}

/** A timer may fire a hair early under a real clock; this close counts as on time. */
const TIMER_SLACK_MS = 5;

export class PollScheduler {
  private readonly clock: SyncClock;
  private readonly random: Random;
  private readonly poll: (reason: PollReason) => Promise<PollOutcome>;
  private readonly cooldown: Cooldown;
  private readonly config: SyncConfig;
  private readonly budget: RetryBudget;
  private readonly listeners = new Set<(state: SyncState) => void>();

  private running = false;
  private visible: boolean;
  private online: boolean;
  private active: ActiveTask[];
  private activeAt: number;
  private push = false;

  private timer: unknown = null;
  private next: PlannedPoll | null = null;
  private immediate: ImmediateReason | null = null;
  private inFlight = false;
  private lastRequestAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private lastChangeAt: number | null = null;
  private lastError: ApiError | null = null;

  private failures: FailureCounts = emptyFailureCounts();
  private consecutiveFailures = 0;
  private retryAt: number | null = null;
  private gaveUp = false;
  private reconnecting = false;
  private burstLeft = 0;
  private unsubscribeCooldown: (() => void) | null = null;
  private state: SyncState;

  constructor(options: PollSchedulerOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.poll = options.poll;
    this.cooldown = options.cooldown ?? new Cooldown();
    this.config = resolveSyncConfig(options.config);
    this.budget = new RetryBudget(this.config.retryBudgetTokens, this.config.retryBudgetRefill);
    this.visible = options.visible ?? true;
    this.online = options.online ?? true;
    this.active = [...(options.active ?? [])];
    this.activeAt = this.clock.now();
    this.state = this.computeState();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribeCooldown = this.cooldown.subscribe(() => this.arm(this.next));
    if (this.config.pollOnStart) this.requestImmediate('start');
    else this.reschedule();
  }

  stop(): void {
    this.running = false;
    this.unsubscribeCooldown?.();
    this.unsubscribeCooldown = null;
    this.immediate = null;
    this.arm(null);
  }

  /** visibilitychange: the tier switches at once; shown again = catch-up now, then a short burst. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) {
      this.reschedule();
      return;
    }
    this.resetFailures();
    this.burstLeft = this.config.burstPolls;
    this.requestImmediate('catch-up');
  }

  /**
   * online / offline. Offline: no request at all. Online is only a hint: catch up at once and let
   * the first answer confirm it; a failure there goes the normal backoff way.
   */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!online) {
      this.reconnecting = false;
      this.reschedule();
      return;
    }
    this.resetFailures();
    this.reconnecting = true;
    this.burstLeft = this.config.burstPolls;
    this.requestImmediate('catch-up');
  }

  /** The cache changed outside a poll (a submit, another tab): re-plan from the new list. */
  setActive(tasks: readonly ActiveTask[]): void {
    this.active = [...tasks];
    this.activeAt = this.clock.now();
    this.reschedule();
  }

  /**
   * The push channel became healthy (true) or stopped carrying the updates (false). Healthy: the
   * cadence, heartbeat and catch-ups stop; one safety-net poll per `safetyNetMs` remains. Not any
   * more: catch up at once (the stream may have missed something before it was found dead), then
   * the cadence takes over.
   */
  setPush(push: boolean): void {
    if (push === this.push) return;
    this.push = push;
    if (push) {
      // The stream works, so the server is reachable: a failure streak is over.
      this.resetFailures();
      this.reconnecting = false;
      this.burstLeft = 0;
      if (this.immediate === 'catch-up') this.immediate = null;
      this.reschedule();
      return;
    }
    this.requestImmediate('catch-up');
  }

  /**
   * Fetch now, skipping any backoff wait and a "gave up" (the user asked, or a task was just
   * submitted). Never skips the Retry-After cool-down: then it fetches the moment it ends.
   * While a request is in flight, one more follows it (its answer may predate the submit).
   */
  pollNow(reason: 'user' | 'submit' = 'user'): void {
    if (!this.running) return;
    this.resetFailures();
    this.requestImmediate(reason);
  }

  getState(): SyncState {
    return this.state;
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private resetFailures(): void {
    this.gaveUp = false;
    this.failures = emptyFailureCounts();
    this.consecutiveFailures = 0;
    this.retryAt = null;
  }

  private requestImmediate(reason: ImmediateReason): void {
    // A catch-up while a request is in flight: that answer is fresh enough. While push carries
    // the updates the stream's own resume is the catch-up.
    if (reason === 'catch-up' && (this.inFlight || this.push)) return;
    this.immediate = reason;
    this.reschedule();
  }

  private reschedule(): void {
    this.arm(this.running && !this.inFlight ? this.plan(this.clock.now()) : null);
  }

  /** When the next poll should go out, before the cool-down; null when none should. */
  private plan(now: number): PlannedPoll | null {
    if (!this.online) return null;
    const hidden = !this.visible;
    if (hidden && this.config.hiddenIntervalMs <= 0) return null;

    let planned: PlannedPoll;
    if (this.push) {
      // Push carries the updates: what the user asked for, else the rare safety net.
      if (this.immediate !== null) return { at: now, reason: this.immediate };
      if (this.config.safetyNetMs <= 0) return null;
      return { at: (this.lastRequestAt ?? now) + this.config.safetyNetMs, reason: 'safety-net' };
    }
    if (this.gaveUp) {
      // Gave up (the UI offers "Retry now"), but a quiet probe now and then lets the list come
      // back by itself after an outage nobody clicked through.
      if (this.config.gaveUpProbeMs <= 0) return null;
      planned = { at: (this.lastRequestAt ?? now) + this.config.gaveUpProbeMs, reason: 'retry' };
    } else if (this.immediate !== null) {
      planned = { at: now, reason: this.immediate };
    } else if (this.retryAt !== null) {
      planned = { at: this.retryAt, reason: 'retry' };
    } else {
      const wait = this.cadenceWait(now);
      if (wait === null) return null;
      planned = { at: now + this.jitter(wait.delayMs), reason: wait.reason };
    }

    if (hidden && this.lastRequestAt !== null) {
      // At most one request per hiddenIntervalMs, whatever asked for it.
      const earliest = this.lastRequestAt + this.config.hiddenIntervalMs;
      if (earliest > planned.at) planned = { at: earliest, reason: 'background' };
    }
    return planned;
  }

  /** The cadence wait from now, with the heartbeat when nothing is active and any burst. */
  private cadenceWait(now: number): { delayMs: number; reason: PollReason } | null {
    const cadence = pollCadence(ageTasks(this.active, now - this.activeAt), this.config);
    if (cadence.delayMs === null) {
      return this.config.idleHeartbeatMs > 0 ? { delayMs: this.config.idleHeartbeatMs, reason: 'heartbeat' } : null;
    }
    if (this.burstLeft > 0 && cadence.delayMs > this.config.burstIntervalMs) {
      return { delayMs: this.config.burstIntervalMs, reason: 'burst' };
    }
    return { delayMs: cadence.delayMs, reason: 'cadence' };
  }

  /** ± jitterRatio, at most ± jitterMaxMs, never below the floor. */
  private jitter(delayMs: number): number {
    const spread = Math.min(delayMs * this.config.jitterRatio, this.config.jitterMaxMs);
    return Math.max(this.config.floorMs, delayMs + spread * (2 * this.random() - 1));
  }

  /** Sets the one timer: for the poll, or first for the end of a cool-down (to update the UI). */
  private arm(next: PlannedPoll | null): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.next = this.running ? next : null;
    const now = this.clock.now();
    const coolingUntil = this.cooldown.coolingUntil(now);
    const wakeAt = coolingUntil ?? this.next?.at ?? null;
    if (this.running && wakeAt !== null) {
      this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, wakeAt - now));
    }
    this.emit();
  }

  private onTimer(): void {
    this.timer = null;
    const next = this.next;
    const now = this.clock.now();
    // The cool-down check is a guard: arm() already waits for it, and re-arms when it grows.
    if (next === null || next.at - now > TIMER_SLACK_MS || this.cooldown.remaining(now) > 0) {
      this.arm(next);
      return;
    }
    void this.run(next.reason);
  }

  private async run(reason: PollReason): Promise<void> {
    this.inFlight = true;
    this.immediate = null;
    this.lastRequestAt = this.clock.now();
    this.arm(null);

    let outcome: PollOutcome;
    try {
      outcome = await this.poll(reason);
    } catch (thrown) {
      outcome = { ok: false, error: toApiError(thrown) };
    }
    this.inFlight = false;
    if (outcome.ok) this.onSuccess(outcome, reason);
    else this.onFailure(outcome.error, reason);
    this.reschedule();
  }

  private onSuccess(outcome: { active: ActiveTask[]; changed: boolean }, reason: PollReason): void {
    const now = this.clock.now();
    this.resetFailures();
    this.budget.onSuccess();
    this.reconnecting = false;
    this.lastSuccessAt = now;
    if (outcome.changed) this.lastChangeAt = now;
    this.lastError = null;
    this.active = [...outcome.active];
    this.activeAt = now;
    if (this.burstLeft > 0 && reason !== 'catch-up') this.burstLeft -= 1;
  }

  private onFailure(error: ApiError, reason: PollReason): void {
    const now = this.clock.now();
    // Aborted on purpose, or gone offline meanwhile (the online event will catch up): no fault.
    if (error.kind === 'aborted' || !this.online) return;
    // A failed safety net while push works: the next one is soon enough (the stream would say
    // if the server were gone).
    if (this.push && reason === 'safety-net') {
      this.lastError = error;
      return;
    }
    if (error.retryAfterMs !== null && (error.status === 429 || error.status === 503)) {
      // The API client holds its gate itself; a poll function that bypasses it is covered here.
      this.cooldown.hold(error.retryAfterMs, now);
    }
    if (error.code === 'cooling_down') {
      // Refused before sending, because of the shared cool-down: not a failure; try again
      // when it ends, for the same reason if it was an immediate one.
      if (reason === 'start' || reason === 'catch-up' || reason === 'user' || reason === 'submit') {
        this.immediate = reason;
      }
      return;
    }

    this.lastError = error;
    const counted = countFailure(this.failures, error, this.config);
    this.failures = counted.counts;
    this.consecutiveFailures += 1;
    if (!counted.retry) {
      this.gaveUp = true;
      this.retryAt = null;
      return;
    }
    // Within budget: full-jitter backoff (the cool-down, if any, comes on top in arm()).
    // Budget spent: no extra request; wait the normal cadence, at least the backoff cap.
    const delayMs = this.budget.trySpend()
      ? backoffDelay(this.consecutiveFailures - 1, this.random, this.config)
      : Math.max(this.config.backoffCapMs, this.cadenceWait(now)?.delayMs ?? 0);
    this.retryAt = now + delayMs;
  }

  private computeState(): SyncState {
    const now = this.clock.now();
    const coolingUntil = this.cooldown.coolingUntil(now);
    const nextPollAt = this.next === null ? null : Math.max(this.next.at, coolingUntil ?? 0);
    return {
      mode: this.mode(coolingUntil),
      nextPollAt,
      intervalMs: nextPollAt === null ? null : nextPollAt - (this.lastRequestAt ?? now),
      push: this.push,
      inFlight: this.inFlight,
      lastSuccessAt: this.lastSuccessAt,
      lastChangeAt: this.lastChangeAt,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
      coolingUntil,
    };
  }

  private mode(coolingUntil: number | null): SyncMode {
    if (!this.running) return 'idle';
    if (!this.online) return 'offline';
    if (this.gaveUp) return 'gave-up';
    if (coolingUntil !== null) return 'cooling-down';
    if (this.reconnecting) return 'reconnecting';
    if (this.consecutiveFailures > 0) return 'backing-off';
    if (this.push) return 'live';
    if (!this.visible) return 'background';
    return this.active.length === 0 ? 'idle' : 'live';
  }

  /** Publishes a new state object only when something changed (stable for useSyncExternalStore). */
  private emit(): void {
    const next = this.computeState();
    const prev = this.state;
    const same = (Object.keys(next) as (keyof SyncState)[]).every((key) => next[key] === prev[key]);
    if (same) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}
