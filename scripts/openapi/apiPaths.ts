/**
 * The task endpoints of the contract (docs/api.md "Endpoints") as OpenAPI path items.
 */
import * as z from 'zod/mini';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { BatchCancel, BatchCancelBody, Logs, QueueState, Result, Stats, SubmitTaskBody, Task, TaskDetail, TaskList, TaskTypes } from './components';
import { everyAnswer, headers, idempotencyKey, ifNoneMatch } from './headers';
import { withMeta } from './meta';
import { anyEndpoint, problems } from './problems';

const JSON_TYPE = 'application/json';

function ok(description: string, schema: z.ZodMiniType | null, extraHeaders: Record<string, z.ZodMiniType> = {}): ZodOpenApiResponseObject {
  return {
    description,
    headers: everyAnswer(extraHeaders),
    ...(schema ? { content: { [JSON_TYPE]: { schema } } } : {}),
  };
}

const taskId = () => z.object({ id: withMeta(z.string(), { description: 'The task id (opaque).' }) });

function operation(op: Omit<ZodOpenApiOperationObject, 'responses'> & { responses: Record<string, ZodOpenApiResponseObject> }): ZodOpenApiOperationObject {
  return { tags: ['Tasks'], ...op, responses: { ...op.responses, ...anyEndpoint } };
}

const listQuery = z.object({
  status: z.optional(withMeta(z.string(), { description: 'Comma-separated statuses; an unknown one answers 400 `invalid_query`.', example: 'queued,running' })),
  type: z.optional(withMeta(z.string(), { description: 'Comma-separated task types; an unknown type matches nothing.' })),
  q: z.optional(withMeta(z.string(), { description: 'Case-insensitive substring of the title.' })),
  limit: z.optional(withMeta(z.int().check(z.minimum(1), z.maximum(500)), { description: 'Page size, default 50.' })),
  pageCursor: z.optional(withMeta(z.string(), { description: 'The `nextCursor` of the previous page; anything else answers 400 `invalid_cursor`.' })),
  since: z.optional(
    withMeta(z.string(), {
      description:
        'A `cursor` from an earlier answer: only tasks changed after it, and `removed` (ids deleted after it). Opaque to clients; it names the server lifetime (e.g. `<epoch>.<sequence>`). Another lifetime, ahead of the server or older than its deletion memory: 410 `cursor_expired`. Not a cursor: 400 `invalid_cursor`.',
    }),
  ),
});

const idempotentWrite = { header: z.object({ 'Idempotency-Key': idempotencyKey }) };
const replayed = { 'Idempotent-Replayed': z.optional(headers.replayed) };

