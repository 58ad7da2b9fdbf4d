/**
 * Rules every answer follows: the headers of contract 1.1 (`Cache-Control: no-store`, `Date`,
 * `X-Trace-Id`), problem details for errors, 404 for unknown routes and 405 with `Allow`, and a
 * `serverTime` that agrees with `Date`.
 */
import { expect, expectHeader, expectStatus, type CheckCase } from '../checkCase';

export const basicCases: CheckCase[] = [
  {
    id: 'task-types',
    title: 'GET /task-types lists at least one task type',
    async run(ctx) {
      const answer = await ctx.http.request({ path: '/task-types', operation: 'GET /task-types' });
      expectStatus(answer, 200);
      const items = (answer.body as { items?: unknown[] }).items ?? [];
      expect(items.length > 0, 'GET /task-types: no task types, so nothing can be submitted');
      return `${items.length} types`;
    },
  },
  {
    id: 'headers.every-answer',
    title: 'Every answer carries Cache-Control: no-store, Date and X-Trace-Id (errors included)',
    async run(ctx) {
      const answers = [
        await ctx.http.request({ path: '/task-types', operation: 'GET /task-types' }),
        await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' }),
        await ctx.http.request({ path: '/stats', operation: 'GET /stats' }),
        await ctx.http.request({ path: '/tasks/tsk_check_backend_missing', operation: 'GET /tasks/{id}' }),
      ];
      for (const answer of answers) {
        const cacheControl = expectHeader(answer, 'Cache-Control');
        expect(/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl), `${answer.label} ${answer.status}: Cache-Control is "${cacheControl}", expected no-store`);
        const date = expectHeader(answer, 'Date');
        expect(!Number.isNaN(Date.parse(date)), `${answer.label}: Date "${date}" is not an HTTP date`);
        expectHeader(answer, 'X-Trace-Id');
      }
    },
  },
  {
    id: 'stats',
    title: 'GET /stats answers the stats object',
    async run(ctx) {
      expectStatus(await ctx.http.request({ path: '/stats', operation: 'GET /stats' }), 200);
    },
  },
  {
    id: 'errors.not-found',
    title: 'An unknown task answers 404 not_found (problem+json)',
    async run(ctx) {
      const answer = await ctx.http.request({ path: '/tasks/tsk_check_backend_missing', operation: 'GET /tasks/{id}' });
      expectStatus(answer, 404, 'not_found');
    },
  },
  {
    id: 'errors.unknown-route',
    title: 'An unknown path answers 404 route_not_found (problem+json)',
    async run(ctx) {
      const answer = await ctx.http.request({ path: '/no-such-route-check-backend', operation: null });
      expectStatus(answer, 404, 'route_not_found');
    },
  },
  {
    id: 'errors.method-not-allowed',
    title: 'A known path with another method answers 405 method_not_allowed with Allow',
    async run(ctx) {
      const answer = await ctx.http.request({ method: 'PUT', path: '/task-types', operation: null, body: {} });
      expectStatus(answer, 405, 'method_not_allowed');
      const allow = expectHeader(answer, 'Allow');
      expect(/\bGET\b/.test(allow), `PUT /task-types 405: Allow is "${allow}", expected it to name GET`);
    },
  },
  {
    id: 'clock.server-time',
    title: 'The list carries serverTime (ISO with ms) that agrees with the Date header',
    async run(ctx) {
      const answer = await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
      expectStatus(answer, 200);
      const serverTime = (answer.body as { serverTime?: unknown }).serverTime;
      expect(typeof serverTime === 'string', 'GET /tasks: no serverTime in the list envelope (contract 1.1)');
      const time = Date.parse(serverTime);
      expect(!Number.isNaN(time), `GET /tasks: serverTime "${serverTime}" is not an ISO time`);
      const date = Date.parse(expectHeader(answer, 'Date'));
      // Date has whole seconds (truncated), serverTime milliseconds: they agree within a second or two.
      expect(Math.abs(time - date) <= 2_000, `GET /tasks: serverTime ${serverTime} and Date ${new Date(date).toUTCString()} differ by ${time - date} ms`);
      const offset = time - (answer.sentAt + answer.receivedAt) / 2;
      return `server clock ${offset >= 0 ? '+' : ''}${Math.round(offset)} ms from this machine's`;
    },
  },
];
