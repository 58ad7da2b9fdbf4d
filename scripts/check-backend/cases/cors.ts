/**
 * CORS for an app on another origin (`--origin`): preflights answered with the contract's
 * methods, headers and max-age; `Access-Control-Allow-Origin` and the exposed headers on every
 * answer, errors and the stream included — without them the page cannot read `ETag`,
 * `Retry-After`, `Location` or `Idempotent-Replayed`, and an error reads as a network failure.
 */
import { expect, expectStatus, skip, type CheckCase } from '../checkCase';
import type { CheckContext } from '../context';
import type { Answer } from '../http';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const REQUEST_HEADERS = ['content-type', 'idempotency-key', 'if-none-match', 'last-event-id'];
const EXPOSED = ['etag', 'retry-after', 'location', 'idempotent-replayed', 'date', 'x-trace-id'];

function requireOrigin(ctx: CheckContext): string {
  if (!ctx.origin) skip('no --origin given');
  return ctx.origin;
}

const list = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);

function expectAllowOrigin(answer: Answer, origin: string): void {
  const allowed = answer.headers.get('Access-Control-Allow-Origin');
  expect(allowed === origin || allowed === '*', `${answer.label} ${answer.status}: Access-Control-Allow-Origin is ${JSON.stringify(allowed)}, expected ${origin}`);
}

function expectExposed(answer: Answer, origin: string): void {
  expectAllowOrigin(answer, origin);
  const exposed = list(answer.headers.get('Access-Control-Expose-Headers'));
  const missing = exposed.includes('*') ? [] : EXPOSED.filter((name) => !exposed.includes(name));
  expect(missing.length === 0, `${answer.label} ${answer.status}: Access-Control-Expose-Headers lacks ${missing.join(', ')}`);
}

async function preflight(ctx: CheckContext, origin: string, path: string, method: string, headers: string[]): Promise<Answer> {
  const answer = await ctx.http.request({
    method: 'OPTIONS',
    path,
    operation: null,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers.join(',') },
  });
  expect(answer.status >= 200 && answer.status < 300, `preflight OPTIONS ${path} (${method}) answered ${answer.status}`);
  expectAllowOrigin(answer, origin);
  const methods = list(answer.headers.get('Access-Control-Allow-Methods')).map((item) => item.toUpperCase());
  const missingMethods = methods.includes('*') ? [] : METHODS.filter((name) => !methods.includes(name));
  expect(missingMethods.length === 0, `preflight OPTIONS ${path}: Access-Control-Allow-Methods lacks ${missingMethods.join(', ')}`);
  const allowed = list(answer.headers.get('Access-Control-Allow-Headers'));
  const missingHeaders = allowed.includes('*') ? [] : REQUEST_HEADERS.filter((name) => !allowed.includes(name));
  expect(missingHeaders.length === 0, `preflight OPTIONS ${path}: Access-Control-Allow-Headers lacks ${missingHeaders.join(', ')}`);
  const maxAge = Number(answer.headers.get('Access-Control-Max-Age'));
  expect(maxAge >= 600, `preflight OPTIONS ${path}: Access-Control-Max-Age is ${JSON.stringify(answer.headers.get('Access-Control-Max-Age'))}, expected 600`);
  return answer;
}

export const corsCases: CheckCase[] = [
  {
    id: 'cors.preflight',
    title: 'Preflights for writes, polls and the stream allow the contract’s methods and headers for 600 s',
    async run(ctx) {
      const origin = requireOrigin(ctx);
      await preflight(ctx, origin, '/tasks', 'POST', ['content-type', 'idempotency-key']);
      await preflight(ctx, origin, '/tasks?since=x', 'GET', ['if-none-match']);
      await preflight(ctx, origin, '/tasks/tsk_x', 'DELETE', []);
      await preflight(ctx, origin, '/events', 'GET', ['last-event-id']);
    },
  },
  {
    id: 'cors.exposed-headers',
    title: 'Answers name the app’s origin and expose ETag, Retry-After, Location, Idempotent-Replayed, Date, X-Trace-Id',
    async run(ctx) {
      const origin = requireOrigin(ctx);
      const list = await ctx.http.request({ path: '/tasks?limit=1', operation: 'GET /tasks' });
      expectStatus(list, 200);
      expectExposed(list, origin);
      const submit = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': ctx.key() }, body: await ctx.taskBody('cors') });
      expectStatus(submit, 201);
      ctx.remember((submit.body as { id: string }).id);
      expectExposed(submit, origin);
    },
  },
  {
    id: 'cors.errors',
    title: 'Error answers (404, 405, 400, 410) carry the same CORS headers',
    async run(ctx) {
      const origin = requireOrigin(ctx);
      const answers = [
        await ctx.http.request({ path: '/no-such-route-check-backend', operation: null }),
        await ctx.http.request({ method: 'PUT', path: '/task-types', operation: null, body: {} }),
        await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', body: await ctx.taskBody('cors error') }),
        await ctx.http.request({ path: '/tasks?since=not-a-cursor!', operation: 'GET /tasks' }),
      ];
      for (const answer of answers) {
        expect(answer.status >= 400, `${answer.label}: expected an error, got ${answer.status}`);
        expectExposed(answer, origin);
      }
    },
  },
  {
    id: 'cors.stream',
    title: 'The event stream carries the same CORS headers',
    async run(ctx) {
      const origin = requireOrigin(ctx);
      const opened = await ctx.openStream();
      opened.stream?.close();
      expect(opened.stream, `GET /events answered ${opened.status}`);
      expectExposed({ status: opened.status, headers: opened.headers, label: 'GET /events' } as Answer, origin);
    },
  },
];

export { expectExposed };
