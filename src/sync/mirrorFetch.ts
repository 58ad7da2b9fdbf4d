/**
 * Fetching the task list: the full load (paged, at the start and whenever the server no longer
 * accepts our cursor) and the delta poll — one `GET /tasks?since=<cursor>` with `If-None-Match`
 * for every task at once, answered 304 when nothing changed. Both only fetch; what they bring is
 * written into the list by the one writer (taskListWriter.ts).
 *
 * Paging always moves forward (contract 1.1): a `nextCursor` seen before, more than `MAX_PAGES`
 * pages, or pages that keep bringing nothing new make the answer malformed — the poll fails with
 * a clear message and backs off, instead of looping.
 */
import type { ApiClient } from '../api/client';
import { listTasks } from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { TaskListPage } from '../api/lenientTasks';
import type { Task } from '../api/schemas';
import type { ServerClock } from '../lib/serverClock';
import { applyDelta, emptyMirror, type MirrorDelta, type TaskMirror } from '../lib/taskMirror';
import { useUnreadableTasksStore } from './unreadableTasksStore';

/** A malformed task in an answer does not stop the others: it is marked and keeps its last state. */
const noteRead = (page: TaskListPage, now: number) =>
  useUnreadableTasksStore.getState().tasksRead(page.items, page.rejected, page.removed ?? [], now);

export const PAGE_LIMIT = 500;
/** The mirror holds at most this many tasks (the newest); older ones stay on the server. */
export const MAX_MIRRORED_TASKS = 20_000;
/** More pages than this for one load or delta is a server that never stops paging. */
export const MAX_PAGES = 200;
/** Pages in a row that bring no task not seen before (with a next page promised) = a loop. */
const MAX_EMPTY_PAGES = 3;

export interface DeltaFetch {
  notModified: boolean;
  /** what to merge; null when nothing changed (304) */
  delta: MirrorDelta | null;
}

/** Follows `nextCursor` and refuses a cursor seen before, too many pages, or pages of nothing new. */
class PageGuard {
  private readonly seen = new Set<string>();
  private readonly ids = new Set<string>();
  private pages = 0;
  private empty = 0;

  constructor(private readonly what: string) {}

  /** Counts `page`; returns its `nextCursor` to follow, or throws if following it would loop. */
  next(page: TaskListPage, status: number): string | null {
    this.pages += 1;
    const fresh = page.items.filter((task) => !this.ids.has(task.id));
    for (const task of page.items) this.ids.add(task.id);
    const cursor = page.nextCursor;
    if (!cursor) return null;
    this.empty = fresh.length === 0 && (page.removed?.length ?? 0) === 0 ? this.empty + 1 : 0;
    let problem: string | null = null;
    if (this.seen.has(cursor)) problem = `repeats the page cursor "${cursor}"`;
    else if (this.pages >= MAX_PAGES) problem = `did not end after ${MAX_PAGES} pages`;
    else if (this.empty >= MAX_EMPTY_PAGES) problem = `brought nothing new in ${MAX_EMPTY_PAGES} pages in a row`;
    if (problem) throw new ApiError({ kind: 'malformed', status, detail: `The ${this.what} ${problem}` });
    this.seen.add(cursor);
    return cursor;
  }
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
  let firstEtag: string | null = null;
  let pageCursor: string | null = null;
  const guard = new PageGuard('task list');
  do {
    const response = await listTasks(client, { limit: PAGE_LIMIT, pageCursor }, { signal });
    const page = response.data;
    if (!page) throw new ApiError({ kind: 'malformed', status: response.status, detail: 'The task list came back empty' });
    sampleClock(serverClock, page, response.timing);
    noteRead(page, now());
    // The first page's cursor: anything that changes while we page is caught by the next delta.
    firstCursor ??= page.cursor;
    // The first page's ETag too (issue 10): the next poll may send it and be answered 304.
    firstEtag ??= response.etag;
    mirror = applyDelta(mirror, { items: page.items, cursor: firstCursor, etag: firstEtag, stats: page.stats ?? null }, now());
    pageCursor = guard.next(page, response.status);
  } while (pageCursor && mirror.order.length < MAX_MIRRORED_TASKS);
  return mirror;
}

export async function fetchDelta(
  client: ApiClient,
  mirror: TaskMirror,
  now: () => number,
  signal?: AbortSignal,
  serverClock?: ServerClock,
): Promise<DeltaFetch> {
  if (mirror.cursor === null) throw new Error('fetchDelta needs a loaded mirror');
  const response = await listTasks(client, { since: mirror.cursor, limit: PAGE_LIMIT }, { ifNoneMatch: mirror.etag, signal });
  if (response.notModified || !response.data) return { notModified: true, delta: null };
  let page = response.data;
  sampleClock(serverClock, page, response.timing);
  noteRead(page, now());
  const items: Task[] = [...page.items];
  const removed: string[] = [...(page.removed ?? [])];
  const guard = new PageGuard('list of changes');
  // More changes than one page: follow the pages of this same delta.
  for (let next = guard.next(page, response.status); next; next = guard.next(page, response.status)) {
    const answer = await listTasks(client, { since: mirror.cursor, limit: PAGE_LIMIT, pageCursor: next }, { signal });
    if (!answer.data) break;
    page = answer.data;
    noteRead(page, now());
    items.push(...page.items);
    removed.push(...(page.removed ?? []));
  }
  return {
    notModified: false,
    delta: { items, removed, cursor: response.data.cursor, etag: response.etag, stats: response.data.stats ?? null },
  };
}

/** The server no longer accepts our `since` cursor (410 expired, 400 malformed): reload. */
export function isCursorRejected(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && (error.status === 400 || error.status === 410);
}
