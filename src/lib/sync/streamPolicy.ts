/**
 * StreamPolicy: when the push channel (`GET /events`) is opened, trusted, reconnected or given up
 * for polling. Pure policy with an injected clock and randomness; the browser's EventSource is
 * wired to it in src/sync/pushChannel.ts, the poll scheduler follows `state.pushing`.
 *
 * - One connection at a time. A connection is trusted ("live") once an event arrives; from then
 *   on a watchdog expects an event within `missedHeartbeats` heartbeat periods (the period is
 *   measured from the heartbeats themselves, within bounds) and declares the stream dead otherwise.
 * - A dropped or dead stream reconnects after a full-jitter backoff (0.5 s doubling to 30 s),
 *   resuming from the last event (the wiring passes the cursor). A hard cap on connections per
 *   minute keeps any loop from storming; the backoff starts afresh only after a stable connection.
 * - Polling takes over (`fallback`) when `/events` is absent (404/501), when a connection opens
 *   but delivers nothing for `firstEventTimeoutMs` while tasks are active (a buffering proxy), or
 *   when `streamFailuresBeforeFallback` attempts in a row deliver nothing. Push is tried again
 *   later: absent and buffered after a fixed wait, failing after a doubling wait — or, when polls
 *   failed too (an outage), at the first poll that succeeds, since the server is back.
 * - `pushing` tells the scheduler to stop its cadence: true while live, and while reconnecting
 *   after having been live (the stream's resume is the catch-up) until push is given up.
 * - Offline closes the stream; online reconnects at once.
 */
import type { Random } from '../random';
import type { SyncClock } from './scheduler';
import { resolveStreamConfig, type StreamConfig } from './streamConfig';

export type StreamPhase =
  /** not started (not the leader, or no list yet) or stopped */
  | 'off'
  /** closed because the browser is offline */
  | 'offline'
  /** a reconnect is planned (`reconnectAt`) */
  | 'waiting'
  /** a connection was asked for; no answer yet */
  | 'connecting'
  /** the connection is open but no event has arrived yet */
  | 'open'
  /** events arrive; the watchdog is armed */
  | 'live'
  /** push is given up for now; polling carries the updates */
  | 'fallback';

export type FallbackReason =
  /** `/events` answered 404 or 501 */
  | 'absent'
  /** the stream opened but delivered nothing while tasks were active */
  | 'buffered'
  /** attempt after attempt delivered nothing */
  | 'failing';

export interface StreamState {
  phase: StreamPhase;
  /** the stream carries the updates: the scheduler polls only the safety net */
  pushing: boolean;
  fallback: FallbackReason | null;
  /** when push is tried again (fallback), or the next connection goes out (waiting) */
  retryAt: number | null;
  /** connections opened so far */
  connects: number;
  /** connections after the first (drops, dead streams, failed attempts) */
  reconnects: number;
}

export interface StreamPolicyOptions {
  clock: SyncClock;
  random: Random;
  config?: Partial<StreamConfig>;
  /** open a new connection (the wiring adds the resume cursor) */
  connect: () => void;
  /** close the current connection, if any */
  close: () => void;
}

/** The wait before reconnect number `attempt` (0 = the first): uniform in [0, min(cap, base × 2^attempt)). */
export function reconnectDelay(attempt: number, random: Random, config: Pick<StreamConfig, 'streamBackoffBaseMs' | 'streamBackoffCapMs'>): number {
  return random() * Math.min(config.streamBackoffCapMs, config.streamBackoffBaseMs * 2 ** Math.max(0, attempt));
}

const MINUTE = 60_000;
/** heartbeat gaps remembered for the period estimate */
const GAPS_KEPT = 3;

export class StreamPolicy {
  private readonly clock: SyncClock;
  private readonly random: Random;
  private readonly config: StreamConfig;
  private readonly connectFn: () => void;
  private readonly closeFn: () => void;
  private readonly listeners = new Set<(state: StreamState) => void>();

  private phase: StreamPhase = 'off';
  private online = true;
  private active = false;
  private timer: unknown = null;
  private deadline: number | null = null;

  /** this push episode has been live: reconnects keep `pushing` until push is given up */
  private episodeLive = false;
  /** attempts in a row that delivered no event */
  private failures = 0;
  /** the backoff's exponent */
  private attempt = 0;
  private liveSince: number | null = null;
  private connectTimes: number[] = [];
  private connects = 0;
  private lastEventAt: number | null = null;
  private lastHeartbeatAt: number | null = null;
  private heartbeatGaps: number[] = [];

