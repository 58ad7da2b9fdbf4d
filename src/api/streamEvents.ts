/**
 * The push channel's events (`GET /events`, server-sent events, contract 1.1): one zod schema per
 * event's `data`, and `parseStreamEvent`, which turns one received message (event name, data
 * text, id) into a typed `StreamEvent` or says why it cannot. The stream client (src/sync) and
 * the mock's event feed (mocks/) both speak through these, so they cannot drift apart.
 *
 * Every event's `id` is the list cursor after that change: a client resumes from it with
 * `Last-Event-ID` (or `?since=`), exactly as it would continue a `GET /tasks?since=` poll.
 */
import * as z from 'zod/mini';
import { parseTask, type RejectedTask } from './lenientTasks';
import { statsSchema, taskSchema, type Stats, type Task } from './schemas';

export const STREAM_EVENT_TYPES = ['task', 'removed', 'reset', 'heartbeat', 'stats'] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

/** `task`: the full task as `GET /tasks/{id}` answers it, without `attempts`. */
export const taskEventDataSchema = taskSchema;

/** `removed`: tasks deleted since the previous event. */
export const removedEventDataSchema = z.object({ ids: z.array(z.string()) });

/**
 * `reset`: the server cannot replay from the cursor the client gave (another server lifetime,
 * or older than the deletions it keeps). The client reloads the full list and keeps reading.
 */
export const resetEventDataSchema = z.object({ reason: z.string() });

/** `heartbeat`: at least every 15 s; 2.5 missed heartbeats mean a dead stream. */
export const heartbeatEventDataSchema = z.object({ serverTime: z.string() });

/** `stats` (optional): the `/stats` object, at most every 5 s. */
export const statsEventDataSchema = statsSchema;

export type RemovedEventData = z.infer<typeof removedEventDataSchema>;
export type ResetEventData = z.infer<typeof resetEventDataSchema>;
export type HeartbeatEventData = z.infer<typeof heartbeatEventDataSchema>;

/** The `reason` of a `reset` sent for a cursor the server cannot resume from. */
export const RESET_CURSOR_EXPIRED = 'cursor_expired';

/** One event as the client sees it; `id` is the SSE `id:` (the list cursor), null when absent. */
export type StreamEvent =
  | { type: 'task'; id: string | null; data: Task }
  | { type: 'removed'; id: string | null; data: RemovedEventData }
  | { type: 'reset'; id: string | null; data: ResetEventData }
  | { type: 'heartbeat'; id: string | null; data: HeartbeatEventData }
  | { type: 'stats'; id: string | null; data: Stats };

/** The data schema of each event type. */
export const streamEventDataSchemas = {
  task: taskEventDataSchema,
  removed: removedEventDataSchema,
  reset: resetEventDataSchema,
  heartbeat: heartbeatEventDataSchema,
  stats: statsEventDataSchema,
} as const satisfies Record<StreamEventType, z.ZodMiniType>;

export function isStreamEventType(name: string): name is StreamEventType {
  return (STREAM_EVENT_TYPES as readonly string[]).includes(name);
}

export type ParsedStreamEvent =
  | { ok: true; event: StreamEvent }
  /**
   * `unknown`: an event name this client does not know (ignore it: servers may add events).
   * `rejected`: a `task` event whose task does not match, with its id and version when readable,
   * so the list can keep that task's last good state and mark it (src/sync/unreadableTasksStore.ts).
   */
  | { ok: false; reason: 'unknown' | 'malformed'; detail: string; rejected?: RejectedTask };

/**
 * Reads one received message: `type` is the SSE event name (`MessageEvent.type`), `data` its data
 * text, `id` its `lastEventId` (empty string = none). Never throws.
 */
export function parseStreamEvent(type: string, data: string, id: string | null = null): ParsedStreamEvent {
  if (!isStreamEventType(type)) return { ok: false, reason: 'unknown', detail: `Unknown event "${type}"` };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'malformed', detail: `The data of a "${type}" event is not valid JSON` };
  }
  if (type === 'task') {
    const parsed = parseTask(raw);
    if (parsed.ok) return { ok: true, event: { type, id: id === '' ? null : id, data: parsed.task } };
    return { ok: false, reason: 'malformed', detail: `"task" event: ${parsed.rejected.detail}`, rejected: parsed.rejected };
  }
  const result = streamEventDataSchemas[type].safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(data)';
    return { ok: false, reason: 'malformed', detail: `"${type}" event: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  // The schema picked by `type` produced `result.data`, so the pairing below holds.
  const event = { type, id: id === '' ? null : id, data: result.data } as StreamEvent;
  return { ok: true, event };
}
