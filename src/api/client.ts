/**
 * The one HTTP client of the app: `fetch` with a base URL, a timeout, the shared Retry-After
 * cool-down, problem+json parsing and zod validation of every body. Every failure leaves as an
 * ApiError (src/api/errors.ts); nothing here retries — retry policy lives in src/lib/sync.
 */
import type * as z from 'zod/mini';
import { ApiError, parseRetryAfter, toApiError } from './errors';
import { problemSchema, type Problem } from './schemas';

export const DEFAULT_BASE_URL = '/api/v1';
export const DEFAULT_TIMEOUT_MS = 15_000;

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  ifNoneMatch?: string | null;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What one request produced, for observers (cool-down, connectivity, metrics). */
export interface RequestOutcome {
  method: string;
  path: string;
  /** HTTP status, or null when no answer arrived */
  status: number | null;
  error: ApiError | null;
  /** bytes of the response body as received */
  bytes: number;
  at: number;
}

/** A shared gate: while it reports a wait, no request is sent (one cool-down for all queries). */
export interface RequestGate {
  /** milliseconds left before requests may go out again; 0 when open */
  remaining(now: number): number;
  /** called with the server's Retry-After (ms from now) on any answer that carries one */
  hold(ms: number, now: number): void;
}

/**
 * When one answer left and arrived, and the server's `Date` header: a sample for the client's
 * estimate of the server clock's offset (contract 1.1 "Clocks"). `date` has whole seconds only;
 * a body's `serverTime` (the list envelope) is finer and pairs with the same `sentAt`/`receivedAt`
 * through `ApiResponse.timing`. Errors with an answer (4xx, 5xx) are samples too.
 */
export interface ResponseTiming {
  method: string;
  path: string;
  status: number;
  /** the client's clock (`now()`) just before the request was sent */
  sentAt: number;
  /** the client's clock when the whole body had arrived */
  receivedAt: number;
  /** the `Date` header as epoch ms; null when absent or unreadable (or not exposed by CORS) */
  date: number | null;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  gate?: RequestGate;
  onOutcome?: (outcome: RequestOutcome) => void;
  /** called for every answer that arrived (any status), before it is parsed or thrown */
  onResponse?: (timing: ResponseTiming) => void;
  /**
   * Whether `ifNoneMatch` is sent as `If-None-Match`. Default: only when the API is on the page's
   * own origin (see `sendsConditionalRequests`).
   */
  conditionalRequests?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  /** null for 204 and 304 */
  data: T | null;
  headers: Headers;
  etag: string | null;
  notModified: boolean;
  /** the server replayed a stored answer for this Idempotency-Key */
  replayed: boolean;
  bytes: number;
  /** round-trip timing and the `Date` header of this answer */
  timing: ResponseTiming;
}

export interface ApiClient {
  readonly baseUrl: string;
  /** Sends a request and validates a JSON body with `schema`; 204/304 yield `data: null`. */
  send<S extends z.ZodMiniType>(
    path: string,
    schema: S | null,
    options?: RequestOptions,
  ): Promise<ApiResponse<z.infer<S>>>;
  /** `send` for endpoints that always return a body. */
  json<S extends z.ZodMiniType>(path: string, schema: S, options?: RequestOptions): Promise<z.infer<S>>;
}

