/**
 * Paging always moves forward: a `nextCursor` that repeats, a list that never ends, or pages that
 * keep bringing nothing new make the answer malformed — the load stops with a clear error instead
 * of sending requests forever. An honest multi-page answer is followed to its end.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { createApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { applyDelta, emptyMirror } from '../lib/taskMirror';
import { fetchDelta, loadMirror, MAX_PAGES } from './mirrorFetch';

const BASE = 'http://localhost/api/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createApiClient({ baseUrl: BASE });
const now = () => 0;
let requests = 0;

/** Answers every list request with `page(n)` for the n-th request (1-based). */
function serve(page: (n: number, url: URL) => { items: unknown[]; nextCursor: string | null }) {
  requests = 0;
  server.use(
    http.get(`${BASE}/tasks`, ({ request }) => {
      requests += 1;
      return HttpResponse.json({ cursor: 'c1', ...page(requests, new URL(request.url)) });
    }),
  );
}

async function malformed(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).kind).toBe('malformed');
  return error as ApiError;
}

describe('paging', () => {
  it('follows an honest multi-page answer to its end', async () => {
    serve((n) => ({ items: [makeTask({ id: `t${n}` })], nextCursor: n < 3 ? `p${n}` : null }));
    const mirror = await loadMirror(client, now);
    expect(mirror.order).toHaveLength(3);
    expect(requests).toBe(3);
  });

  it('stops on a next cursor it has seen before', async () => {
    serve((n) => ({ items: [makeTask({ id: `t${n}` })], nextCursor: 'same' }));
    const error = await malformed(loadMirror(client, now));
    expect(error.detail).toContain('repeats the page cursor "same"');
    expect(requests).toBe(2);
  });

  it('stops on pages that bring nothing new', async () => {
    const task = makeTask({ id: 'only' });
    serve((n) => ({ items: [task], nextCursor: `p${n}` }));
    const error = await malformed(loadMirror(client, now));
    expect(error.detail).toContain('nothing new');
    expect(requests).toBe(4);
  });

  it('stops a list that never ends at the page bound', async () => {
    serve((n) => ({ items: [makeTask({ id: `t${n}` })], nextCursor: `p${n}` }));
    const error = await malformed(loadMirror(client, now));
    expect(error.detail).toContain(`did not end after ${MAX_PAGES} pages`);
    expect(requests).toBe(MAX_PAGES);
  });

  it('guards the delta poll the same way', async () => {
    serve((n, url) => ({
      items: [makeTask({ id: `t${n}` })],
      nextCursor: url.searchParams.get('pageCursor') === null ? 'loop' : 'loop',
    }));
    const mirror = applyDelta(emptyMirror(), { items: [], cursor: 'c0' }, 0);
    await malformed(fetchDelta(client, mirror, now));
    expect(requests).toBe(2);
  });
});
