/**
 * The server's clock as this client knows it: an estimate of the offset between the server's
 * clock and the client's, so that a server timestamp (`startedAt`, `finishedAt`, `updatedAt`) is
 * never compared with the client's own `Date.now()` as if the two clocks agreed.
 *
 * Every answer says what time it was on the server at some moment between sending the request
 * and receiving the answer, so each one bounds the offset:
 *
 *   serverTime − receivedAt  ≤  offset  ≤  serverTime + resolution − sentAt
 *
 * The `Date` header has whole seconds (resolution 1000 ms, truncated); `serverTime` in the list
 * envelope and in stream heartbeats has milliseconds (resolution 0). A pushed heartbeat has no
 * `sentAt`, so it bounds the offset from below only. The width of a bound is the round trip plus
 * the resolution: the lowest round trip gives the tightest bound and wins; several samples that
 * agree narrow it further (their intersection). The estimate is the middle of that interval.
 *
 * Clocks get stepped (a laptop waking up, NTP): a sample that contradicts older ones (no overlap)
 * is believed and the older ones are dropped, newest first; samples also age out after
 * `maxAgeMs`. No sample yet: offset 0, as before this module existed.
 *
 * Pure: no timers, no `Date.now()`; the caller passes client times.
 */

export interface ClockSample {
  /** the server's clock (epoch ms): a `Date` header or a `serverTime` */
  serverTime: number;
  /** how coarse `serverTime` is: 1000 for a `Date` header (whole seconds), 0 for `serverTime` */
  resolutionMs: number;
  /** the client's clock just before the request left; null when unknown (a pushed event) */
  sentAt: number | null;
  /** the client's clock when the answer or event arrived */
  receivedAt: number;
}

export interface ServerClockConfig {
  /** samples older than this (by the newest sample's receivedAt) are forgotten */
  maxAgeMs: number;
  /** at most this many samples are kept */
  maxSamples: number;
}

export const SERVER_CLOCK_DEFAULTS: Readonly<ServerClockConfig> = Object.freeze({
  maxAgeMs: 30 * 60_000,
  maxSamples: 32,
});

/** One sample as bounds on the offset (server − client). `hi` is +∞ for a one-sided sample. */
interface OffsetBound {
  lo: number;
  hi: number;
  at: number;
}

export interface ClockEstimate {
  /** server clock − client clock, in ms */
  offsetMs: number;
  /** half the width of the interval the offset is known to lie in; Infinity when bounded on one side only */
  uncertaintyMs: number;
  /** samples that agree on it */
  samples: number;
}

/** A way to translate server timestamps; the estimator below implements it, tests may pass a fixed one. */
export interface ServerTimeline {
  readonly offsetMs: number;
  /** a server timestamp (epoch ms) on the client's clock */
  toClient(serverMs: number): number;
  /** a client time (epoch ms) on the server's clock */
  toServer(clientMs: number): number;
}

export class ServerClock implements ServerTimeline {
  private bounds: OffsetBound[] = [];
  private current: ClockEstimate | null = null;
  private readonly config: ServerClockConfig;
  private readonly listeners = new Set<() => void>();

  constructor(config: Partial<ServerClockConfig> = {}) {
    this.config = { ...SERVER_CLOCK_DEFAULTS, ...config };
  }

  /**
   * Adds one observation of the server's clock. Ignores samples that cannot be right (a
   * non-finite time, an answer that arrived before it was sent). Returns whether the estimate moved.
   */
  sample(sample: ClockSample): boolean {
    const { serverTime, resolutionMs, sentAt, receivedAt } = sample;
    if (!Number.isFinite(serverTime) || !Number.isFinite(receivedAt)) return false;
    if (sentAt !== null && (!Number.isFinite(sentAt) || sentAt > receivedAt)) return false;
    const bound: OffsetBound = {
      lo: serverTime - receivedAt,
      hi: sentAt === null ? Number.POSITIVE_INFINITY : serverTime + Math.max(0, resolutionMs) - sentAt,
      at: receivedAt,
    };
    const oldest = receivedAt - this.config.maxAgeMs;
    this.bounds = [...this.bounds.filter((b) => b.at >= oldest), bound]
      .sort((a, b) => a.at - b.at)
      .slice(-this.config.maxSamples);
    return this.recompute();
  }

  /** A `Date` header (epoch ms, null when absent) of an answer sent at `sentAt` and received at `receivedAt`. */
  sampleDate(date: number | null, sentAt: number, receivedAt: number): boolean {
    if (date === null) return false;
    return this.sample({ serverTime: date, resolutionMs: 1000, sentAt, receivedAt });
  }

  /**
   * A `serverTime` (ISO with ms) from a list answer (with its request's `sentAt`) or a heartbeat
   * event (`sentAt` null). Unreadable values are ignored.
   */
  sampleServerTime(serverTime: string | null | undefined, sentAt: number | null, receivedAt: number): boolean {
    if (!serverTime) return false;
    return this.sample({ serverTime: Date.parse(serverTime), resolutionMs: 0, sentAt, receivedAt });
  }

  get offsetMs(): number {
    return this.current?.offsetMs ?? 0;
  }

  /** The current estimate, or null before the first sample. */
  estimate(): ClockEstimate | null {
    return this.current;
  }

  toClient(serverMs: number): number {
    return serverMs - this.offsetMs;
  }

  toServer(clientMs: number): number {
    return clientMs + this.offsetMs;
  }

  /** Called whenever the estimate moves. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(): boolean {
    // Newest first: the newest sample is always believed; older ones narrow it while they agree.
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    let agreeing = 0;
    for (let i = this.bounds.length - 1; i >= 0; i--) {
      const bound = this.bounds[i];
      if (!bound) continue;
      const nextLo = Math.max(lo, bound.lo);
      const nextHi = Math.min(hi, bound.hi);
      if (nextLo > nextHi) {
        // This one and everything older contradict what newer samples say: a clock was stepped.
        this.bounds = this.bounds.slice(i + 1);
        break;
      }
      lo = nextLo;
      hi = nextHi;
      agreeing += 1;
    }
    const previous = this.current;
    const bounded = Number.isFinite(hi);
    const next: ClockEstimate = {
      // One-sided (heartbeats only): the tightest lower bound, i.e. the fastest delivery seen.
      offsetMs: Math.round(bounded ? (lo + hi) / 2 : lo),
      uncertaintyMs: bounded ? (hi - lo) / 2 : Number.POSITIVE_INFINITY,
      samples: agreeing,
    };
    this.current = next;
    const moved = previous === null || previous.offsetMs !== next.offsetMs;
    if (moved) this.listeners.forEach((listener) => listener());
    return moved;
  }
}

/** A timeline with a fixed offset (0 = the clocks agree); for tests and before any sample. */
export function fixedTimeline(offsetMs = 0): ServerTimeline {
  return {
    offsetMs,
    toClient: (serverMs) => serverMs - offsetMs,
    toServer: (clientMs) => clientMs + offsetMs,
  };
}
