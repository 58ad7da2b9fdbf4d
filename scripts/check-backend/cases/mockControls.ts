/**
 * Cases that need the mock controls (`/_mock/…`), run only where a server offers them: 429 and
 * 503 with `Retry-After` (readable across origins), 402 past the budget, a dropped stream and
 * its resume, a skewed clock in `Date`, `serverTime` and heartbeats.
 */
import { expect, expectHeader, expectStatus, retryAfterSeconds, type CheckCase } from '../checkCase';
import { expectExposed } from './cors';
import { checkMessages } from './stream';

const enc = encodeURIComponent;
const HOUR = 3_600_000;

export const mockControlCases: CheckCase[] = [
  {
    id: 'mock.rate-limited',
    title: '429 rate_limited carries Retry-After (and the CORS headers that make it readable)',
    async run(ctx) {
      const config = await ctx.requireMock();
      await ctx.setMock({ faults: { http429: 1 }, retryAfterSeconds: 7 });
      try {
        const answer = await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
        expectStatus(answer, 429, 'rate_limited');
        expect(retryAfterSeconds(answer) === 7, `429: Retry-After ${answer.headers.get('Retry-After')}, expected 7 (retryAfterSeconds)`);
        if (ctx.origin) expectExposed(answer, ctx.origin);
      } finally {
        await ctx.setMock({ faults: config.faults, retryAfterSeconds: config.retryAfterSeconds });
      }
    },
  },
  {
    id: 'mock.outage',
    title: 'During an outage every request answers 503 unavailable with Retry-After (the seconds left)',
    async run(ctx) {
      await ctx.requireMock();
      await ctx.mockControl('/_mock/outage', { seconds: 5 });
      try {
        const list = await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
        expectStatus(list, 503, 'unavailable');
        const seconds = retryAfterSeconds(list);
        expect(seconds >= 1 && seconds <= 5, `503: Retry-After ${seconds}, expected 1..5`);
        if (ctx.origin) expectExposed(list, ctx.origin);
        const submit = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': ctx.key() }, body: await ctx.taskBody('outage') });
        expectStatus(submit, 503, 'unavailable');
      } finally {
        await ctx.mockControl('/_mock/outage', { seconds: 0 });
      }
      expectStatus(await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' }), 200);
    },
  },
  {
    id: 'mock.budget',
    title: 'A submit past the budget answers 402 budget_exceeded',
    async run(ctx) {
      const config = await ctx.requireMock();
      const stats = await ctx.http.request({ path: '/stats', operation: 'GET /stats' });
      expectStatus(stats, 200);
      const spent = (stats.body as { cost: { total: number } }).cost.total;
      await ctx.setMock({ budget: spent });
      try {
        const answer = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': ctx.key() }, body: await ctx.taskBody('budget') });
        expectStatus(answer, 402, 'budget_exceeded');
      } finally {
        await ctx.setMock({ budget: config.budget ?? null });
      }
    },
  },
  {
    id: 'mock.dropped-stream',
    title: 'POST /_mock/events/drop ends open streams; a reconnect with Last-Event-ID misses nothing',
    async run(ctx) {
      await ctx.requireMock();
      await ctx.setMock({ heartbeatSeconds: 1, push: 'on' });
      const opened = await ctx.openStream(`?since=${enc(await ctx.cursor())}`);
      expect(opened.stream, `GET /events answered ${opened.status}`);
      const stream = opened.stream;
      await stream.next((message) => message.id !== null, 2_500);
      const lastId = [...stream.messages].reverse().find((message) => message.id !== null)?.id ?? null;
      expect(lastId, 'no event with an id before the drop');
      await ctx.mockControl('/_mock/events/drop');
      const ended = await stream.waitForEnd(3_000);
      stream.close();
      expect(ended, 'the stream was still open 3 s after POST /_mock/events/drop');
      const task = await ctx.submit('after the drop');
      const again = await ctx.openStream('', { 'Last-Event-ID': lastId });
      expect(again.stream, `reconnect answered ${again.status}`);
      try {
        const event = await again.stream.next((message) => message.event === 'task' && message.data.includes(`"${task.id}"`), 10_000);
        expect(event, `after the drop and a reconnect with Last-Event-ID ${lastId}: no task event for ${task.id}`);
        checkMessages(ctx, again.stream.messages);
      } finally {
        again.stream.close();
      }
    },
  },
  {
    id: 'mock.clock-skew',
    title: 'A skewed server clock shows in Date, serverTime and heartbeats alike',
    async run(ctx) {
      const config = await ctx.requireMock();
      await ctx.setMock({ clockSkewMs: HOUR, heartbeatSeconds: 1, push: 'on' });
      try {
        const answer = await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
        expectStatus(answer, 200);
        const date = Date.parse(expectHeader(answer, 'Date'));
        const serverTime = Date.parse(String((answer.body as { serverTime?: unknown }).serverTime));
        const near = (value: number) => Math.abs(value - HOUR - answer.receivedAt) < 10_000;
        expect(near(date), `Date is ${new Date(date).toISOString()}, expected about an hour ahead`);
        expect(near(serverTime), `serverTime is ${new Date(serverTime).toISOString()}, expected about an hour ahead`);
        const opened = await ctx.openStream();
        if (opened.stream) {
          try {
            const beat = await opened.stream.next((message) => message.event === 'heartbeat', 2_500);
            expect(beat, 'no heartbeat');
            const time = Date.parse((JSON.parse(beat.data) as { serverTime: string }).serverTime);
            expect(Math.abs(time - HOUR - beat.at) < 10_000, `heartbeat serverTime ${new Date(time).toISOString()} is not an hour ahead`);
          } finally {
            opened.stream.close();
          }
        }
      } finally {
        await ctx.setMock({ clockSkewMs: config.clockSkewMs ?? 0 });
      }
    },
  },
];
