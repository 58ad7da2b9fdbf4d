/**
 * Every number of the push channel's policy (streamPolicy.ts), named and defaulted in one place;
 * docs/sync.md lists them with the reason for each value. Durations are milliseconds. Apart from
 * the polling numbers (config.ts) only because the runtime alone needs these: they stay out of
 * the first bundle.
 */
export interface StreamConfig {
  /** reconnects: full-jitter backoff, random() × min(cap, base × 2^n) */
  streamBackoffBaseMs: number;
  streamBackoffCapMs: number;
  /** a connection that stayed up this long starts the backoff (and the fallback count) afresh */
  streamStableMs: number;
  /** never more stream connections than this in any 60 s, whatever asks for them */
  streamMaxConnectsPerMinute: number;
  /** connection attempts in a row that deliver no event before push is given up for polling */
  streamFailuresBeforeFallback: number;
  /** the heartbeat period assumed until heartbeats are seen (the contract: at least every 15 s) */
  heartbeatMs: number;
  /** the measured heartbeat period is kept within these bounds */
  heartbeatMinMs: number;
  heartbeatMaxMs: number;
  /** this many heartbeat periods without any event = a dead stream */
  missedHeartbeats: number;
  /** a stream that delivers nothing this long while tasks are active sits behind a buffering proxy */
  firstEventTimeoutMs: number;
  /** push absent (404/501): try it again after this */
  pushRetryAbsentMs: number;
  /** behind a buffering proxy: try push again after this */
  pushRetryBufferedMs: number;
  /** push keeps failing while polls work: try again after this, doubling each time up to the cap */
  pushRetryFailingMs: number;
  pushRetryFailingCapMs: number;
}

export const DEFAULT_STREAM_CONFIG: Readonly<StreamConfig> = Object.freeze({
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
  pushRetryAbsentMs: 10 * 60_000,
  pushRetryBufferedMs: 10 * 60_000,
  pushRetryFailingMs: 60_000,
  pushRetryFailingCapMs: 30 * 60_000,
});

/** The defaults with `overrides` on top (other keys in `overrides` are ignored). */
export function resolveStreamConfig(overrides: Partial<StreamConfig> = {}): StreamConfig {
  const config = { ...DEFAULT_STREAM_CONFIG };
  for (const key of Object.keys(config) as (keyof StreamConfig)[]) {
    const value = overrides[key];
    if (value !== undefined) config[key] = value;
  }
  return config;
}
