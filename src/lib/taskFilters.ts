/**
 * Filtering, searching and sorting the mirrored task list, built to stay well inside a frame's
 * budget at 10,000 tasks: one pass over the ids with a precomputed lower-case title per task for
 * search, and sorts over numeric keys computed once per task object (tasks are immutable and the
 * mirror keeps an unchanged task's identity across polls) instead of comparators that derive them
 * on every comparison. Time-dependent keys (ETA, duration of a running task) are computed once
 * per sort. The mirror is already newest first, so the default sort costs nothing, and every sort
 * is stable: ties keep newest first.
 *
 * Unseen completions ("Just finished") are returned as their own group, so the chosen sort
 * visibly applies to the rest.
 */
import { PRIORITIES, type Task, type TaskStatus } from '../api/schemas';
import type { TaskMirror } from './taskMirror';
import { taskProgress } from './progress';
import { estimateEta, etaMidpoint, type DurationHistory } from './historyEta';
import { fixedTimeline, type ServerTimeline } from './serverClock';
import { taskMeasuredAt } from './taskClock';

export type StatusFilter = 'all' | 'active' | 'finished' | TaskStatus;
export type TaskSort =
  | 'newest'
  | 'oldest'
  | 'priority'
  | 'progress'
  | 'status'
  | 'eta'
  | 'cost'
  | 'duration'
  | 'finished';

export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'active', 'finished', 'queued', 'running', 'succeeded', 'failed', 'canceled'];
export const TASK_SORTS: readonly TaskSort[] = ['newest', 'oldest', 'priority', 'status', 'progress', 'eta', 'cost', 'duration', 'finished'];

export interface TaskFilters {
  status: StatusFilter;
  /** task type, or 'all' */
  type: string;
  /** search in titles (and ids), case-insensitive */
  q: string;
  sort: TaskSort;
}

export const DEFAULT_FILTERS: TaskFilters = { status: 'all', type: 'all', q: '', sort: 'newest' };

/** What the time-dependent sorts (ETA, duration) need besides the tasks. */
export interface SortContext {
  /** the time the ETA and duration keys are taken at; now when absent */
  now?: number;
  history: DurationHistory;
  maxConcurrent: number;
  /** the server clock's offset: server timestamps meet `now` through it (none: the clocks agree) */
  timeline?: ServerTimeline;
}

export interface TaskGroups {
  /** unseen completions that pass the filters, newest completion first */
  justFinished: Task[];
  /** every other task that passes the filters, in the chosen order */
  rest: Task[];
}

export function isTaskSort(value: unknown): value is TaskSort {
  return typeof value === 'string' && (TASK_SORTS as readonly string[]).includes(value);
}

export function matchesStatus(status: TaskStatus, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return status === 'queued' || status === 'running';
    case 'finished':
      return status !== 'queued' && status !== 'running';
    default:
      return status === filter;
  }
}

const STATUS_ORDER: Record<TaskStatus, number> = { running: 0, queued: 1, failed: 2, succeeded: 3, canceled: 4 };
const PRIORITY_ORDER = Object.fromEntries(PRIORITIES.map((p, i) => [p, i])) as Record<Task['priority'], number>;

/**
 * Per task object, each computed once and only when first needed: the searchable text (a search
 * must not pay for sort keys) and the sort keys that do not depend on time.
 */
const searchTextByTask = new WeakMap<Task, string>();
const sortKeysByTask = new WeakMap<Task, SortKeys>();

interface SortKeys {
  progress: number;
  cost: number;
  startedAt: number;
  finishedAt: number;
}

function searchText(task: Task): string {
  let text = searchTextByTask.get(task);
  if (text === undefined) {
    text = task.title.toLocaleLowerCase();
    searchTextByTask.set(task, text);
  }
  return text;
}

function keysOf(task: Task): SortKeys {
  let keys = sortKeysByTask.get(task);
  if (!keys) {
    keys = {
      progress: taskProgress(task),
      cost: task.cost.actual ?? task.cost.estimated,
      startedAt: task.startedAt ? Date.parse(task.startedAt) : Number.NaN,
      finishedAt: task.finishedAt ? Date.parse(task.finishedAt) : Number.NaN,
    };
    sortKeysByTask.set(task, keys);
  }
  return keys;
}

