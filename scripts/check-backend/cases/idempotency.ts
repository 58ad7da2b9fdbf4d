/**
 * Idempotent writes (`POST /tasks`, `POST /tasks/{id}/retry`): the key is required, a repeat
 * replays the stored answer with `Idempotent-Replayed: true` and creates nothing, the same key
 * with another body is 422, and a repeat while the first is still in flight is 409 with
 * `Retry-After`.
 */
import { expect, expectHeader, expectStatus, retryAfterSeconds, skip, type CheckCase } from '../checkCase';
import type { TaskLike } from '../context';

const enc = encodeURIComponent;

export const idempotencyCases: CheckCase[] = [
  {
    id: 'idempotency.missing-key',
    title: 'POST /tasks and POST /tasks/{id}/retry without Idempotency-Key answer 400 idempotency_key_missing',
    async run(ctx) {
      const body = await ctx.taskBody('missing key');
      expectStatus(await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', body }), 400, 'idempotency_key_missing');
      const task = await ctx.submit('retry without key');
      const retry = await ctx.http.request({ method: 'POST', path: `/tasks/${enc(task.id)}/retry`, operation: 'POST /tasks/{id}/retry', body: {} });
      expectStatus(retry, 400, 'idempotency_key_missing');
    },
  },
  {
    id: 'idempotency.key-too-long',
    title: 'An Idempotency-Key over 255 characters answers 400 idempotency_key_invalid',
    async run(ctx) {
      const body = await ctx.taskBody('long key');
      const answer = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': 'k'.repeat(256) }, body });
      expectStatus(answer, 400, 'idempotency_key_invalid');
    },
  },
  {
    id: 'idempotency.replay',
    title: 'The same key and body again replays the stored 201 with Idempotent-Replayed: true and creates no second task',
    async run(ctx) {
      const key = ctx.key();
      const body = await ctx.taskBody(`replay ${key.slice(-12)}`);
      const first = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': key }, body });
      expectStatus(first, 201);
      const task = first.body as TaskLike;
      ctx.remember(task.id);
      const location = expectHeader(first, 'Location');
      expect(location.endsWith(`/tasks/${task.id}`) || location.endsWith(`/tasks/${enc(task.id)}`), `POST /tasks: Location "${location}" does not name the task ${task.id}`);
      expect(first.headers.get('Idempotent-Replayed') !== 'true', 'POST /tasks: the first answer says Idempotent-Replayed: true');
      // Key order and whitespace do not matter: the body is compared as canonical JSON.
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 1);
      const second = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' }, rawBody: reordered });
      expectStatus(second, 201);
      expect(second.headers.get('Idempotent-Replayed') === 'true', `POST /tasks repeated: Idempotent-Replayed is ${JSON.stringify(second.headers.get('Idempotent-Replayed'))}, expected "true"`);
      const again = second.body as TaskLike;
      expect(again.id === task.id, `POST /tasks repeated: answered task ${again.id}, the first answer was ${task.id} (a second task)`);
      ctx.remember(again.id);
      const search = await ctx.http.request({ path: `/tasks?q=${enc(body.title)}&limit=10`, operation: 'GET /tasks' });
      expectStatus(search, 200);
      const matching = (search.body as { items: TaskLike[] }).items.length;
      expect(matching === 1, `GET /tasks?q=<the title>: ${matching} tasks with that title after the repeat, expected 1`);
    },
  },
  {
    id: 'idempotency.reuse',
    title: 'The same key with another body answers 422 idempotency_key_reused',
    async run(ctx) {
      const key = ctx.key();
      const body = await ctx.taskBody('reuse');
      const first = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': key }, body });
      expectStatus(first, 201);
      ctx.remember((first.body as TaskLike).id);
      const other = { ...body, title: `${body.title} (changed)` };
      const second = await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': key }, body: other });
      expectStatus(second, 422, 'idempotency_key_reused');
    },
  },
  {
    id: 'idempotency.in-flight',
    title: 'The same key while the first request is in flight answers 409 request_in_progress with Retry-After (or a replay) — never a second task',
    async run(ctx) {
      const mock = await ctx.mock();
      // The mock holds a request for its latency after marking the key: make that window wide.
      if (mock) await ctx.setMock({ latencyMs: 600, latencyJitterMs: 0 });
      try {
        const key = ctx.key();
        const body = await ctx.taskBody('in flight');
        const send = () => ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': key }, body });
        const first = send();
        await new Promise((resolve) => setTimeout(resolve, 100));
        const answers = await Promise.all([first, send()]);
        const created = answers.filter((answer) => answer.status === 201);
        for (const answer of created) ctx.remember((answer.body as TaskLike).id);
        const ids = new Set(created.map((answer) => (answer.body as TaskLike).id));
        expect(ids.size <= 1, `two requests with one Idempotency-Key created two tasks: ${[...ids].join(', ')}`);
        const busy = answers.find((answer) => answer.status === 409);
        if (!busy) {
          expect(created.length === 2, `answers ${answers.map((answer) => answer.status).join(', ')}; expected 201 and 409 (or a replay)`);
          skip('both answered 201 (the second a replay): the server finished the first before the second arrived, so 409 could not be provoked');
        }
        expectStatus(busy, 409, 'request_in_progress');
        const seconds = retryAfterSeconds(busy);
        expect(seconds >= 1, `409 request_in_progress: Retry-After ${seconds}, expected at least 1`);
      } finally {
        if (mock) await ctx.setMock({ latencyMs: mock.latencyMs, latencyJitterMs: mock.latencyJitterMs });
      }
    },
  },
];
