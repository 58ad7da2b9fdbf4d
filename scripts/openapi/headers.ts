/**
 * The headers of the contract as reusable OpenAPI components (`components.headers`,
 * `components.parameters`), and the headers every answer carries.
 */
import * as z from 'zod/mini';
import { withMeta } from './meta';

const header = (id: string, description: string, schema: z.ZodMiniType = z.string()) =>
  withMeta(schema, { description, header: { id } });

export const headers = {
  cacheControl: header('Cache-Control', 'Always `no-store` (contract 1.1): no cache between the app and the server may answer for it.'),
  date: header('Date', "The server's clock (RFC 9110 IMF-fixdate). Every answer carries it; clients estimate the clock offset from it."),
  traceId: header('X-Trace-Id', 'Identifies the request in the server\'s logs (32 hex digits in the mock); a problem body repeats it as `traceId`.'),
  etag: header('ETag', 'A weak validator of the whole answer for this exact query, `since` included. Send it back as `If-None-Match`.'),
  location: header('Location', 'The new task: `/api/v1/tasks/{id}`.'),
  replayed: header(
    'Idempotent-Replayed',
    '`true` when this is the stored answer of an earlier request with the same `Idempotency-Key` and body (same status and body).',
  ),
  retryAfter: header('Retry-After', 'Seconds (or an HTTP date) to wait before the next request to this server, any request.'),
  accelBuffering: header('X-Accel-Buffering', 'Always `no`: proxies must not buffer the event stream.'),
};

/** Cache-Control, Date and X-Trace-Id: on every answer under /api/v1. */
export function everyAnswer<T extends Record<string, z.ZodMiniType>>(extra: T = {} as T) {
  return z.object({ 'Cache-Control': headers.cacheControl, Date: headers.date, 'X-Trace-Id': headers.traceId, ...extra });
}

export const idempotencyKey = withMeta(z.string().check(z.minLength(1), z.maxLength(255)), {
  description:
    'One key per intent (a UUID, say), at most 255 characters. The same key and body replays the stored answer with `Idempotent-Replayed: true`; the same key with another body answers 422 `idempotency_key_reused`; while the first request is still being processed, 409 `request_in_progress` with `Retry-After: 1`. Missing: 400 `idempotency_key_missing`. Keys are kept at least 24 hours.',
  param: { id: 'IdempotencyKey' },
});

export const ifNoneMatch = withMeta(z.string(), {
  description:
    'The `ETag` of an earlier answer to the same query; when nothing changed the answer is 304 with no body. Not a CORS-safelisted header: across origins a request carrying it needs a preflight.',
  param: { id: 'IfNoneMatch' },
});

export const lastEventId = withMeta(z.string(), {
  description:
    "The `id` of the last event received; the browser sends it on its own reconnects. Wins over `since`. A cursor from another server lifetime is answered with a `reset` event; a malformed one with 400 `invalid_cursor`.",
  param: { id: 'LastEventId' },
});
