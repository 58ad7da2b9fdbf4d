/**
 * Cancel and delete as the list and the details both send them: the request, the answer into the
 * mirror, and the one case every server can produce after a restart that lost its state — a 404,
 * meaning the server no longer has the task — turned into removing its row (issue 10: no ghost
 * rows). Outcomes, not messages: each feature says them in its own place.
 */
import { cancelTask, cancelTasks, deleteTask } from '../api/endpoints';
import { toApiError, type ApiError } from '../api/errors';
import type { Task } from '../api/schemas';
import type { SyncEngine } from './syncEngine';

export type CancelOutcome = { kind: 'canceled'; task: Task } | { kind: 'gone' } | { kind: 'failed'; error: ApiError };

export async function cancelTaskCommand(engine: SyncEngine, id: string): Promise<CancelOutcome> {
  try {
    const task = await cancelTask(engine.client, id);
    engine.taskWritten(task);
    return { kind: 'canceled', task };
  } catch (caught) {
    const error = toApiError(caught);
    if (error.status === 404) {
      engine.tasksRemoved([id]);
      return { kind: 'gone' };
    }
    return { kind: 'failed', error };
  }
}

export interface BulkCancelOutcome {
  canceled: number;
  notCancelable: number;
  /** ids the server did not know: removed from the list */
  gone: string[];
}

export async function cancelTasksCommand(engine: SyncEngine, ids: readonly string[]): Promise<BulkCancelOutcome> {
  const { results } = await cancelTasks(engine.client, ids);
  const values = Object.entries(results);
  const gone = values.filter(([, result]) => result === 'not_found').map(([id]) => id);
  if (gone.length > 0) engine.tasksRemoved(gone);
  engine.pollNow('user');
  return {
    canceled: values.filter(([, result]) => result === 'canceled').length,
    notCancelable: values.filter(([, result]) => result === 'not_cancelable').length,
    gone,
  };
}

export interface DeleteOutcome {
  deleted: string[];
  /** already gone on the server (404): removed from the list too */
  gone: string[];
  failed: { id: string; error: ApiError }[];
}

const DELETE_CONCURRENCY = 4;

/** DELETE each id, a few at a time; what was deleted or was already gone leaves the mirror. */
export async function deleteTasksCommand(engine: SyncEngine, ids: readonly string[]): Promise<DeleteOutcome> {
  const queue = [...ids];
  const outcome: DeleteOutcome = { deleted: [], gone: [], failed: [] };
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await deleteTask(engine.client, id);
        outcome.deleted.push(id);
      } catch (caught) {
        const error = toApiError(caught);
        if (error.status === 404) outcome.gone.push(id);
        else outcome.failed.push({ id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, queue.length) }, worker));
  const removed = [...outcome.deleted, ...outcome.gone];
  if (removed.length > 0) engine.tasksRemoved(removed);
  return outcome;
}
