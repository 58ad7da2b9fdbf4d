/**
 * Every number of the polling engine, named and defaulted in one place. The cadence, the
 * backoff, the scheduler and the benchmark all read these, and docs/polling.md lists them with
 * the reason for each value. Durations are milliseconds.
 */

export interface SyncConfig {
  // --- cadence while tasks are active (src/lib/sync/cadence.ts) ---
  /** never two automatic polls closer than this, however close an ETA is */
  floorMs: number;
  /** never a longer automatic wait than this while a task is active */
  capMs: number;
  /** far from the estimated end, wait this share of the estimated time left… */
  approachFactor: number;
  /** …or up to this share, to share a look another task needs anyway */
  approachLatestFactor: number;
  /** when the estimated end is this close, aim the next poll just past it */
  aimWithinMs: number;
  /** how far past the estimated end the aimed poll lands (covers a little ETA error) */
  aimMarginMs: number;
  /** how much later an aimed poll may go, to share a look another task needs anyway */
  aimSlackMs: number;
  /** past the estimated end, wait this share of how late the task already is */
  overdueFactor: number;
  /** the longest wait for an overdue task */
  overdueCapMs: number;

  // --- cadence without an ETA (queued, no progress yet): like the old adaptive schedule ---
  /** the quick start: the interval while a task without ETA is young… */
  quickIntervalMs: number;
  /** …or up to this, to share a look another task needs anyway */
  quickLatestMs: number;
  /** how long a task stays "young" */
  quickPhaseMs: number;
  /** after the quick start, the interval is this share of how long the task has been watched… */
  noEtaGrowth: number;
  /** …but at least this… */
  noEtaMinMs: number;
  /** …and at most this */
  noEtaCapMs: number;

  // --- the scheduler (src/lib/sync/scheduler.ts) ---
  /** ± share of random jitter on every cadence wait */
  jitterRatio: number;
  /** the jitter never moves a poll by more than this (an aimed poll must stay near its ETA) */
  jitterMaxMs: number;
  /** nothing active: a slow check so tasks submitted elsewhere appear; 0 = none */
  idleHeartbeatMs: number;
  /** hidden page: at most one request per this interval; 0 = no requests while hidden */
  hiddenIntervalMs: number;
  /** after a catch-up (page shown again, back online): this many quick polls… */
  burstPolls: number;
  /** …at most this far apart */
  burstIntervalMs: number;
  /** start() fetches at once (the first list load) */
  pollOnStart: boolean;
  /** while push carries the updates: one list poll per this interval, to catch anything missed; 0 = none */
  safetyNetMs: number;

  // --- errors (src/lib/sync/backoff.ts) ---
  /** full-jitter exponential backoff: random() × min(cap, base × factor^retry) */
  backoffBaseMs: number;
  backoffFactor: number;
  backoffCapMs: number;
  /** retries after network failures and timeouts before "gave up — retry" */
  networkRetries: number;
  /** retries after 5xx (and 408, malformed bodies) before "gave up" */
  serverRetries: number;
  /** retries after 429 / 503 (each waits at least the Retry-After) before "gave up" */
  throttledRetries: number;
  /**
   * after giving up: one quiet probe per this interval, so an outage ends by itself; 15 s keeps
   * an outage at ≤ 4 requests a minute and sees the server's return within 15 s; 0 = none
   */
  gaveUpProbeMs: number;
  /** retry budget: tokens in a full bucket; each retry spends one */
  retryBudgetTokens: number;
  /** retry budget: tokens given back by each successful poll */
  retryBudgetRefill: number;
}

export const DEFAULT_SYNC_CONFIG: Readonly<SyncConfig> = Object.freeze({
  floorMs: 1_000,
  capMs: 120_000,
  approachFactor: 0.75,
  approachLatestFactor: 1,
  aimWithinMs: 10_000,
  aimMarginMs: 1_000,
  aimSlackMs: 5_000,
  overdueFactor: 0.5,
  overdueCapMs: 15_000,

  quickIntervalMs: 4_000,
  quickLatestMs: 8_000,
  quickPhaseMs: 8_000,
  noEtaGrowth: 0.2,
  noEtaMinMs: 5_000,
  noEtaCapMs: 30_000,

  jitterRatio: 0.1,
  jitterMaxMs: 1_000,
  idleHeartbeatMs: 60_000,
  hiddenIntervalMs: 60_000,
  burstPolls: 2,
  burstIntervalMs: 2_000,
  pollOnStart: true,
  safetyNetMs: 10 * 60_000,

  backoffBaseMs: 1_000,
  backoffFactor: 1.6,
  backoffCapMs: 20_000,
  networkRetries: 5,
  serverRetries: 3,
  throttledRetries: 5,
  gaveUpProbeMs: 15_000,
  retryBudgetTokens: 10,
  retryBudgetRefill: 0.2,
});

/** The defaults with `overrides` on top; unknown keys cannot sneak in through the type. */
export function resolveSyncConfig(overrides: Partial<SyncConfig> = {}): SyncConfig {
  return { ...DEFAULT_SYNC_CONFIG, ...overrides };
}