export function resolveBaseUrl(configured: string | undefined): string {
  const value = configured?.trim();
  if (!value) return DEFAULT_BASE_URL;
  return value.replace(/\/+$/, '');
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const now = options.now ?? (() => Date.now());
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const conditional = options.conditionalRequests ?? sendsConditionalRequests(baseUrl);

  async function send<S extends z.ZodMiniType>(
    path: string,
    schema: S | null,
    request: RequestOptions = {},
  ): Promise<ApiResponse<z.infer<S>>> {
    const method = request.method ?? 'GET';
    const url = buildUrl(baseUrl, path, request.query);
    const report = (status: number | null, error: ApiError | null, bytes: number) => {
      options.onOutcome?.({ method, path, status, error, bytes, at: now() });
    };

    const wait = options.gate?.remaining(now()) ?? 0;
    if (wait > 0) {
      // Not sent: the server asked every client request to wait (Retry-After).
      throw new ApiError({
        kind: 'http',
        status: 429,
        code: 'cooling_down',
        title: 'Waiting for the server',
        detail: `The server asked to wait; next request in ${Math.ceil(wait / 1000)} s`,
        retryAfterMs: wait,
        method,
        url,
      });
    }

    const headers = new Headers(request.headers);
    headers.set('Accept', 'application/json, application/problem+json');
    if (request.body !== undefined) headers.set('Content-Type', 'application/json');
    if (request.idempotencyKey) headers.set('Idempotency-Key', request.idempotencyKey);
    if (request.ifNoneMatch && conditional) headers.set('If-None-Match', request.ifNoneMatch);

    const timeoutMs = request.timeoutMs ?? defaultTimeout;
    const { signal, cleanup, timedOut } = withTimeout(request.signal, timeoutMs);
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

    let response: Response;
    let text: string;
    const sentAt = now();
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        // Contract 1.1: the browser's HTTP cache must never answer for the server (a reload
        // showing a deleted task again); conditional requests are made by hand (If-None-Match).
        cache: 'no-store',
      });
      text = response.status === 204 || response.status === 304 ? '' : await response.text();
    } catch (cause) {
      const error = timedOut()
        ? new ApiError({ kind: 'timeout', detail: `No answer within ${timeoutMs} ms`, method, url, cause })
        : request.signal?.aborted
          ? new ApiError({ kind: 'aborted', method, url, cause })
          : new ApiError({ ...fromThrown(cause), method, url, cause });
      report(null, error, 0);
      throw error;
    } finally {
      cleanup();
    }

    const timing: ResponseTiming = {
      method,
      path,
      status: response.status,
      sentAt,
      receivedAt: now(),
      date: parseHttpDate(response.headers.get('Date')),
    };
    options.onResponse?.(timing);

    const bytes = text.length;
    // An HTTP-date Retry-After is a time on the server's clock: measured against the answer's own
    // `Date` (the server's now) when it has one, so a skewed local clock does not stretch it.
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), timing.date ?? now());
    if (retryAfterMs !== null && (response.status === 429 || response.status === 503)) {
      options.gate?.hold(retryAfterMs, now());
    }

    if (!response.ok && response.status !== 304) {
      const error = problemError(response, text, retryAfterMs, method, url);
      report(response.status, error, bytes);
      throw error;
    }

    let data: z.infer<S> | null = null;
    if (schema && response.status !== 204 && response.status !== 304) {
      const parsed = parseBody(schema, text);
      if (!parsed.ok) {
        const error = new ApiError({
          kind: 'malformed',
          status: response.status,
          detail: parsed.detail,
          method,
          url,
        });
        report(response.status, error, bytes);
        throw error;
      }
      data = parsed.value;
    }

    report(response.status, null, bytes);
    return {
      status: response.status,
      data,
      headers: response.headers,
      etag: response.headers.get('ETag'),
      notModified: response.status === 304,
      replayed: response.headers.get('Idempotent-Replayed') === 'true',
      bytes,
      timing,
    };
  }

  async function json<S extends z.ZodMiniType>(
    path: string,
    schema: S,
    request?: RequestOptions,
  ): Promise<z.infer<S>> {
    const response = await send(path, schema, request);
    if (response.data === null) {
      throw new ApiError({
        kind: 'malformed',
        status: response.status,
        detail: `Expected a body, got HTTP ${response.status}`,
        method: request?.method ?? 'GET',
        url: buildUrl(baseUrl, path, request?.query),
      });
    }
    return response.data;
  }

  return { baseUrl, send, json };
}

/**
 * Whether list polls carry `If-None-Match`: only when the API is on the page's own origin.
 * `If-None-Match` is not a CORS-safelisted header, so across origins every request carrying it
 * needs a preflight — and the browser caches a preflight per URL while `since` changes with every
 * poll that brought news, so nearly every poll would cost two requests (+50–67 % measured in
 * issue 10). Without it a cross-origin poll is a simple request (only `Accept`), and an unchanged
 * answer is already small: `since` leaves `items` empty (~0.5 KB with `stats`). Measured in the
 * cross-origin journeys (test/cross-origin): 0 preflights for polls. Outside a browser (Node:
 * tests, benchmarks) there is no CORS and the header is sent.
 */
export function sendsConditionalRequests(baseUrl: string, pageOrigin: string | null = globalThis.location?.origin ?? null): boolean {
  if (!pageOrigin || pageOrigin === 'null') return true;
  try {
    return new URL(baseUrl, pageOrigin).origin === pageOrigin;
  } catch {
    return true;
  }
}

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(','));
    } else {
      search.set(name, String(value));
    }
  }
  const qs = search.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

/** An HTTP date (`Date` header, RFC 9110 IMF-fixdate) as epoch ms; null when absent or unreadable. */
export function parseHttpDate(header: string | null | undefined): number | null {
  if (!header) return null;
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? null : ms;
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; detail: string };

function parseBody<S extends z.ZodMiniType>(schema: S, text: string): ParseResult<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const preview = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    return { ok: false, detail: `The body is not valid JSON (${JSON.stringify(preview)})` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  const more = result.error.issues.length > 3 ? ` (+${result.error.issues.length - 3} more)` : '';
  return { ok: false, detail: `The body does not match the contract: ${issues.join('; ')}${more}` };
}

function problemError(
  response: Response,
  text: string,
  retryAfterMs: number | null,
  method: string,
  url: string,
): ApiError {
  let problem: Problem | null = null;
  if (text) {
    try {
      const parsed = problemSchema.safeParse(JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // Not JSON: an HTML error page from a proxy, say. The status still classifies it.
    }
  }
  return new ApiError({
    kind: 'http',
    status: response.status,
    code: problem?.code,
    title: problem?.title ?? (response.statusText || undefined),
    detail: problem?.detail,
    traceId: problem?.traceId ?? response.headers.get('X-Trace-Id'),
    retryAfterMs,
    problem,
    method,
    url,
  });
}

function fromThrown(cause: unknown): { kind: 'network'; detail: string } {
  const base = toApiError(cause);
  return { kind: 'network', detail: base.detail || 'The server could not be reached' };
}

/** An AbortSignal that fires on the caller's signal or after `ms`, built on setTimeout so that
 * fake timers (vitest, Playwright's page.clock) control it. */
function withTimeout(outer: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new DOMException('Timed out', 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    cleanup: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
