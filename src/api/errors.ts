/**
 * One typed error for everything that can go wrong talking to the backend: transport failures,
 * timeouts, problem+json answers and bodies that do not match the contract. Callers branch on
 * `kind`, `status`, `code` and `retryable`, never on message text.
 */
import type { Problem } from './schemas';

export type ApiErrorKind =
  /** fetch rejected: DNS, connection refused, offline, CORS */
  | 'network'
  /** no answer within the client's timeout */
  | 'timeout'
  /** the caller aborted (component unmounted, user canceled) */
  | 'aborted'
  /** the server answered with a non-2xx status */
  | 'http'
  /** a 2xx whose body is not JSON or does not match the contract */
  | 'malformed';

/** Retry-After values above this are treated as this: a broken header must not freeze the app. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status?: number | null;
  code?: string;
  title?: string;
  detail?: string;
  traceId?: string | null;
  retryAfterMs?: number | null;
  problem?: Problem | null;
  method?: string;
  url?: string;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly traceId: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly problem: Problem | null;
  readonly method: string;
  readonly url: string;

  constructor(init: ApiErrorInit) {
    const title = init.title ?? defaultTitle(init.kind, init.status ?? null);
    const detail = init.detail ?? '';
    super(detail ? `${title}: ${detail}` : title, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? defaultCode(init.kind, this.status);
    this.title = title;
    this.detail = detail;
    this.traceId = init.traceId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.problem = init.problem ?? null;
    this.method = init.method ?? 'GET';
    this.url = init.url ?? '';
    this.retryable = isRetryable(this.kind, this.status);
  }
}

/**
 * The client's own classification (contract "Errors and back-pressure"): transport failures,
 * timeouts, 408, 429 and 5xx are worth another try; other 4xx are final. A malformed 2xx body is
 * retryable too: it is usually a proxy or deploy glitch, and every write carries an
 * Idempotency-Key, so asking again cannot create a second task.
 */
export function isRetryable(kind: ApiErrorKind, status: number | null): boolean {
  switch (kind) {
    case 'network':
    case 'timeout':
    case 'malformed':
      return true;
    case 'aborted':
      return false;
    case 'http':
      if (status === null) return false;
      return status === 408 || status === 429 || status >= 500;
  }
}

/** The retry tier an error counts against (caps differ: network 5, server 3). */
export type ErrorTier = 'network' | 'server' | 'throttled' | 'final';

export function errorTier(error: ApiError): ErrorTier {
  if (!error.retryable) return 'final';
  if (error.kind === 'network' || error.kind === 'timeout') return 'network';
  if (error.status === 429 || error.status === 503) return 'throttled';
  return 'server';
}

/** Any thrown value as an ApiError, so the UI has one shape to show. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (value instanceof DOMException && value.name === 'AbortError') {
    return new ApiError({ kind: 'aborted', cause: value });
  }
  const detail = value instanceof Error ? value.message : String(value);
  return new ApiError({ kind: 'network', detail, cause: value });
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns milliseconds
 * from `now`, clamped to [0, max]; null when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
  max: number = MAX_RETRY_AFTER_MS,
): number | null {
  if (header == null) return null;
  const value = header.trim();
  if (value === '') return null;
  let ms: number;
  if (/^\d+$/.test(value)) {
    ms = Number(value) * 1000;
  } else if (/^\d+\.\d+$/.test(value)) {
    // Not allowed by the RFC, but seen in the wild; read it rather than ignore it.
    ms = Math.round(Number(value) * 1000);
  } else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return null;
    ms = date - now;
  }
  return Math.min(Math.max(ms, 0), max);
}

function defaultTitle(kind: ApiErrorKind, status: number | null): string {
  switch (kind) {
    case 'network':
      return 'Network error';
    case 'timeout':
      return 'Request timed out';
    case 'aborted':
      return 'Request aborted';
    case 'malformed':
      return 'Unexpected response from the server';
    case 'http':
      return status === null ? 'HTTP error' : `HTTP ${status}`;
  }
}

function defaultCode(kind: ApiErrorKind, status: number | null): string {
  if (kind !== 'http') return kind;
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'budget_exceeded';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'request_timeout';
    case 409:
      return 'conflict';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return status !== null && status >= 500 ? 'server_error' : 'http_error';
  }
}
