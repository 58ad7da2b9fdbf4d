/**
 * `GET /tasks`: pages, the `since` delta with `removed`, the `ETag` and 304, query errors.
 */
import { expect, expectHeader, expectStatus, fail, type CheckCase } from '../checkCase';
import type { TaskLike } from '../context';

interface ListBody {
  items: TaskLike[];
  nextCursor: string | null;
  cursor: string;
  removed?: string[];
}

const enc = encodeURIComponent;

export const listCases: CheckCase[] = [
  {
    id: 'list.page',
    title: 'GET /tasks answers a page with items, cursor, nextCursor, stats, serverTime and an ETag',
    async run(ctx) {
      const answer = await ctx.http.request({ path: '/tasks', operation: 'GET /tasks' });
      expectStatus(answer, 200);
      expectHeader(answer, 'ETag');
      return `${(answer.body as ListBody).items.length} tasks on the first page`;
    },
  },
  {
    id: 'list.etag-304',
    title: 'If-None-Match with the ETag of the same query answers 304 with the ETag and no body',
    async run(ctx) {
      // Anything that changes on the server changes the ETag; try a few times in a row.
      for (let attempt = 1; attempt <= 6; attempt++) {
        const first = await ctx.http.request({ path: '/tasks?limit=5', operation: 'GET /tasks' });
        expectStatus(first, 200);
        const etag = expectHeader(first, 'ETag');
        const second = await ctx.http.request({ path: '/tasks?limit=5', operation: 'GET /tasks', headers: { 'If-None-Match': etag } });
        if (second.status === 304) {
          expect(second.text === '', 'GET /tasks 304 has a body');
          expectHeader(second, 'ETag');
          return attempt > 1 ? `after ${attempt} tries (the list kept changing)` : undefined;
        }
        expectStatus(second, 200);
        if (second.headers.get('ETag') === etag) fail(`GET /tasks answered 200 with the same ETag ${etag} instead of 304`);
      }
      fail('GET /tasks never answered 304 to If-None-Match in 6 tries (the ETag changed every time)');
    },
  },
  {
    id: 'list.since',
    title: 'since=<cursor> answers the tasks changed after that cursor, and not older ones',
    async run(ctx) {
      const before = await ctx.cursor();
      const task = await ctx.submit('since');
      const delta = await ctx.http.request({ path: `/tasks?since=${enc(before)}`, operation: 'GET /tasks' });
      expectStatus(delta, 200);
      const body = delta.body as ListBody;
      const seen = body.items.find((item) => item.id === task.id);
      expect(seen, `GET /tasks?since=<cursor before the submit> does not include the new task ${task.id}`);
      const later = await ctx.http.request({ path: `/tasks?since=${enc(body.cursor)}`, operation: 'GET /tasks' });
      expectStatus(later, 200);
      const again = (later.body as ListBody).items.find((item) => item.id === task.id);
      expect(!again || again.version > seen.version, `GET /tasks?since=<latest cursor> repeats ${task.id} at version ${seen.version}, which was already sent`);
    },
  },
  {
    id: 'list.removed',
    title: 'A deleted task is listed in removed of a since answer and is gone (404) afterwards',
    async run(ctx) {
      const task = await ctx.submit('removed');
      const cancel = await ctx.http.request({ method: 'POST', path: `/tasks/${enc(task.id)}/cancel`, operation: 'POST /tasks/{id}/cancel' });
      expectStatus(cancel, [200, 409]);
      const before = await ctx.cursor();
      const gone = await ctx.http.request({ method: 'DELETE', path: `/tasks/${enc(task.id)}`, operation: 'DELETE /tasks/{id}' });
      expectStatus(gone, 204);
      const delta = await ctx.http.request({ path: `/tasks?since=${enc(before)}`, operation: 'GET /tasks' });
      expectStatus(delta, 200);
      const body = delta.body as ListBody;
      expect(body.removed?.includes(task.id), `GET /tasks?since=<cursor before the delete>: removed ${JSON.stringify(body.removed ?? null)} lacks ${task.id}`);
      expect(!body.items.some((item) => item.id === task.id), `GET /tasks?since=…: the deleted task ${task.id} is still in items`);
      expectStatus(await ctx.http.request({ path: `/tasks/${enc(task.id)}`, operation: 'GET /tasks/{id}' }), 404, 'not_found');
      expectStatus(await ctx.http.request({ method: 'DELETE', path: `/tasks/${enc(task.id)}`, operation: 'DELETE /tasks/{id}' }), 404, 'not_found');
    },
  },
  {
    id: 'list.paging',
    title: 'pageCursor pages forward: no task twice, no cursor twice',
    async run(ctx) {
      await ctx.submit('paging a');
      await ctx.submit('paging b');
      const seenIds = new Set<string>();
      const seenCursors = new Set<string>();
      let path = '/tasks?limit=1';
      for (let page = 1; page <= 3; page++) {
        const answer = await ctx.http.request({ path, operation: 'GET /tasks' });
        expectStatus(answer, 200);
        const body = answer.body as ListBody;
        expect(body.items.length <= 1, `GET ${path}: ${body.items.length} items for limit=1`);
        for (const item of body.items) {
          expect(!seenIds.has(item.id), `GET ${path}: task ${item.id} was already on an earlier page`);
          seenIds.add(item.id);
        }
        if (body.nextCursor === null) return page === 1 ? 'one page only' : undefined;
        expect(!seenCursors.has(body.nextCursor), `GET ${path}: nextCursor repeats an earlier one`);
        seenCursors.add(body.nextCursor);
        path = `/tasks?limit=1&pageCursor=${enc(body.nextCursor)}`;
      }
    },
  },
  {
    id: 'list.invalid-query',
    title: 'A bad limit or status answers 400 invalid_query',
    async run(ctx) {
      expectStatus(await ctx.http.request({ path: '/tasks?limit=0', operation: 'GET /tasks' }), 400, 'invalid_query');
      expectStatus(await ctx.http.request({ path: '/tasks?status=sleeping', operation: 'GET /tasks' }), 400, 'invalid_query');
    },
  },
];
