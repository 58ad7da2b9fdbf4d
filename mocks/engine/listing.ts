/**
 * `GET /tasks`: query parsing (400 on anything invalid), filters, paging with an opaque
 * `pageCursor`, `since` deltas with `removed`, and the `ETag` of an answer. The list `cursor` is
 * `<epoch>.<sequence>` (cursor.ts): `since=<cursor>` returns the tasks whose version is larger.
 */
import { TASK_STATUSES, type Task, type TaskStatus } from '../../src/api/schemas';
import { encodeCursor, sinceSequence, type CursorScope } from './cursor';
import { ProblemError } from './problems';
import { hashString } from './random';
import type { EngineState } from './state';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface ListQuery {
  statuses: TaskStatus[] | null;
  types: string[] | null;
  q: string | null;
  limit: number;
  after: PagePosition | null;
  since: number | null;
}

/** Where a page ends: the sort key of its last task. */
interface PagePosition {
  createdAt: string;
  id: string;
}

export interface ListPage {
  items: Task[];
  nextCursor: string | null;
  cursor: string;
  removed?: string[];
}

export function parseListQuery(search: URLSearchParams, scope: CursorScope): ListQuery {
  const statuses = commaList(search.get('status'));
  const bad = statuses?.find((status) => !(TASK_STATUSES as readonly string[]).includes(status));
  if (bad !== undefined) {
    throw new ProblemError('invalid_query', `status: "${bad}" is not one of ${TASK_STATUSES.join(', ')}`);
  }
  const limitText = search.get('limit');
  const limit = limitText === null || limitText === '' ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ProblemError('invalid_query', `limit: must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const q = search.get('q')?.trim();
  return {
    statuses: statuses as TaskStatus[] | null,
    types: commaList(search.get('type')),
    q: q ? q.toLowerCase() : null,
    limit,
    after: decodePageCursor(search.get('pageCursor')),
    since: sinceSequence(scope, search.get('since')),
  };
}

function commaList(text: string | null): string[] | null {
  if (text === null) return null;
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? [...new Set(items)].sort() : null;
}

function encodePageCursor(task: Task): string {
  return btoa(JSON.stringify([task.createdAt, task.id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodePageCursor(text: string | null): PagePosition | null {
  if (text === null || text === '') return null;
  try {
    const raw: unknown = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'string' && typeof raw[1] === 'string') {
      return { createdAt: raw[0], id: raw[1] };
    }
  } catch {
    // falls through to the 400 below
  }
  throw new ProblemError('invalid_cursor', 'pageCursor: not a page cursor from this server');
}

/** Newest first; ties (same millisecond) in id order. ISO UTC strings sort like the times. */
function compareTasks(a: PagePosition, b: PagePosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortedTasks(state: EngineState): Task[] {
  if (!state.listOrder) {
    state.listOrder = [...state.tasks.values()].map((record) => record.task).sort(compareTasks).map((task) => task.id);
  }
  const tasks: Task[] = [];
  for (const id of state.listOrder) {
    const record = state.tasks.get(id);
    if (record) tasks.push(record.task);
  }
  return tasks;
}

export function listTasks(state: EngineState, query: ListQuery): ListPage {
  const { statuses, types, q, since, after, limit } = query;
  const items: Task[] = [];
  let more = false;
  for (const task of sortedTasks(state)) {
    if (after && compareTasks(task, after) <= 0) continue;
    if (since !== null && task.version <= since) continue;
    if (statuses && !statuses.includes(task.status)) continue;
    if (types && !types.includes(task.type)) continue;
    if (q && !task.title.toLowerCase().includes(q)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(task);
  }
  const last = items[items.length - 1];
  const page: ListPage = { items, nextCursor: more && last ? encodePageCursor(last) : null, cursor: encodeCursor(state.epoch, state.seq) };
  if (since !== null) page.removed = state.tombstones.filter((stone) => stone.seq > since).map((stone) => stone.id);
  return page;
}

/** A weak ETag for an answer: same change sequence and same query → same representation. */
export function listEtag(state: EngineState, query: ListQuery): string {
  const key = JSON.stringify([query.statuses, query.types, query.q, query.limit, query.after, query.since]);
  return `W/"${state.seq.toString(36)}-${hashString(key).toString(36)}"`;
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, lists and `*` allowed). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