export const apiPaths: ZodOpenApiPathsObject = {
  '/task-types': {
    get: operation({
      operationId: 'listTaskTypes',
      summary: 'The task types, their stages and the params of their submit forms',
      responses: { '200': ok('The task types.', TaskTypes) },
    }),
  },
  '/tasks': {
    get: operation({
      operationId: 'listTasks',
      summary: 'One page of tasks, or the changes since a cursor',
      description:
        'Items are sorted newest first (`createdAt` descending, then `id`). With `since`, only tasks changed after that cursor plus `removed`. Every answer carries an `ETag` for that exact query; a matching `If-None-Match` answers 304.',
      requestParams: { query: listQuery, header: z.object({ 'If-None-Match': z.optional(ifNoneMatch) }) },
      responses: {
        '200': ok('A page of tasks (or the delta since `since`).', TaskList, { ETag: headers.etag }),
        '304': { description: 'Nothing changed since the `If-None-Match` answer (no body).', headers: everyAnswer({ ETag: headers.etag }) },
        ...problems('invalid_query', 'invalid_cursor', 'cursor_expired'),
      },
    }),
    post: operation({
      operationId: 'submitTask',
      summary: 'Submit a task (idempotent)',
      requestParams: idempotentWrite,
      requestBody: { required: true, content: { [JSON_TYPE]: { schema: SubmitTaskBody } } },
      responses: {
        '201': ok('The task was created (or, with `Idempotent-Replayed: true`, this is the stored answer).', Task, {
          Location: headers.location,
          ...replayed,
        }),
        ...problems(
          'validation_failed',
          'invalid_body',
          'idempotency_key_missing',
          'idempotency_key_invalid',
          'budget_exceeded',
          'request_in_progress',
          'idempotency_key_reused',
        ),
      },
    }),
  },
  '/tasks/batch-cancel': {
    post: operation({
      operationId: 'cancelTasks',
      summary: 'Cancel several tasks',
      requestBody: { required: true, content: { [JSON_TYPE]: { schema: BatchCancelBody } } },
      responses: { '200': ok('What happened to each id.', BatchCancel), ...problems('validation_failed', 'invalid_body') },
    }),
  },
  '/tasks/{id}': {
    get: operation({
      operationId: 'getTask',
      summary: 'A task with its attempt history',
      requestParams: { path: taskId() },
      responses: { '200': ok('The task.', TaskDetail), ...problems('not_found') },
    }),
    delete: operation({
      operationId: 'deleteTask',
      summary: 'Delete a finished task',
      requestParams: { path: taskId() },
      responses: { '204': ok('Deleted; it appears in `removed` of later `since` answers.', null), ...problems('not_found', 'not_deletable') },
    }),
  },
  '/tasks/{id}/logs': {
    get: operation({
      operationId: 'getTaskLogs',
      summary: "A task's log, oldest first",
      requestParams: {
        path: taskId(),
        query: z.object({ after: z.optional(withMeta(z.string(), { description: 'Only entries after this `ts` (the tail).', format: 'date-time' })) }),
      },
      responses: { '200': ok('The entries (a task keeps its newest 200).', Logs), ...problems('invalid_query', 'not_found') },
    }),
  },
  '/tasks/{id}/result': {
    get: operation({
      operationId: 'getTaskResult',
      summary: 'The result of a succeeded task',
      requestParams: { path: taskId() },
      responses: { '200': ok('The result.', Result), ...problems('not_found', 'not_ready') },
    }),
  },
  '/tasks/{id}/retry': {
    post: operation({
      operationId: 'retryTask',
      summary: 'Retry a failed task from its failed stage (idempotent)',
      description: 'Only from `failed`; completed stages stay done, the attempt goes up by one. The body is empty (`{}`).',
      requestParams: { path: taskId(), ...idempotentWrite },
      responses: {
        '200': ok('The task, queued again (or the stored answer, with `Idempotent-Replayed: true`).', Task, replayed),
        ...problems(
          'invalid_body',
          'idempotency_key_missing',
          'idempotency_key_invalid',
          'budget_exceeded',
          'not_found',
          'not_retryable_state',
          'request_in_progress',
          'idempotency_key_reused',
        ),
      },
    }),
  },
  '/tasks/{id}/cancel': {
    post: operation({
      operationId: 'cancelTask',
      summary: 'Cancel a queued or running task',
      requestParams: { path: taskId() },
      responses: { '200': ok('The task, canceled; it keeps the progress it had.', Task), ...problems('not_found', 'not_cancelable') },
    }),
  },
  '/stats': {
    get: operation({ operationId: 'getStats', summary: 'Queue, throughput and cost', responses: { '200': ok('The stats.', Stats) } }),
  },
  '/queue/pause': {
    post: operation({
      operationId: 'pauseQueue',
      summary: 'Pause the queue: nothing new starts, running tasks finish',
      responses: { '200': ok('Paused.', QueueState) },
    }),
  },
  '/queue/resume': {
    post: operation({ operationId: 'resumeQueue', summary: 'Resume the queue', responses: { '200': ok('Resumed.', QueueState) } }),
  },
};

export { ok as okResponse };
