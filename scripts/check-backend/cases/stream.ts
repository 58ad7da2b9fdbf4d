/**
 * The push channel (`GET /events`, optional): a `text/event-stream` that is not cached or
 * buffered, heartbeats at least every 15 s, each change as an event whose data matches its
 * schema and whose id is a list cursor of this server, removals, resume from `Last-Event-ID`,
 * `reset` for a cursor of another lifetime, 400 for a malformed one.
 */
import { expect, expectHeader, expectStatus, fail, skip, type CheckCase } from '../checkCase';
import type { CheckContext } from '../context';
import { cursorParts, otherLifetime } from '../cursorText';
import type { SseMessage, SseStream } from '../sse';

const DATA_SCHEMAS: Record<string, string> = {
  task: 'Task',
  removed: 'RemovedEventData',
  reset: 'ResetEventData',
  heartbeat: 'HeartbeatEventData',
  stats: 'Stats',
};
const enc = encodeURIComponent;

/** Every message so far: known events have JSON data matching their schema; changes carry ids that never go back. */
export function checkMessages(ctx: CheckContext, messages: SseMessage[]): void {
  let last: number | null = null;
  for (const message of messages) {
    const schema = DATA_SCHEMAS[message.event];
    if (!schema) continue;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      fail(`"${message.event}" event: data is not one line of JSON: ${message.data.slice(0, 80)}`);
    }
    const problems = ctx.validator.checkSchema(schema, data);
    expect(problems.length === 0, `"${message.event}" event: data ${problems.join('; ')}`);
    if (message.event === 'task' || message.event === 'removed') {
      expect(message.id, `"${message.event}" event without an id: a client could not resume after it`);
    }
    const sequence = message.id ? cursorParts(message.id)?.sequence : undefined;
    if (sequence !== undefined) {
      expect(last === null || sequence >= last, `event ids went back: ${message.id} after a sequence of ${last}`);
      last = sequence;
    }
  }
}

const isTaskEvent = (id: string) => (message: SseMessage) => message.event === 'task' && (JSON.parse(message.data) as { id?: string }).id === id;
const heartbeatSeconds = async (ctx: CheckContext) => ((await ctx.mock()) ? 1 : 15);

/** With the mock controls, heartbeats every second so the cases do not wait 15 s. */
async function fastHeartbeats(ctx: CheckContext): Promise<void> {
  if (await ctx.mock()) await ctx.setMock({ heartbeatSeconds: 1, push: 'on' });
}

async function open(ctx: CheckContext, query = '', headers: Record<string, string> = {}): Promise<SseStream> {
  const opened = await ctx.openStream(query, headers);
  if (!opened.stream) fail(`GET /events${query} answered ${opened.status} ${opened.text.slice(0, 120)}`);
  return opened.stream;
}

