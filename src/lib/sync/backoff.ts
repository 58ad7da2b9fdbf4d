/**
 * What to do after a failed poll: how long to wait (full-jitter exponential backoff), how many
 * retries an error class gets before the UI says "gave up — retry" (tiered caps), and a retry
 * budget so that a fault storm cannot multiply the number of requests.
 */
import { errorTier, type ApiError, type ErrorTier } from '../../api/errors';
import type { Random } from '../random';
import type { SyncConfig } from './config';

type BackoffConfig = Pick<SyncConfig, 'backoffBaseMs' | 'backoffFactor' | 'backoffCapMs'>;

/**
 * The wait before retry number `retry` (0 for the first retry): uniform in
 * [0, min(cap, base × factor^retry)). "Full jitter" spreads a crowd of clients that failed at
 * the same moment over the whole window instead of letting them return together.
 */
export function backoffDelay(retry: number, random: Random, config: BackoffConfig): number {
  return random() * backoffCeiling(retry, config);
}

/** The upper bound of the full-jitter window for retry number `retry`. */
export function backoffCeiling(retry: number, config: BackoffConfig): number {
  const exponent = Math.max(0, retry);
  return Math.min(config.backoffCapMs, config.backoffBaseMs * config.backoffFactor ** exponent);
}

type RetryCaps = Pick<SyncConfig, 'networkRetries' | 'serverRetries' | 'throttledRetries'>;

/** How many retries an error tier gets in one failure streak; final errors get none. */
export function retryLimit(tier: ErrorTier, config: RetryCaps): number {
  switch (tier) {
    case 'network':
      return config.networkRetries;
    case 'server':
      return config.serverRetries;
    case 'throttled':
      return config.throttledRetries;
    case 'final':
      return 0;
  }
}

/** Per-tier failure counts of the current streak (reset by any success). */
export type FailureCounts = Record<Exclude<ErrorTier, 'final'>, number>;

export function emptyFailureCounts(): FailureCounts {
  return { network: 0, server: 0, throttled: 0 };
}

/**
 * Counts `error` into `counts` (returns a new object) and says whether another retry is allowed.
 * Each tier is capped on its own, so two network blips do not use up the 5xx allowance.
 */
export function countFailure(
  counts: FailureCounts,
  error: ApiError,
  config: RetryCaps,
): { counts: FailureCounts; tier: ErrorTier; retry: boolean } {
  const tier = errorTier(error);
  if (tier === 'final') return { counts, tier, retry: false };
  const next = { ...counts, [tier]: counts[tier] + 1 };
  return { counts: next, tier, retry: next[tier] <= retryLimit(tier, config) };
}

/**
 * A token bucket for retries (the idea of gRPC's retry throttling): a retry spends one token, a
 * success gives back `refill`. While the server is healthy the bucket stays full and retries are
 * free; in a long fault storm it empties and extra retries stop, so requests can grow by at most
 * `refill` retries per success instead of one retry per failure.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    private readonly capacity: number,
    private readonly refill: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes a token if one is left. */
  trySpend(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** A successful request gives back part of a token. */
  onSuccess(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.refill);
  }

  get available(): number {
    return this.tokens;
  }
}
