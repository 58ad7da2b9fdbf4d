/**
 * The named schemas of the OpenAPI document: the zod schemas of src/api (the one source of truth)
 * registered under component names, plus the few places where contract 1.1 asks more of a server
 * than the app insists on when it reads one (the app still reads a 1.0 server): `serverTime` and
 * `stats` in every list answer, `attempts` in a task's detail, every field of a problem body.
 */
import * as z from 'zod/mini';
import {
  mockConfigPatchSchema,
  mockConfigSchema,
  mockDropAnswerSchema,
  mockFaultsSchema,
  mockOutageAnswerSchema,
  mockOutageBodySchema,
  mockSeedAnswerSchema,
  mockSeedBodySchema,
} from '../../src/api/mockConfig';
import {
  attemptSchema,
  batchCancelResponseSchema,
  costSchema,
  etaSchema,
  isoTimeSchema,
  logEntrySchema,
  logsResponseSchema,
  paramOptionSchema,
  paramSpecSchema,
  prioritySchema,
  problemDetailsSchema,
  queueStateSchema,
  stageSchema,
  stageSpecSchema,
  stageStatusSchema,
  statsSchema,
  submitTaskBodySchema,
  taskDetailSchema,
  taskErrorSchema,
  taskListResponseSchema,
  taskResultSchema,
  taskSchema,
  taskStatusSchema,
  taskTypeSchema,
  taskTypesResponseSchema,
} from '../../src/api/schemas';
import { withMeta } from './meta';

withMeta(isoTimeSchema, { format: 'date-time', description: 'ISO 8601 UTC time with milliseconds' });

export const Task = withMeta(taskSchema, {
  id: 'Task',
  description:
    'A task. `version` increases on every change a client could see; the list cursor is built from it. Lists and `task` events carry this; `GET /tasks/{id}` adds `attempts`.',
});
withMeta(stageSchema, { id: 'Stage', description: 'One stage of a task, in the order of the type.' });
withMeta(taskErrorSchema, {
  id: 'TaskError',
  description: "Why a task failed. `retryable` is the server's word; a client still classifies transport failures itself.",
});
withMeta(etaSchema, { id: 'Eta', description: "The server's own estimate of the time left, in real milliseconds." });
withMeta(costSchema, { id: 'Cost', description: '`actual` is the sum of the finished attempts (null before the first ends).' });
withMeta(taskStatusSchema, { id: 'TaskStatus' });
withMeta(prioritySchema, { id: 'Priority' });
withMeta(stageStatusSchema, { id: 'StageStatus' });
withMeta(attemptSchema, { id: 'Attempt', description: 'One run of a task (contract 1.1), oldest first.' });
withMeta(taskTypeSchema, { id: 'TaskType', description: 'A task type: its stages, the params of its submit form, its cost.' });
withMeta(stageSpecSchema, { id: 'StageSpec' });
withMeta(paramSpecSchema, { id: 'ParamSpec' });
withMeta(paramOptionSchema, { id: 'ParamOption' });
export const TaskTypes = withMeta(taskTypesResponseSchema, { id: 'TaskTypeList' });
export const Stats = withMeta(statsSchema, { id: 'Stats', description: 'Queue, throughput, cost and request counters.' });
export const Logs = withMeta(logsResponseSchema, { id: 'LogList', description: 'Log entries, oldest first (newest last).' });
withMeta(logEntrySchema, { id: 'LogEntry' });
export const Result = withMeta(taskResultSchema, { id: 'TaskResult' });
export const BatchCancel = withMeta(batchCancelResponseSchema, { id: 'BatchCancelResult' });
export const QueueState = withMeta(queueStateSchema, { id: 'QueueState' });
export const SubmitTaskBody = withMeta(submitTaskBodySchema, {
  id: 'SubmitTaskBody',
  description: 'Unknown fields are ignored. `params` are checked against the type (400 `validation_failed`).',
});
export const BatchCancelBody = withMeta(z.object({ ids: z.array(z.string()) }), { id: 'BatchCancelBody' });

export const TaskList = withMeta(
  z.extend(taskListResponseSchema, {
    stats: statsSchema,
    serverTime: withMeta(z.string(), {
      format: 'date-time',
      description: "The server's clock when it built the answer (contract 1.1), for the client's clock-offset estimate.",
    }),
  }),
  {
    id: 'TaskList',
    description:
      'One page of tasks, newest first. `cursor` is the list cursor for `since`; `removed` lists the ids deleted after a given `since`.',
  },
);

export const TaskDetail = withMeta(z.extend(taskDetailSchema, { attempts: z.array(attemptSchema) }), {
  id: 'TaskDetail',
  description: 'A task with its attempt history (contract 1.1).',
});

export const Problem = withMeta(problemDetailsSchema, {
  id: 'Problem',
  description:
    'RFC 9457 problem details (`application/problem+json`), every field present. `retryable` is true exactly for 429 and 5xx; `traceId` repeats the `X-Trace-Id` header.',
});

export const MockConfig = withMeta(mockConfigSchema, { id: 'MockConfig', description: "The mock's simulation and chaos settings." });
withMeta(mockFaultsSchema, { id: 'MockFaults', description: 'Share (0..1) of API requests answered with each fault.' });
export const MockConfigPatch = withMeta(mockConfigPatchSchema, {
  id: 'MockConfigPatch',
  description: 'Any subset of the config; `faults` may be partial. Unknown fields answer 400.',
});
export const MockOutageBody = withMeta(mockOutageBodySchema, { id: 'MockOutageBody' });
export const MockOutage = withMeta(mockOutageAnswerSchema, { id: 'MockOutage' });
export const MockSeedBody = withMeta(mockSeedBodySchema, { id: 'MockSeedBody' });
export const MockSeed = withMeta(mockSeedAnswerSchema, { id: 'MockSeedResult' });
export const MockDrop = withMeta(mockDropAnswerSchema, { id: 'MockDropResult' });