  private fallback: FallbackReason | null = null;
  private fallbackRetryAt: number | null = null;
  private failingFallbacks = 0;
  /** a poll failed since push was given up: the stream failed because the server is away */
  private outage = false;
  private state: StreamState;

  constructor(options: StreamPolicyOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.config = resolveStreamConfig(options.config);
    this.connectFn = options.connect;
    this.closeFn = options.close;
    this.state = this.computeState();
  }

  // ---- inputs ----

  /** This tab leads and the list is loaded: open the first connection. */
  start(online: boolean): void {
    if (this.phase !== 'off') return;
    this.online = online;
    this.resetEpisode();
    if (online) this.connectNow();
    else this.enter('offline');
  }

  stop(): void {
    if (this.isConnected()) this.closeFn();
    this.enter('off');
    this.episodeLive = false;
    this.fallback = null;
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (this.phase === 'off') return;
    if (!online) {
      if (this.isConnected()) this.closeFn();
      this.enter('offline');
      return;
    }
    if (this.fallback === 'absent' || this.fallback === 'buffered') {
      this.enter('fallback', this.fallbackRetryAt);
      return;
    }
    // Back online: resume at once; the resume is the catch-up.
    this.fallback = null;
    this.failures = 0;
    this.attempt = 0;
    this.connectNow();
  }

