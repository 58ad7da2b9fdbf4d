/**
 * Fetching the task list into the mirror: the full load (paged, at the start and whenever the
 * server no longer accepts our cursor) and the delta poll — one `GET /tasks?since=<cursor>` with
 * `If-None-Match` for every task at once, answered 304 when nothing changed.
 */
import type { ApiClient } from '../api/client';
import { listTasks } from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { TaskListPage } from '../api/lenientTasks';
import type { Task } from '../api/schemas';
import type { ServerClock } from '../lib/serverClock';
import { applyDelta, emptyMirror, type TaskMirror } from '../lib/taskMirror';
import { useUnreadableTasksStore } from './unreadableTasksStore';

/** A malformed task in an answer does not stop the others: it is marked and keeps its last state. */
const noteRead = (page: TaskListPage, now: number) =>
  useUnreadableTasksStore.getState().tasksRead(page.items, page.rejected, page.removed ?? [], now);

export const PAGE_LIMIT = 500;
/** The mirror holds at most this many tasks (the newest); older ones stay on the server. */
export const MAX_MIRRORED_TASKS = 20_000;

export interface DeltaResult {
  mirror: TaskMirror;
  /** tasks that arrived with a newer version than the mirror had */
  changed: Task[];
  removed: string[];
  notModified: boolean;
}

/** Every list answer's `serverTime` is a millisecond sample of the server's clock. */
function sampleClock(clock: ServerClock | undefined, page: TaskListPage, timing: { sentAt: number; receivedAt: number }): void {
  clock?.sampleServerTime(page.serverTime, timing.sentAt, timing.receivedAt);
}

export async function loadMirror(
  client: ApiClient,
  now: () => number,
  signal?: AbortSignal,
  serverClock?: ServerClock,
): Promise<TaskMirror> {
  let mirror = emptyMirror();
  let firstCursor: string | null = null;
  let pageCursor: string | null = null;
  do {
    const response = await listTasks(client, { limit: PAGE_LIMIT, pageCursor }, { signal });
    const page = response.data;
    if (!page) throw new ApiError({ kind: 'malformed', status: response.status, detail: 'The task list came back empty' });
    sampleClock(serverClock, page, response.timing);
    noteRead(page, now());
    // The first page's cursor: anything that changes while we page is caught by the next delta.
    firstCursor ??= page.cursor;
    mirror = applyDelta(mirror, { items: page.items, cursor: firstCursor, stats: page.stats ?? null }, now());
    pageCursor = page.nextCursor;
  } while (pageCursor && mirror.order.length < MAX_MIRRORED_TASKS);
  return mirror;
}

export async function fetchDelta(
  client: ApiClient,
  mirror: TaskMirror,
  now: () => number,
  signal?: AbortSignal,
  serverClock?: ServerClock,
): Promise<DeltaResult> {
  if (mirror.cursor === null) throw new Error('fetchDelta needs a loaded mirror');
  const response = await listTasks(client, { since: mirror.cursor, limit: PAGE_LIMIT }, { ifNoneMatch: mirror.etag, signal });
  if (response.notModified || !response.data) {
    return { mirror, changed: [], removed: [], notModified: true };
  }
  let page = response.data;
  sampleClock(serverClock, page, response.timing);
  noteRead(page, now());
  const items: Task[] = [...page.items];
  const removed: string[] = [...(page.removed ?? [])];
  // More changes than one page: follow the pages of this same delta.
  while (page.nextCursor) {
    const next = await listTasks(client, { since: mirror.cursor, limit: PAGE_LIMIT, pageCursor: page.nextCursor }, { signal });
    if (!next.data) break;
    page = next.data;
    noteRead(page, now());
    items.push(...page.items);
    removed.push(...(page.removed ?? []));
  }
  const merged = applyDelta(
    mirror,
    { items, removed, cursor: response.data.cursor, etag: response.etag, stats: response.data.stats ?? null },
    now(),
  );
  const changed = items.filter((task) => merged.byId.get(task.id) === task);
  return { mirror: merged, changed, removed, notModified: false };
}

/** The server no longer accepts our `since` cursor (too old, or from another server): reload. */
export function isCursorRejected(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && (error.status === 400 || error.status === 410);
}