export const streamCases: CheckCase[] = [
  {
    id: 'stream.open',
    title: 'GET /events answers text/event-stream with Cache-Control: no-store and X-Accel-Buffering: no, and a heartbeat',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const opened = await ctx.openStream();
      const stream = opened.stream;
      if (!stream) fail(`GET /events answered ${opened.status} (${opened.headers.get('Content-Type') ?? 'no Content-Type'}), expected a text/event-stream`);
      try {
        const answer = { status: opened.status, headers: opened.headers, label: 'GET /events' } as Parameters<typeof expectHeader>[0];
        expect(/(^|,)\s*no-store/i.test(expectHeader(answer, 'Cache-Control')), 'GET /events: Cache-Control is not no-store');
        expect(expectHeader(answer, 'X-Accel-Buffering').trim().toLowerCase() === 'no', 'GET /events: X-Accel-Buffering is not "no"');
        const beat = await stream.next((message) => message.event === 'heartbeat', (await heartbeatSeconds(ctx)) * 1000 + 1500);
        expect(beat, `no heartbeat event within ${await heartbeatSeconds(ctx)} s of opening the stream`);
        checkMessages(ctx, stream.messages);
      } finally {
        stream.close();
      }
    },
  },
  {
    id: 'stream.heartbeat',
    title: 'Heartbeat events (not comments) keep coming at least every 15 s, with serverTime',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const period = await heartbeatSeconds(ctx);
      const stream = await open(ctx);
      try {
        const first = await stream.next((message) => message.event === 'heartbeat', period * 1000 + 1500);
        expect(first, `no heartbeat within ${period} s`);
        const index = stream.messages.indexOf(first);
        const second = await stream.next((message) => message.event === 'heartbeat', period * 1000 + 1500, index + 1);
        expect(second, `no second heartbeat within ${period} s of the first`);
        checkMessages(ctx, stream.messages);
        return `${second.at - first.at} ms apart`;
      } finally {
        stream.close();
      }
    },
  },
  {
    id: 'stream.task-events',
    title: 'A change is pushed as a task event: data is the task, id is a list cursor of this server',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const cursor = await ctx.cursor();
      const stream = await open(ctx, `?since=${enc(cursor)}`);
      try {
        const task = await ctx.submit('stream');
        const event = await stream.next(isTaskEvent(task.id), 10_000);
        expect(event, `no task event for the new task ${task.id} within 10 s`);
        checkMessages(ctx, stream.messages);
        expect(event.id, 'the task event has no id');
        const resumed = await ctx.http.request({ path: `/tasks?since=${enc(event.id)}`, operation: 'GET /tasks' });
        expect(resumed.status === 200, `GET /tasks?since=<the event's id ${event.id}> answered ${resumed.status}: an event id must be a list cursor of this server`);
      } finally {
        stream.close();
      }
    },
  },
  {
    id: 'stream.removed-events',
    title: 'A deletion is pushed as a removed event with the task’s id',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const task = await ctx.submit('stream removed');
      const stream = await open(ctx, `?since=${enc(await ctx.cursor())}`);
      try {
        expectStatus(await ctx.cancelAndDelete(task.id), 204);
        const event = await stream.next(
          (message) => message.event === 'removed' && ((JSON.parse(message.data) as { ids?: string[] }).ids ?? []).includes(task.id),
          10_000,
        );
        expect(event, `no removed event for ${task.id} within 10 s of deleting it`);
        checkMessages(ctx, stream.messages);
      } finally {
        stream.close();
      }
    },
  },
  {
    id: 'stream.resume',
    title: 'Reconnecting with Last-Event-ID first replays what changed while disconnected',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const first = await open(ctx, `?since=${enc(await ctx.cursor())}`);
      let lastId: string | null;
      try {
        await first.next((message) => message.id !== null, (await heartbeatSeconds(ctx)) * 1000 + 1500);
        lastId = [...first.messages].reverse().find((message) => message.id !== null)?.id ?? null;
        expect(lastId, 'no event with an id arrived, so there is nothing to resume from');
        checkMessages(ctx, first.messages);
      } finally {
        first.close();
      }
      const task = await ctx.submit('while disconnected');
      const second = await open(ctx, '', { 'Last-Event-ID': lastId });
      try {
        const event = await second.next(isTaskEvent(task.id), 10_000);
        expect(event, `after Last-Event-ID ${lastId}: no task event for ${task.id}, submitted while disconnected`);
        checkMessages(ctx, second.messages);
      } finally {
        second.close();
      }
    },
  },
  {
    id: 'stream.reset',
    title: 'A Last-Event-ID from another server lifetime gets a reset event (and the stream goes on)',
    async run(ctx) {
      await fastHeartbeats(ctx);
      const foreign = otherLifetime(await ctx.cursor(), 1);
      if (!foreign) skip('the cursor is not of the <lifetime>.<sequence> shape');
      const stream = await open(ctx, '', { 'Last-Event-ID': foreign });
      try {
        const reset = await stream.next((message) => message.event === 'reset', 5_000);
        expect(reset, `no reset event for Last-Event-ID ${foreign} (another lifetime) within 5 s`);
        checkMessages(ctx, stream.messages);
      } finally {
        stream.close();
      }
    },
  },
  {
    id: 'stream.malformed-cursor',
    title: 'GET /events?since=<not a cursor> answers 400 invalid_cursor, not a stream',
    async run(ctx) {
      const opened = await ctx.openStream(`?since=${enc('not a cursor!')}`);
      opened.stream?.close();
      expect(!opened.stream, 'GET /events?since=<not a cursor> opened a stream');
      let code: unknown;
      try {
        code = (JSON.parse(opened.text) as { code?: unknown }).code;
      } catch {
        code = undefined;
      }
      expect(opened.status === 400 && code === 'invalid_cursor', `GET /events?since=<not a cursor> answered ${opened.status} ${String(code)}, expected 400 invalid_cursor`);
    },
  },
];
