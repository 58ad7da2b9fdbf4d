/**
 * The API client and its one error type: every failure arrives as an ApiError with the right
 * kind, status, code, retryable flag and Retry-After; bodies are validated; nothing crashes.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { createApiClient, parseHttpDate, sendsConditionalRequests, type RequestGate, type ResponseTiming } from './client';
import { eventStreamUrl, getTask, getTaskDetail, listTasks, submitTask } from './endpoints';
import { ApiError, errorTier, isRetryable, MAX_RETRY_AFTER_MS, parseRetryAfter, toApiError } from './errors';
import { taskSchema } from './schemas';

const BASE = 'http://localhost/api/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createApiClient({ baseUrl: BASE });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:45 GMT', now)).toBe(45_000);
  });

  it('clamps to zero and to a sane maximum, and ignores garbage', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('error classification', () => {
  it('retries transport failures, timeouts, 408, 429 and 5xx; not other 4xx', () => {
    expect(isRetryable('network', null)).toBe(true);
    expect(isRetryable('timeout', null)).toBe(true);
    expect(isRetryable('malformed', 200)).toBe(true);
    expect(isRetryable('aborted', null)).toBe(false);
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryable('http', status)).toBe(true);
    for (const status of [400, 401, 402, 403, 404, 409, 422]) expect(isRetryable('http', status)).toBe(false);
  });

  it('puts errors in the tiers the retry caps count', () => {
    expect(errorTier(new ApiError({ kind: 'network' }))).toBe('network');
    expect(errorTier(new ApiError({ kind: 'timeout' }))).toBe('network');
    expect(errorTier(new ApiError({ kind: 'http', status: 503 }))).toBe('throttled');
    expect(errorTier(new ApiError({ kind: 'http', status: 429 }))).toBe('throttled');
    expect(errorTier(new ApiError({ kind: 'http', status: 500 }))).toBe('server');
    expect(errorTier(new ApiError({ kind: 'http', status: 404 }))).toBe('final');
  });

  it('turns anything thrown into an ApiError', () => {
    expect(toApiError(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'network', detail: 'Failed to fetch' });
    expect(toApiError(new DOMException('x', 'AbortError')).kind).toBe('aborted');
  });
});

describe('createApiClient', () => {
  it('validates a good body and sends the contract headers', async () => {
    const task = makeTask({ id: 'abc' });
    let seen: Headers | null = null;
    server.use(
      http.post(`${BASE}/tasks`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.json(task, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
      }),
    );
    const response = await submitTask(client, { type: 'image', title: 't', params: {} }, { idempotencyKey: 'key-1' });
    expect(response.data).toEqual(task);
    expect(response.replayed).toBe(true);
    expect(seen!.get('Idempotency-Key')).toBe('key-1');
    expect(seen!.get('Content-Type')).toBe('application/json');
  });

  it('parses problem details into the error: status, code, detail, traceId, Retry-After', async () => {
    server.use(
      http.get(`${BASE}/tasks/x`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', code: 'rate_limited', retryable: true, traceId: 'tr-9' },
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } },
        ),
      ),
    );
    const error = await failure(getTask(client, 'x'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      code: 'rate_limited',
      title: 'Too Many Requests',
      detail: 'Slow down',
      traceId: 'tr-9',
      retryable: true,
      retryAfterMs: 7_000,
    });
  });

  it("reads an HTTP-date Retry-After on the server's clock (its Date header), not the local one", async () => {
    // The server's clock runs 10 minutes ahead of this one; it says "retry 20 s from my now".
    const serverNow = Date.now() + 10 * 60_000;
    server.use(
      http.get(`${BASE}/tasks/x`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'unavailable', retryable: true },
          {
            status: 503,
            headers: {
              'Content-Type': 'application/problem+json',
              Date: new Date(serverNow).toUTCString(),
              'Retry-After': new Date(serverNow + 20_000).toUTCString(),
            },
          },
        ),
      ),
    );
    const error = await failure(getTask(client, 'x'));
    // About 20 s (the header's whole seconds), not the 10 min 20 s the local clock would make of it.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(19_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(21_000);
  });

  it('classifies a 4xx without a problem body by its status', async () => {
    server.use(http.get(`${BASE}/tasks/x`, () => new HttpResponse('<html>nope</html>', { status: 404 })));
    const error = await failure(getTask(client, 'x'));
    expect(error).toMatchObject({ kind: 'http', status: 404, code: 'not_found', retryable: false });
  });

  it('reports malformed JSON and contract mismatches as malformed, with where it broke', async () => {
    server.use(http.get(`${BASE}/tasks/x`, () => new HttpResponse('{"id": "x", "sta', { status: 200 })));
    expect(await failure(getTask(client, 'x'))).toMatchObject({ kind: 'malformed', retryable: true });

    server.use(http.get(`${BASE}/tasks/y`, () => HttpResponse.json({ ...makeTask(), status: 'exploded' })));
    const mismatch = await failure(getTask(client, 'y'));
    expect(mismatch.kind).toBe('malformed');
    expect(mismatch.detail).toMatch(/status/);
  });

  it('turns a failed fetch into a network error', async () => {
    server.use(http.get(`${BASE}/tasks/x`, () => HttpResponse.error()));
    expect(await failure(getTask(client, 'x'))).toMatchObject({ kind: 'network', retryable: true });
  });

  it('gives up after its timeout', async () => {
    server.use(
      http.get(`${BASE}/tasks/slow`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return HttpResponse.json(makeTask());
      }),
    );
    const quick = createApiClient({ baseUrl: BASE, timeoutMs: 20 });
    expect(await failure(getTask(quick, 'slow'))).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('answers 304 with no data when If-None-Match matches', async () => {
    let sentTag: string | null = null;
    server.use(
      http.get(`${BASE}/tasks`, ({ request }) => {
        sentTag = request.headers.get('If-None-Match');
        return new HttpResponse(null, { status: 304, headers: { ETag: '"v7"' } });
      }),
    );
    const response = await listTasks(client, { since: 'c7' }, { ifNoneMatch: '"v7"' });
    expect(sentTag).toBe('"v7"');
    expect(response).toMatchObject({ notModified: true, data: null, etag: '"v7"' });
  });

  it('across origins sends polls with CORS-safelisted headers only: no If-None-Match, so no preflight per poll', async () => {
    const seen: Headers[] = [];
    server.use(
      http.get('http://api.example/api/v1/tasks', ({ request }) => {
        seen.push(request.headers);
        return HttpResponse.json({ items: [], nextCursor: null, cursor: 'e.2' }, { headers: { ETag: '"v2"' } });
      }),
    );
    const crossOrigin = createApiClient({ baseUrl: 'http://api.example/api/v1' });
    const response = await listTasks(crossOrigin, { since: 'e.1' }, { ifNoneMatch: '"v1"' });
    expect(response.etag).toBe('"v2"');
    expect(seen[0]?.get('If-None-Match')).toBeNull();
    // What the browser may send without a preflight: Accept (a safelisted value), nothing else.
    expect([...(seen[0]?.keys() ?? [])].filter((name) => !['accept', 'accept-encoding', 'accept-language', 'connection', 'host', 'user-agent', 'sec-fetch-mode'].includes(name))).toEqual([]);
  });

  it('sends If-None-Match to its own origin (and outside a browser), or when told to', () => {
    expect(sendsConditionalRequests('/api/v1', 'https://app.example')).toBe(true);
    expect(sendsConditionalRequests('https://app.example/api/v1', 'https://app.example')).toBe(true);
    expect(sendsConditionalRequests('https://api.example/api/v1', 'https://app.example')).toBe(false);
    expect(sendsConditionalRequests('http://app.example:8787/api/v1', 'http://app.example')).toBe(false);
    expect(sendsConditionalRequests('https://api.example/api/v1', null)).toBe(true);
  });

  it('treats an error answer it cannot read (a 503 without CORS headers fails the fetch) as a network failure to back off from', async () => {
    // In a browser such an answer rejects the fetch with a TypeError; its Retry-After is unreadable.
    const blocked = createApiClient({ baseUrl: BASE, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const error = await failure(listTasks(blocked, {}));
    expect(error).toMatchObject({ kind: 'network', status: null, retryable: true, retryAfterMs: null });
    expect(errorTier(error)).toBe('network');
  });

  it('sends nothing while the shared cool-down holds, and feeds it from Retry-After', async () => {
    let until = 0;
    const gate: RequestGate = {
      remaining: (now) => Math.max(0, until - now),
      hold: (ms, now) => {
        until = Math.max(until, now + ms);
      },
    };
    const gated = createApiClient({ baseUrl: BASE, gate });
    const handler = vi.fn(() => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '30' } }));
    server.use(http.get(`${BASE}/tasks/x`, handler));
    expect(await failure(getTask(gated, 'x'))).toMatchObject({ status: 503, retryAfterMs: 30_000 });
    const held = await failure(getTask(gated, 'x'));
    expect(held).toMatchObject({ code: 'cooling_down', retryable: true });
    expect(held.retryAfterMs).toBeGreaterThan(29_000);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports every answer to its observer with status and size', async () => {
    const outcomes: { status: number | null; bytes: number }[] = [];
    const observed = createApiClient({ baseUrl: BASE, onOutcome: (o) => outcomes.push(o) });
    server.use(http.get(`${BASE}/tasks/x`, () => HttpResponse.json(makeTask({ id: 'x' }))));
    await observed.json('/tasks/x', taskSchema);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.status).toBe(200);
    expect(outcomes[0]?.bytes).toBeGreaterThan(100);
  });

  it('tells its response observer when each answer left and arrived, and the server Date (errors too)', async () => {
    let clock = 1_000;
    const timings: ResponseTiming[] = [];
    const timed = createApiClient({ baseUrl: BASE, now: () => clock, onResponse: (timing) => timings.push(timing) });
    const date = 'Mon, 02 Mar 2026 09:00:07 GMT';
    server.use(
      http.get(`${BASE}/tasks`, () => {
        clock += 40; // the round trip
        return HttpResponse.json(
          { items: [], nextCursor: null, cursor: '1.5', serverTime: '2026-03-02T09:00:07.123Z' },
          { headers: { Date: date } },
        );
      }),
      http.get(`${BASE}/tasks/gone`, () => {
        clock += 10;
        return HttpResponse.json({ status: 404, code: 'not_found' }, { status: 404, headers: { Date: date } });
      }),
    );
    const response = await listTasks(timed, {});
    expect(response.data?.serverTime).toBe('2026-03-02T09:00:07.123Z');
    const expected = { method: 'GET', path: '/tasks', status: 200, sentAt: 1_000, receivedAt: 1_040, date: Date.parse(date) };
    expect(response.timing).toEqual(expected);
    await failure(getTask(timed, 'gone'));
    expect(timings).toEqual([expected, { method: 'GET', path: '/tasks/gone', status: 404, sentAt: 1_040, receivedAt: 1_050, date: Date.parse(date) }]);
  });

  it('reports no sample when no answer arrived, and a missing Date as null', async () => {
    const timings: ResponseTiming[] = [];
    const timed = createApiClient({ baseUrl: BASE, onResponse: (timing) => timings.push(timing) });
    server.use(http.get(`${BASE}/tasks/x`, () => HttpResponse.error()));
    await failure(getTask(timed, 'x'));
    expect(timings).toEqual([]);
    expect(parseHttpDate(null)).toBeNull();
    expect(parseHttpDate('yesterday-ish')).toBeNull();
    expect(parseHttpDate('Mon, 02 Mar 2026 09:00:07 GMT')).toBe(Date.parse('2026-03-02T09:00:07Z'));
  });

  it('keeps the browser cache out of every request (cache: no-store)', async () => {
    const modes: RequestCache[] = [];
    const spy: typeof fetch = (_input, init) => {
      modes.push(init?.cache ?? 'default');
      return Promise.resolve(HttpResponse.json(makeTask({ id: 'x' })));
    };
    const spied = createApiClient({ baseUrl: BASE, fetch: spy });
    await getTask(spied, 'x');
    await listTasks(spied, {}).catch(() => null);
    expect(modes).toEqual(['no-store', 'no-store']);
  });

  it('reads a task detail with its attempts, and one without (an older server)', async () => {
    const task = makeTask({ id: 'd1', status: 'failed', attempt: 2 });
    const attempts = [
      { attempt: 1, status: 'failed', startedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-02T09:00:20.000Z', stage: 'inference',
        error: { code: 'gpu_oom', message: 'CUDA out of memory', retryable: true, stage: 'inference', traceId: 'tr' }, cost: 0.02 },
      { attempt: 2, status: 'queued', startedAt: null, finishedAt: null, stage: null, error: null, cost: null },
    ];
    server.use(
      http.get(`${BASE}/tasks/d1`, () => HttpResponse.json({ ...task, attempts })),
      http.get(`${BASE}/tasks/d2`, () => HttpResponse.json(makeTask({ id: 'd2' }))),
      http.get(`${BASE}/tasks/d3`, () => HttpResponse.json({ ...task, attempts: [{ ...attempts[0], attempt: 0 }] })),
    );
    expect((await getTaskDetail(client, 'd1')).attempts).toEqual(attempts);
    expect((await getTaskDetail(client, 'd2')).attempts).toBeUndefined();
    expect(await failure(getTaskDetail(client, 'd3'))).toMatchObject({ kind: 'malformed' });
  });

  it('builds the event stream URL with since, and without it', () => {
    expect(eventStreamUrl(client, '1a2b.17')).toBe(`${BASE}/events?since=1a2b.17`);
    expect(eventStreamUrl(client)).toBe(`${BASE}/events`);
  });
});
