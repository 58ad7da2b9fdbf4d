/**
 * The HTTP contract (docs/api.md) as zod schemas. Every response the app reads is parsed with
 * one of these at the edge (src/api/client.ts); the mock backend in mocks/ builds its answers
 * from the same inferred types, so the client and the mock cannot drift apart.
 *
 * `zod/mini` keeps the initial bundle small; unknown fields are stripped, so a newer server that
 * adds fields does not break an older client.
 */
import * as z from 'zod/mini';

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'canceled'] as const;
export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export const STAGE_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export const PARAM_KINDS = ['text', 'number', 'select', 'boolean'] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** An ISO 8601 UTC time with milliseconds; read as a plain string (the client never trusts its format). */
export const isoTimeSchema = z.string();
const isoTime = isoTimeSchema;
const fraction = z.number().check(z.minimum(0), z.maximum(1));
const count = z.int().check(z.minimum(0));

export const taskStatusSchema = z.enum(TASK_STATUSES);
export const prioritySchema = z.enum(PRIORITIES);
export const stageStatusSchema = z.enum(STAGE_STATUSES);

export const stageSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number().check(z.minimum(0)),
  status: stageStatusSchema,
  progress: fraction,
  startedAt: z.nullable(isoTime),
  finishedAt: z.nullable(isoTime),
});

export const taskErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  stage: z.nullable(z.string()),
  traceId: z.nullable(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});

export const etaSchema = z.object({
  remainingMs: z.number().check(z.minimum(0)),
  source: z.literal('server'),
});

export const costSchema = z.object({
  estimated: z.number(),
  actual: z.nullable(z.number()),
  currency: z.string(),
});

export const taskSchema = z.object({
  id: z.string().check(z.minLength(1)),
  type: z.string(),
  title: z.string(),
  params: z.record(z.string(), z.unknown()),
  priority: prioritySchema,
  status: taskStatusSchema,
  stages: z.array(stageSchema),
  progress: z.optional(z.nullable(fraction)),
  eta: z.nullable(etaSchema),
  queuePosition: z.nullable(z.int().check(z.minimum(1))),
  attempt: z.int().check(z.minimum(1)),
  error: z.nullable(taskErrorSchema),
  cost: costSchema,
  createdAt: isoTime,
  startedAt: z.nullable(isoTime),
  updatedAt: isoTime,
  finishedAt: z.nullable(isoTime),
  version: count,
});

export const paramOptionSchema = z.union([
  z.string(),
  z.object({ value: z.string(), label: z.string() }),
]);

export const paramSpecSchema = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(PARAM_KINDS),
  required: z.boolean(),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  options: z.optional(z.array(paramOptionSchema)),
  default: z.optional(z.union([z.string(), z.number(), z.boolean()])),
});

export const stageSpecSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number().check(z.minimum(0)),
});

export const taskTypeSchema = z.object({
  type: z.string(),
  label: z.string(),
  stages: z.array(stageSpecSchema),
  params: z.array(paramSpecSchema),
  costPerUnit: z.number().check(z.minimum(0)),
  /** Extension (docs/api.md): the numeric param that counts billable units; absent = 1 unit. */
  unitParam: z.optional(z.string()),
  currency: z.optional(z.string()),
});

export const taskTypesResponseSchema = z.object({ items: z.array(taskTypeSchema) });

export const statsSchema = z.object({
  queued: z.object({ urgent: count, high: count, medium: count, low: count }),
  running: count,
  maxConcurrent: count,
  paused: z.boolean(),
  totals: z.object({
    total: count,
    succeeded: count,
    failed: count,
    canceled: count,
  }),
  successRate: z.nullable(fraction),
  meanAttempts: z.nullable(z.number()),
  cost: z.object({ total: z.number(), budget: z.nullable(z.number()), currency: z.string() }),
  requests: z.object({ lastMinute: count, limitPerMinute: z.nullable(count) }),
});

