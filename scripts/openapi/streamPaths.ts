/**
 * The push channel (`GET /events`, server-sent events, contract 1.1). OpenAPI 3.1 has no way to
 * describe the items of a stream (3.2's `itemSchema` does), so each event is a component schema
 * — `{ event, id, retry?, data }` with `data` the JSON object of that event — and the
 * `text/event-stream` answer references their union as an array: one item per SSE message, in
 * order. The description says how the items are framed on the wire.
 */
import * as z from 'zod/mini';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  heartbeatEventDataSchema,
  removedEventDataSchema,
  resetEventDataSchema,
  statsEventDataSchema,
  taskEventDataSchema,
} from '../../src/api/streamEvents';
import { everyAnswer, headers, lastEventId } from './headers';
import { withMeta } from './meta';
import { anyEndpoint, problems } from './problems';

withMeta(removedEventDataSchema, { id: 'RemovedEventData', description: 'Tasks deleted.' });
withMeta(resetEventDataSchema, {
  id: 'ResetEventData',
  description: '`reason: "cursor_expired"`: the server cannot replay from the cursor given; reload the full list and keep reading.',
});
withMeta(heartbeatEventDataSchema.shape.serverTime, { format: 'date-time' });
withMeta(heartbeatEventDataSchema, { id: 'HeartbeatEventData', description: "The server's clock (ISO with ms)." });

const cursorId = (required: boolean) => {
  const id = withMeta(z.string(), { description: 'The list cursor after this event (the SSE `id:` line); resume from it.' });
  return required ? id : z.optional(id);
};
const retry = z.optional(withMeta(z.int().check(z.minimum(0)), { description: 'The SSE `retry:` line (reconnect delay, ms); the first event may carry it.' }));

function streamEvent(name: string, data: z.ZodMiniType, description: string, idRequired: boolean) {
  return withMeta(z.object({ event: z.literal(name), id: cursorId(idRequired), retry, data }), {
    id: `${name[0]!.toUpperCase()}${name.slice(1)}Event`,
    description,
  });
}

export const streamEvents = {
  task: streamEvent('task', taskEventDataSchema, 'A task changed: the full task, as `GET /tasks/{id}` answers it but without `attempts`.', true),
  removed: streamEvent('removed', removedEventDataSchema, 'Tasks were deleted.', true),
  reset: streamEvent('reset', resetEventDataSchema, 'The server cannot resume from the cursor given: reload the list, keep reading.', false),
  heartbeat: streamEvent(
    'heartbeat',
    heartbeatEventDataSchema,
    'At least every 15 s — an event, not a comment, so that a page sees it. 2.5 missed heartbeats mean a dead stream.',
    false,
  ),
  stats: streamEvent('stats', statsEventDataSchema, 'Optional: the `/stats` object, at most every 5 s.', false),
};

const FRAMING = `A \`text/event-stream\` (server-sent events, WHATWG HTML §9.2). Each item of this array is one message on the wire: an optional \`retry: <ms>\` line, an \`id: <cursor>\` line, an \`event: <name>\` line, one \`data: <JSON>\` line holding \`data\` as JSON on a single line, then an empty line:

    retry: 1000
    id: lq3k9x.120
    event: heartbeat
    data: {"serverTime":"2026-03-02T09:00:00.000Z"}

    id: lq3k9x.121
    event: task
    data: {"id":"tsk_0001z9k2a","status":"running", …}

Events come in cursor order and their ids never go back. After \`Last-Event-ID\` or \`since\` the server first sends the latest state of every task changed after that cursor (\`task\` events) and a \`removed\` event, then live events; when it cannot, \`reset\`. Progress-only changes may be coalesced to one \`task\` event per task per second; status and stage changes go at once. Clients ignore events they do not know.`;

export const EventStream = withMeta(
  z.array(
    withMeta(
      z.union([streamEvents.task, streamEvents.removed, streamEvents.reset, streamEvents.heartbeat, streamEvents.stats]),
      { id: 'StreamEvent', description: 'One server-sent event; `event` names its kind and the schema of `data`.' },
    ),
  ),
  { id: 'EventStream', description: FRAMING },
);

export const streamPaths: ZodOpenApiPathsObject = {
  '/events': {
    get: {
      tags: ['Push'],
      operationId: 'streamEvents',
      summary: 'Push channel: task changes as server-sent events (optional)',
      description:
        'Optional for a server: without it the answer is 404 (or 501) and clients poll `GET /tasks?since=`. Request it with `Accept: text/event-stream`. Neither `since` nor `Last-Event-ID`: live events only. CORS as for every other endpoint; proxies must not buffer the stream.',
      requestParams: {
        query: z.object({
          since: z.optional(withMeta(z.string(), { description: 'The cursor of the list the client holds (its first connection).' })),
        }),
        header: z.object({
          'Last-Event-ID': z.optional(lastEventId),
          Accept: z.optional(withMeta(z.literal('text/event-stream'), { description: 'Ask for the stream.' })),
        }),
      },
      responses: {
        '200': {
          description: 'The stream, open until the server or the client ends it.',
          headers: everyAnswer({ 'X-Accel-Buffering': headers.accelBuffering }),
          content: { 'text/event-stream': { schema: EventStream } },
        },
        ...problems('invalid_cursor', 'route_not_found'),
        '501': { description: 'This server has no push channel; poll instead.' },
        ...anyEndpoint,
      },
    },
  },
};
