/**
 * Cursors of contract 1.1: one from another server lifetime (or ahead of the server) answers 410
 * `cursor_expired` — even when its sequence is lower than the server's, which is exactly when a
 * server that compares only sequences would wrongly answer 200 and leave ghost tasks on screen;
 * a malformed one answers 400 `invalid_cursor`.
 */
import { expectStatus, skip, type CheckCase } from '../checkCase';
import { aheadOf, otherLifetime } from '../cursorText';

const enc = encodeURIComponent;
const UNKNOWN_SHAPE = 'the cursor is not of the <lifetime>.<sequence> shape, so the checker cannot make one from another lifetime';

export const cursorCases: CheckCase[] = [
  {
    id: 'cursor.malformed',
    title: 'A since or pageCursor that is not a cursor answers 400 invalid_cursor',
    async run(ctx) {
      expectStatus(await ctx.http.request({ path: `/tasks?since=${enc('not a cursor!')}`, operation: 'GET /tasks' }), 400, 'invalid_cursor');
      expectStatus(await ctx.http.request({ path: `/tasks?pageCursor=${enc('not a cursor!')}`, operation: 'GET /tasks' }), 400, 'invalid_cursor');
    },
  },
  {
    id: 'cursor.other-lifetime',
    title: 'A since from another server lifetime answers 410 cursor_expired (even with a lower sequence)',
    async run(ctx) {
      const cursor = await ctx.cursor();
      const lower = otherLifetime(cursor, 1);
      const same = otherLifetime(cursor);
      if (!lower || !same) skip(UNKNOWN_SHAPE);
      expectStatus(await ctx.http.request({ path: `/tasks?since=${enc(lower)}`, operation: 'GET /tasks' }), 410, 'cursor_expired');
      expectStatus(await ctx.http.request({ path: `/tasks?since=${enc(same)}`, operation: 'GET /tasks' }), 410, 'cursor_expired');
    },
  },
  {
    id: 'cursor.ahead',
    title: 'A since ahead of the server answers 410 cursor_expired',
    async run(ctx) {
      const ahead = aheadOf(await ctx.cursor());
      if (!ahead) skip(UNKNOWN_SHAPE);
      expectStatus(await ctx.http.request({ path: `/tasks?since=${enc(ahead)}`, operation: 'GET /tasks' }), 410, 'cursor_expired');
    },
  },
];