export const taskListResponseSchema = z.object({
  items: z.array(taskSchema),
  nextCursor: z.nullable(z.string()),
  cursor: z.string(),
  stats: z.optional(statsSchema),
  removed: z.optional(z.array(z.string())),
  /**
   * Contract 1.1: the server's clock when it built the answer (ISO with ms), for the client's
   * clock-offset estimate. Every 1.1 server sends it; optional so that an older server still works.
   */
  serverTime: z.optional(isoTime),
});

/**
 * Contract 1.1: one run of a task (`GET /tasks/{id}` → `attempts`, oldest first). The last entry
 * is the current attempt and follows the task's status (`queued` with `startedAt: null` while a
 * retry waits in the queue). `stage` is the key of the stage the attempt reached (where it is,
 * failed or stopped); `cost` the money it spent, null until it has finished.
 */
export const attemptSchema = z.object({
  attempt: z.int().check(z.minimum(1)),
  status: taskStatusSchema,
  startedAt: z.nullable(isoTime),
  finishedAt: z.nullable(isoTime),
  stage: z.nullable(z.string()),
  error: z.nullable(taskErrorSchema),
  cost: z.nullable(z.number()),
});

/**
 * `GET /tasks/{id}`: the task plus its attempt history. List answers and stream events carry
 * the plain task; only the detail has `attempts` (optional here, so a 1.0 server still works).
 */
export const taskDetailSchema = z.extend(taskSchema, {
  attempts: z.optional(z.array(attemptSchema)),
});

export const logEntrySchema = z.object({
  ts: isoTime,
  level: z.enum(LOG_LEVELS),
  stage: z.nullable(z.string()),
  message: z.string(),
});

export const logsResponseSchema = z.object({ entries: z.array(logEntrySchema) });

export const taskResultSchema = z.object({
  kind: z.enum(['image', 'text']),
  url: z.optional(z.string()),
  text: z.optional(z.string()),
  meta: z.record(z.string(), z.unknown()),
});

export const batchCancelResponseSchema = z.object({
  results: z.record(z.string(), z.enum(['canceled', 'not_cancelable', 'not_found'])),
});

export const queueStateSchema = z.object({ paused: z.boolean() });

/**
 * RFC 9457 problem details as a server sends them: every field present (docs/api.md "Errors";
 * the codes are in problemCodes.ts). The OpenAPI document and the mock use this one.
 */
export const problemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  retryable: z.boolean(),
  traceId: z.string(),
});

/** The same, every field optional, so that the client can read any 4xx/5xx body it gets. */
export const problemSchema = z.partial(problemDetailsSchema);

export const submitTaskBodySchema = z.object({
  type: z.string().check(z.minLength(1)),
  title: z.string(),
  params: z.record(z.string(), z.unknown()),
  priority: z.optional(prioritySchema),
});

export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type StageStatus = z.infer<typeof stageStatusSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type TaskError = z.infer<typeof taskErrorSchema>;
export type Eta = z.infer<typeof etaSchema>;
export type Cost = z.infer<typeof costSchema>;
export type Task = z.infer<typeof taskSchema>;
export type ParamOption = z.infer<typeof paramOptionSchema>;
export type ParamSpec = z.infer<typeof paramSpecSchema>;
export type StageSpec = z.infer<typeof stageSpecSchema>;
export type TaskType = z.infer<typeof taskTypeSchema>;
export type TaskTypesResponse = z.infer<typeof taskTypesResponseSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type TaskListResponse = z.infer<typeof taskListResponseSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;
export type LogsResponse = z.infer<typeof logsResponseSchema>;
export type TaskResult = z.infer<typeof taskResultSchema>;
export type BatchCancelResponse = z.infer<typeof batchCancelResponseSchema>;
export type QueueState = z.infer<typeof queueStateSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;
export type SubmitTaskBody = z.infer<typeof submitTaskBodySchema>;

export function isActiveStatus(status: TaskStatus): boolean {
  return status === 'queued' || status === 'running';
}
