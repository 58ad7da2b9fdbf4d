/**
 * One function per endpoint of the contract (docs/api.md). Each takes the ApiClient first so
 * that tests, the sync engine and the benchmark can hand in their own.
 */
import { buildUrl, type ApiClient, type ApiResponse } from './client';
import { taskListEnvelopeSchema, toTaskListPage, type TaskListPage } from './lenientTasks';
import {
  batchCancelResponseSchema,
  logsResponseSchema,
  queueStateSchema,
  statsSchema,
  taskDetailSchema,
  taskResultSchema,
  taskSchema,
  taskTypesResponseSchema,
  type BatchCancelResponse,
  type LogsResponse,
  type QueueState,
  type Stats,
  type SubmitTaskBody,
  type Task,
  type TaskDetail,
  type TaskResult,
  type TaskStatus,
  type TaskType,
} from './schemas';

export interface ListTasksQuery {
  status?: readonly TaskStatus[];
  type?: string;
  q?: string;
  limit?: number;
  pageCursor?: string | null;
  since?: string | null;
}

export interface WriteOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
}

const path = (id: string) => `/tasks/${encodeURIComponent(id)}`;

export async function fetchTaskTypes(client: ApiClient, signal?: AbortSignal): Promise<TaskType[]> {
  const body = await client.json('/task-types', taskTypesResponseSchema, { signal });
  return body.items;
}

/**
 * `GET /tasks`. The envelope is validated as a whole; the items one by one (lenientTasks.ts), so
 * a malformed task comes back in `rejected` instead of failing the whole answer.
 */
export async function listTasks(
  client: ApiClient,
  query: ListTasksQuery,
  options: { ifNoneMatch?: string | null; signal?: AbortSignal } = {},
): Promise<ApiResponse<TaskListPage>> {
  const response = await client.send('/tasks', taskListEnvelopeSchema, {
    query: {
      status: query.status,
      type: query.type,
      q: query.q,
      limit: query.limit,
      pageCursor: query.pageCursor,
      since: query.since,
    },
    ifNoneMatch: options.ifNoneMatch,
    signal: options.signal,
  });
  return { ...response, data: response.data && toTaskListPage(response.data) };
}

export function getTask(client: ApiClient, id: string, signal?: AbortSignal): Promise<Task> {
  return client.json(path(id), taskSchema, { signal });
}

/** `GET /tasks/{id}` read as the detail: the task with its `attempts` history (contract 1.1). */
export function getTaskDetail(client: ApiClient, id: string, signal?: AbortSignal): Promise<TaskDetail> {
  return client.json(path(id), taskDetailSchema, { signal });
}

/**
 * The URL of the push channel (`GET /events`, contract 1.1) on the client's base URL, with
 * `since=<cursor>` for the first connection (the cursor of the list already held); the browser's
 * own reconnects send `Last-Event-ID` instead.
 */
export function eventStreamUrl(client: ApiClient, since?: string | null): string {
  return buildUrl(client.baseUrl, '/events', { since });
}

export async function getTaskLogs(
  client: ApiClient,
  id: string,
  after?: string | null,
  signal?: AbortSignal,
): Promise<LogsResponse> {
  return client.json(`${path(id)}/logs`, logsResponseSchema, { query: { after }, signal });
}

export function getTaskResult(client: ApiClient, id: string, signal?: AbortSignal): Promise<TaskResult> {
  return client.json(`${path(id)}/result`, taskResultSchema, { signal });
}

export function submitTask(
  client: ApiClient,
  body: SubmitTaskBody,
  options: WriteOptions,
): Promise<ApiResponse<Task>> {
  return client.send('/tasks', taskSchema, { method: 'POST', body, ...options });
}

export function retryTask(client: ApiClient, id: string, options: WriteOptions): Promise<ApiResponse<Task>> {
  return client.send(`${path(id)}/retry`, taskSchema, { method: 'POST', body: {}, ...options });
}

export function cancelTask(client: ApiClient, id: string, signal?: AbortSignal): Promise<Task> {
  return client.json(`${path(id)}/cancel`, taskSchema, { method: 'POST', signal });
}

export function cancelTasks(
  client: ApiClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<BatchCancelResponse> {
  return client.json('/tasks/batch-cancel', batchCancelResponseSchema, {
    method: 'POST',
    body: { ids },
    signal,
  });
}

export async function deleteTask(client: ApiClient, id: string, signal?: AbortSignal): Promise<void> {
  await client.send(path(id), null, { method: 'DELETE', signal });
}

export function fetchStats(client: ApiClient, signal?: AbortSignal): Promise<Stats> {
  return client.json('/stats', statsSchema, { signal });
}

export function setQueuePaused(client: ApiClient, paused: boolean): Promise<QueueState> {
  return client.json(paused ? '/queue/pause' : '/queue/resume', queueStateSchema, { method: 'POST' });
}
