/**
 * Reading tasks one at a time, so that one bad task cannot stop the others. A list answer (or a
 * stream event) is checked in two steps: the envelope must match the contract as before, but its
 * `items` are parsed one by one with `parseTask` — a task that does not match becomes a
 * `RejectedTask` (its id and version when they can be read, and what was wrong), and the rest of
 * the answer is used as usual. The caller keeps the rejected task's last good state and marks it
 * as not updating (src/sync/unreadableTasksStore.ts).
 */
import * as z from 'zod/mini';
import { taskListResponseSchema, taskSchema, type Task, type TaskListResponse } from './schemas';

/** A task the server sent that does not match the contract. */
export interface RejectedTask {
  /** the task's id when the item has a readable one; null when even that is missing */
  id: string | null;
  /** its `version` when readable: a later good version replaces the mark */
  version: number | null;
  /** what did not match, for the report (paths and zod messages, at most three) */
  detail: string;
}

export type TaskParse = { ok: true; task: Task } | { ok: false; rejected: RejectedTask };

/** Parses one task (a list item, an event's data, a write's answer) without throwing. */
export function parseTask(raw: unknown): TaskParse {
  const result = taskSchema.safeParse(raw);
  if (result.success) return { ok: true, task: result.data };
  return { ok: false, rejected: { id: readId(raw), version: readVersion(raw), detail: describeIssues(result.error.issues) } };
}

/** Parses list items one by one: the tasks that match, and the ones that do not. */
export function parseTasks(items: readonly unknown[]): { tasks: Task[]; rejected: RejectedTask[] } {
  const tasks: Task[] = [];
  const rejected: RejectedTask[] = [];
  for (const item of items) {
    const parsed = parseTask(item);
    if (parsed.ok) tasks.push(parsed.task);
    else rejected.push(parsed.rejected);
  }
  return { tasks, rejected };
}

/**
 * The list envelope with its items left unchecked: the envelope (cursor, stats, removed) must
 * still match — without a cursor the answer cannot be used at all — the items are checked by
 * `parseTasks` afterwards.
 */
export const taskListEnvelopeSchema = z.extend(taskListResponseSchema, { items: z.array(z.unknown()) });

/** A list answer as the app uses it: the good tasks and the rejected ones. */
export type TaskListPage = TaskListResponse & { rejected: RejectedTask[] };

export function toTaskListPage(envelope: z.infer<typeof taskListEnvelopeSchema>): TaskListPage {
  const { tasks, rejected } = parseTasks(envelope.items);
  return { ...envelope, items: tasks, rejected };
}

function readId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function readVersion(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const version = (raw as { version?: unknown }).version;
  return typeof version === 'number' && Number.isFinite(version) ? version : null;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(task)';
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}
