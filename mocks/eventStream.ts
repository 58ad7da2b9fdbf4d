/**
 * `GET /events` as HTTP: the gateway (push off → 404, outage, rate limit, injected faults), the
 * cursor check (400 before any byte is streamed), then a `text/event-stream` Response whose body
 * is fed by an EventFeed (engine/eventFeed.ts) on timers. The Response is a plain web stream, so
 * the same answer serves the browser's service worker (MSW), `msw/node` in tests and the
 * real-HTTP server (server/): no transport knows about the feed, the feed knows no transport.
 *
 * Why not MSW's `sse()`: it cannot answer 404 or 400, sets `Cache-Control: no-cache` where the
 * contract asks for `no-store` (and `X-Accel-Buffering: no`, `Date`), and throws where there is
 * no `EventSource` (jsdom). A streamed Response is what `sse()` builds inside anyway.
 *
 * Timers: the stream sleeps until the feed's next due time (setTimeout), and wakes at once when a
 * request changed the engine (StreamHub). Both run on the page's or the test's clock, so the
 * stream works the same under Playwright's `page.clock` and vitest fake timers.
 */
import { delay } from 'msw';
import { EventFeed, type FeedEvent } from './engine/eventFeed';
import type { TaskEngine } from './engine/engine';
import { isProblemError, ProblemError } from './engine/problems';
import { baseHeaders, problemResponse } from './transport';

/** A stream never sleeps less than this, so a clock that stands still cannot make it spin. */
const MIN_TICK_MS = 10;

/** One event as server-sent-event text (`retry:`, `id:`, `event:`, `data:` lines, blank line). */
export function encodeEvent(event: FeedEvent): string {
  const retry = event.retry === undefined ? '' : `retry: ${event.retry}\n`;
  return `${retry}id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export async function serveEvents(engine: TaskEngine, request: Request): Promise<Response> {
  const traceId = engine.newTraceId();
  try {
    if (engine.config().push === 'off') {
      return problemResponse(engine, new ProblemError('route_not_found', 'This server has no push channel (push is off): poll GET /tasks'), traceId);
    }
    const admission = engine.admit();
    const latency = engine.latency();
    if (latency > 0) await delay(latency);
    if (admission.kind === 'network') return Response.error();
    if (admission.kind === 'problem') return problemResponse(engine, admission.problem, traceId);
    if (admission.kind === 'malformed') {
      // A proxy's broken answer: not an event stream at all.
      return new Response(admission.body, { status: 200, headers: baseHeaders(engine, traceId, { 'Content-Type': 'application/json' }) });
    }
    const lastEventId = request.headers.get('Last-Event-ID');
    const since = new URL(request.url).searchParams.get('since');
    const feed = lastEventId ? new EventFeed(engine, lastEventId, 'Last-Event-ID') : new EventFeed(engine, since, 'since');
    const headers = baseHeaders(engine, traceId, {
      'Content-Type': 'text/event-stream',
      'X-Accel-Buffering': 'no',
    });
    return new Response(streamOf(engine, feed, request.signal), { status: 200, headers });
  } catch (error) {
    if (isProblemError(error)) return problemResponse(engine, error, traceId);
    throw error;
  } finally {
    engine.commit();
  }
}

/** The body of one stream: pumps the feed when due, writes what it returns, ends on drop or abort. */
function streamOf(engine: TaskEngine, feed: EventFeed, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let unregister: () => void = () => undefined;

  const stop = () => {
    closed = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    unregister();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const schedule = (ms: number) => {
        if (closed) return;
        if (timer !== null) clearTimeout(timer);
        timer = setTimeout(tick, Math.max(MIN_TICK_MS, ms));
      };
      const tick = () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (closed) return;
        const { push } = engine.config();
        if (push === 'off') return end();
        // A buffering proxy: the connection stays open, nothing comes through.
        if (push === 'buffered') return schedule(1000);
        const events = feed.pump();
        if (events.length > 0) controller.enqueue(encoder.encode(events.map(encodeEvent).join('')));
        schedule(feed.nextDueAt() - engine.advance());
      };
      const end = () => {
        if (closed) return;
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      unregister = engine.streams.add({ wake: tick, close: end });
      signal.addEventListener('abort', end, { once: true });
      tick();
    },
    cancel() {
      stop();
    },
  });
}