  /** Whether any task is queued or running (a silent stream is suspicious only then). */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active && (this.phase === 'connecting' || this.phase === 'open')) {
      const by = this.clock.now() + this.config.firstEventTimeoutMs;
      if (this.deadline === null || by < this.deadline) this.arm(by);
    }
  }

  /** The connection is open (response headers arrived). */
  opened(): void {
    if (this.phase === 'connecting') this.enter('open', this.deadline);
  }

  /** An event arrived (any kind; heartbeats also measure the period). */
  received(kind: 'heartbeat' | 'data'): void {
    if (this.phase !== 'connecting' && this.phase !== 'open' && this.phase !== 'live') return;
    const now = this.clock.now();
    if (kind === 'heartbeat') {
      if (this.lastHeartbeatAt !== null && this.phase === 'live') {
        this.heartbeatGaps = [...this.heartbeatGaps, now - this.lastHeartbeatAt].slice(-GAPS_KEPT);
      }
      this.lastHeartbeatAt = now;
    }
    this.lastEventAt = now;
    if (this.phase !== 'live') {
      this.liveSince = now;
      this.failures = 0;
      this.episodeLive = true;
    } else if (this.liveSince !== null && now - this.liveSince >= this.config.streamStableMs) {
      // Stable: a later drop reconnects quickly again, and a later failing streak starts afresh.
      this.attempt = 0;
      this.failingFallbacks = 0;
    }
    this.enter('live', now + this.watchdogMs());
  }

  /**
   * The connection ended: an error or a close, before or after it opened. `absent`: the wiring
   * found that `/events` does not exist here (404/501).
   */
  failed(absent = false): void {
    if (!this.isConnected()) return;
    this.closeFn();
    this.connectionEnded(absent ? 'absent' : 'error');
  }

  /** A list poll got an answer: after an outage, the server is back, so try push again now. */
  pollSucceeded(): void {
    if (this.phase !== 'fallback' || this.fallback !== 'failing' || !this.outage) return;
    this.retryPush();
  }

  /** A list poll failed: while push is given up for failing, that means the server is away. */
  pollFailed(): void {
    if (this.phase !== 'fallback' || this.fallback !== 'failing' || this.outage) return;
    this.outage = true;
    // The polls probe the server now; no push attempts until one of them gets through.
    this.arm(null);
    this.emit();
  }

  getState(): StreamState {
    return this.state;
  }

  subscribe(listener: (state: StreamState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** When the last event arrived (null before any). */
  lastEvent(): number | null {
    return this.lastEventAt;
  }

  /** The current heartbeat period estimate (ms). */
  heartbeatPeriodMs(): number {
    const { heartbeatMs, heartbeatMinMs, heartbeatMaxMs } = this.config;
    const measured = this.heartbeatGaps.length > 0 ? Math.max(...this.heartbeatGaps) : heartbeatMs;
    return Math.min(heartbeatMaxMs, Math.max(heartbeatMinMs, measured));
  }

  // ---- transitions ----

  private isConnected(): boolean {
    return this.phase === 'connecting' || this.phase === 'open' || this.phase === 'live';
  }

  private watchdogMs(): number {
    return this.config.missedHeartbeats * this.heartbeatPeriodMs();
  }

  private resetEpisode(): void {
    this.episodeLive = false;
    this.fallback = null;
    this.outage = false;
    this.failures = 0;
    this.attempt = 0;
  }

  private connectNow(): void {
    const now = this.clock.now();
    // The hard cap: never more than N connections in any minute, whatever asks for them.
    this.connectTimes = this.connectTimes.filter((at) => at > now - MINUTE);
    const oldest = this.connectTimes[0];
    if (this.connectTimes.length >= this.config.streamMaxConnectsPerMinute && oldest !== undefined) {
      this.enter('waiting', oldest + MINUTE);
      return;
    }
    this.connectTimes.push(now);
    this.connects += 1;
    this.liveSince = null;
    this.lastHeartbeatAt = null;
    const wait = this.active ? this.config.firstEventTimeoutMs : this.watchdogMs();
    this.enter('connecting', now + wait);
    this.connectFn();
  }

  private connectionEnded(cause: 'absent' | 'error' | 'silent' | 'dead'): void {
    const now = this.clock.now();
    if (cause === 'absent') {
      this.enterFallback('absent', now + this.config.pushRetryAbsentMs);
      return;
    }
    if (cause === 'silent' && this.active) {
      // Opened, nothing delivered while tasks run: a proxy holds the events back.
      this.enterFallback('buffered', now + this.config.pushRetryBufferedMs);
      return;
    }
    const wasLive = this.liveSince !== null;
    if (wasLive) {
      if (this.liveSince !== null && now - this.liveSince >= this.config.streamStableMs) this.attempt = 0;
    } else {
      this.failures += 1;
      if (this.failures >= this.config.streamFailuresBeforeFallback) {
        this.failingFallbacks += 1;
        const hold = Math.min(
          this.config.pushRetryFailingCapMs,
          this.config.pushRetryFailingMs * 2 ** (this.failingFallbacks - 1),
        );
        this.enterFallback('failing', now + hold);
        return;
      }
    }
    this.liveSince = null;
    const delay = reconnectDelay(this.attempt, this.random, this.config);
    this.attempt += 1;
    this.enter('waiting', now + delay);
  }

  private enterFallback(reason: FallbackReason, retryAt: number): void {
    this.fallback = reason;
    this.fallbackRetryAt = retryAt;
    this.episodeLive = false;
    this.liveSince = null;
    this.outage = false;
    this.enter('fallback', retryAt);
  }

  private retryPush(): void {
    if (this.fallback === 'failing' && this.outage) {
      // The failures were the outage's, not the stream's: do not hold them against push.
      this.failingFallbacks = Math.max(0, this.failingFallbacks - 1);
    }
    this.resetEpisode();
    this.connectNow();
  }

  private onDeadline(): void {
    this.timer = null;
    switch (this.phase) {
      case 'waiting':
        this.connectNow();
        break;
      case 'connecting':
      case 'open':
        this.closeFn();
        this.connectionEnded('silent');
        break;
      case 'live':
        this.closeFn();
        this.connectionEnded('dead');
        break;
      case 'fallback':
        this.retryPush();
        break;
      default:
        break;
    }
  }

  /** Changes phase, sets the one deadline (null: none) and publishes the state. */
  private enter(phase: StreamPhase, deadline: number | null = null): void {
    this.phase = phase;
    this.arm(deadline);
    this.emit();
  }

  private arm(deadline: number | null): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.deadline = deadline;
    if (deadline !== null) {
      this.timer = this.clock.setTimeout(() => this.onDeadline(), Math.max(0, deadline - this.clock.now()));
    }
  }

  private computeState(): StreamState {
    const phase = this.phase;
    const recovering = this.episodeLive && (phase === 'waiting' || phase === 'connecting' || phase === 'open' || phase === 'offline');
    return {
      phase,
      pushing: phase === 'live' || recovering,
      fallback: this.fallback,
      retryAt: phase === 'fallback' || phase === 'waiting' ? this.deadline : null,
      connects: this.connects,
      reconnects: Math.max(0, this.connects - 1),
    };
  }

  private emit(): void {
    const next = this.computeState();
    const prev = this.state;
    const same = (Object.keys(next) as (keyof StreamState)[]).every((key) => next[key] === prev[key]);
    if (same) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}
