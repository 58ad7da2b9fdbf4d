/**
 * The full load keeps the first page's `ETag` (issue 10): the mirror carries it, so the next poll
 * can be conditional (on the page's own origin) instead of starting without a validator.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { TEST_BASE_URL } from '../../test/utils/renderWithServices';
import { createApiClient } from '../api/client';
import { fetchDelta, loadMirror } from './mirrorFetch';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createApiClient({ baseUrl: TEST_BASE_URL });
const now = () => 1_000;

it("keeps the first page's ETag, and the next poll sends it and reads a 304", async () => {
  const sent: (string | null)[] = [];
  server.use(
    http.get(`${TEST_BASE_URL}/tasks`, ({ request }) => {
      const url = new URL(request.url);
      sent.push(request.headers.get('If-None-Match'));
      if (request.headers.get('If-None-Match') === 'W/"e.7"') return new HttpResponse(null, { status: 304, headers: { ETag: 'W/"e.7"' } });
      const second = url.searchParams.get('pageCursor') === 'p2';
      return HttpResponse.json(
        { items: [makeTask({ id: second ? 'b' : 'a', version: 7 })], nextCursor: second ? null : 'p2', cursor: 'e.7' },
        { headers: { ETag: second ? 'W/"e.7-p2"' : 'W/"e.7"' } },
      );
    }),
  );
  const mirror = await loadMirror(client, now);
  expect(mirror.order).toHaveLength(2);
  expect(mirror.etag).toBe('W/"e.7"');
  const result = await fetchDelta(client, mirror, now);
  expect(sent.at(-1)).toBe('W/"e.7"');
  expect(result).toEqual({ notModified: true, delta: null });
});