/** The tasks to show, as the "Just finished" group and the rest. */
export function selectTaskGroups(
  mirror: TaskMirror,
  filters: TaskFilters,
  pinned: readonly string[] = [],
  context: SortContext = { history: {}, maxConcurrent: 1 },
): TaskGroups {
  const query = filters.q.trim().toLocaleLowerCase();
  const pinnedSet = pinned.length > 0 ? new Set(pinned) : null;
  const { status, type } = filters;
  const matches = (task: Task) => {
    if (status !== 'all' && !matchesStatus(task.status, status)) return false;
    if (type !== 'all' && task.type !== type) return false;
    if (query === '') return true;
    // The id only when it could be equal: lower-casing 10,000 ids per keystroke is not free.
    return searchText(task).includes(query) || (task.id.length === query.length && task.id.toLocaleLowerCase() === query);
  };

  const rest: Task[] = [];
  for (const id of mirror.order) {
    if (pinnedSet?.has(id)) continue;
    const task = mirror.byId.get(id);
    if (task && matches(task)) rest.push(task);
  }

  const justFinished: Task[] = [];
  for (const id of pinned) {
    const task = mirror.byId.get(id);
    if (task && matches(task)) justFinished.push(task);
  }
  return { justFinished, rest: sortTasks(rest, filters.sort, context) };
}

/** The tasks to show, in order, the "Just finished" group first. */
export function selectTasks(
  mirror: TaskMirror,
  filters: TaskFilters,
  pinned: readonly string[] = [],
  context?: SortContext,
): Task[] {
  const { justFinished, rest } = selectTaskGroups(mirror, filters, pinned, context);
  return justFinished.length > 0 ? [...justFinished, ...rest] : rest;
}

/**
 * Sorts a newest-first list by `sort`. Keys are computed once per task into a typed array and the
 * indices sorted by them; a task without a key (no ETA, not started, not finished) goes last.
 */
export function sortTasks(tasks: Task[], sort: TaskSort, sortContext: SortContext): Task[] {
  if (sort === 'newest') return tasks;
  if (sort === 'oldest') return tasks.reverse();
  const context = { ...sortContext, now: sortContext.now ?? Date.now(), timeline: sortContext.timeline ?? fixedTimeline(0) };
  const n = tasks.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) keys[i] = sortKey(tasks[i] as Task, sort, context);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  // Ascending keys; the index breaks ties, so the sort is stable (newest first within a tie).
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const sorted = new Array<Task>(n);
  for (let i = 0; i < n; i += 1) sorted[i] = tasks[order[i] as number] as Task;
  return sorted;
}

/** Keys sort ascending. Tasks without the value sort after every real key (finished tasks in the ETA sort after even those). */
const LAST = Number.MAX_VALUE;

function sortKey(task: Task, sort: Exclude<TaskSort, 'newest' | 'oldest'>, context: Required<SortContext>): number {
  switch (sort) {
    case 'priority':
      return PRIORITY_ORDER[task.priority];
    case 'status':
      return STATUS_ORDER[task.status];
    case 'progress':
      return -keysOf(task).progress;
    case 'cost':
      return -keysOf(task).cost;
    case 'finished': {
      // Most recently finished first.
      const finishedAt = keysOf(task).finishedAt;
      return Number.isNaN(finishedAt) ? LAST : -finishedAt;
    }
    case 'duration': {
      // Longest first: finished tasks by their run time, running ones by the time so far.
      const { startedAt, finishedAt } = keysOf(task);
      if (Number.isNaN(startedAt)) return LAST;
      // A running task's time so far is on the server's clock, like the finished ones' run times.
      const end = Number.isNaN(finishedAt) ? (task.status === 'running' ? context.timeline.toServer(context.now) : Number.NaN) : finishedAt;
      return Number.isNaN(end) ? LAST : -(end - startedAt);
    }
    case 'eta': {
      // Soonest to finish first; tasks without an estimate after those with one, finished ones last.
      if (task.status !== 'running' && task.status !== 'queued') return Number.POSITIVE_INFINITY;
      const eta = estimateEta(task, { ...context, measuredAt: taskMeasuredAt(task, context.timeline, context.now) });
      return eta ? etaMidpoint(eta) : LAST;
    }
  }
}
