/**
 * What a task allows in each state: detail with attempts, logs, result only once succeeded,
 * retry only from failed, cancel only while active, delete only once finished, batch cancel,
 * submit validation.
 */
import { expect, expectStatus, skip, type CheckCase } from '../checkCase';
import type { TaskLike } from '../context';

const enc = encodeURIComponent;
const ACTIVE = ['queued', 'running'];

export const taskCases: CheckCase[] = [
  {
    id: 'tasks.submit-validation',
    title: 'A submit with an unknown type answers 400 validation_failed; a body that is not JSON 400 invalid_body',
    async run(ctx) {
      const body = { ...(await ctx.taskBody('invalid')), type: 'no-such-type-check-backend' };
      expectStatus(await ctx.http.request({ method: 'POST', path: '/tasks', operation: 'POST /tasks', headers: { 'Idempotency-Key': ctx.key() }, body }), 400, 'validation_failed');
      const raw = await ctx.http.request({
        method: 'POST',
        path: '/tasks',
        operation: 'POST /tasks',
        headers: { 'Idempotency-Key': ctx.key(), 'Content-Type': 'application/json' },
        rawBody: '{"type": ',
      });
      expectStatus(raw, 400, 'invalid_body');
    },
  },
  {
    id: 'tasks.detail',
    title: 'GET /tasks/{id} answers the task with its attempts; its logs answer 200',
    async run(ctx) {
      const task = await ctx.submit('detail');
      const detail = await ctx.http.request({ path: `/tasks/${enc(task.id)}`, operation: 'GET /tasks/{id}' });
      expectStatus(detail, 200);
      expectStatus(await ctx.http.request({ path: `/tasks/${enc(task.id)}/logs`, operation: 'GET /tasks/{id}/logs' }), 200);
    },
  },
  {
    id: 'tasks.state-rules',
    title: 'Result before success 409 not_ready, retry of a task that is not failed 409 not_retryable_state, delete of an active task 409 not_deletable',
    async run(ctx) {
      const task = await ctx.submit('state rules');
      const now = await ctx.http.request({ path: `/tasks/${enc(task.id)}`, operation: 'GET /tasks/{id}' });
      expectStatus(now, 200);
      if (!ACTIVE.includes((now.body as TaskLike).status)) skip(`the new task is already ${(now.body as TaskLike).status}`);
      expectStatus(await ctx.http.request({ path: `/tasks/${enc(task.id)}/result`, operation: 'GET /tasks/{id}/result' }), 409, 'not_ready');
      const retry = await ctx.http.request({ method: 'POST', path: `/tasks/${enc(task.id)}/retry`, operation: 'POST /tasks/{id}/retry', headers: { 'Idempotency-Key': ctx.key() }, body: {} });
      expectStatus(retry, 409, 'not_retryable_state');
      expectStatus(await ctx.http.request({ method: 'DELETE', path: `/tasks/${enc(task.id)}`, operation: 'DELETE /tasks/{id}' }), 409, 'not_deletable');
    },
  },
  {
    id: 'tasks.cancel',
    title: 'Cancel answers the canceled task; a second cancel 409 not_cancelable; an unknown task 404',
    async run(ctx) {
      const task = await ctx.submit('cancel');
      const first = await ctx.http.request({ method: 'POST', path: `/tasks/${enc(task.id)}/cancel`, operation: 'POST /tasks/{id}/cancel' });
      expectStatus(first, 200);
      expect((first.body as TaskLike).status === 'canceled', `POST /tasks/{id}/cancel: status is ${(first.body as TaskLike).status}, expected canceled`);
      expectStatus(await ctx.http.request({ method: 'POST', path: `/tasks/${enc(task.id)}/cancel`, operation: 'POST /tasks/{id}/cancel' }), 409, 'not_cancelable');
      expectStatus(await ctx.http.request({ method: 'POST', path: '/tasks/tsk_check_backend_missing/cancel', operation: 'POST /tasks/{id}/cancel' }), 404, 'not_found');
    },
  },
  {
    id: 'tasks.batch-cancel',
    title: 'POST /tasks/batch-cancel answers canceled or not_cancelable per id, and not_found for an unknown one',
    async run(ctx) {
      const task = await ctx.submit('batch');
      const missing = 'tsk_check_backend_missing';
      const answer = await ctx.http.request({ method: 'POST', path: '/tasks/batch-cancel', operation: 'POST /tasks/batch-cancel', body: { ids: [task.id, missing] } });
      expectStatus(answer, 200);
      const results = (answer.body as { results: Record<string, string> }).results;
      expect(['canceled', 'not_cancelable'].includes(results[task.id] ?? ''), `batch-cancel: ${task.id} is ${String(results[task.id])}`);
      expect(results[missing] === 'not_found', `batch-cancel: an unknown id is ${String(results[missing])}, expected not_found`);
    },
  },
];
