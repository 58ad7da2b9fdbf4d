/**
 * Filtering, searching and sorting the mirrored task list, in one pass over the ids. The mirror is
 * already newest first, so the default sort costs nothing; other sorts copy and sort.
 */
import { PRIORITIES, type Task, type TaskStatus } from '../api/schemas';
import type { TaskMirror } from './taskMirror';
import { taskProgress } from './progress';

export type StatusFilter = 'all' | 'active' | 'finished' | TaskStatus;
export type TaskSort = 'newest' | 'oldest' | 'priority' | 'progress' | 'status';

export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'active', 'finished', 'queued', 'running', 'succeeded', 'failed', 'canceled'];
export const TASK_SORTS: readonly TaskSort[] = ['newest', 'oldest', 'priority', 'progress', 'status'];

export interface TaskFilters {
  status: StatusFilter;
  /** task type, or 'all' */
  type: string;
  /** search in titles (and ids), case-insensitive */
  q: string;
  sort: TaskSort;
}

export const DEFAULT_FILTERS: TaskFilters = { status: 'all', type: 'all', q: '', sort: 'newest' };

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
 * The tasks to show, in order. `pinned` ids (unseen completions) come first, newest pin first,
 * if they pass the filters.
 */
export function selectTasks(mirror: TaskMirror, filters: TaskFilters, pinned: readonly string[] = []): Task[] {
  const query = filters.q.trim().toLocaleLowerCase();
  const pinnedSet = new Set(pinned);
  const matches = (task: Task) =>
    matchesStatus(task.status, filters.status) &&
    (filters.type === 'all' || task.type === filters.type) &&
    (query === '' || task.title.toLocaleLowerCase().includes(query) || task.id.toLocaleLowerCase() === query);

  const rest: Task[] = [];
  for (const id of mirror.order) {
    if (pinnedSet.has(id)) continue;
    const task = mirror.byId.get(id);
    if (task && matches(task)) rest.push(task);
  }
  sortTasks(rest, filters.sort);

  const head: Task[] = [];
  for (const id of pinned) {
    const task = mirror.byId.get(id);
    if (task && matches(task)) head.push(task);
  }
  return head.length > 0 ? [...head, ...rest] : rest;
}

/** Sorts in place; `tasks` must be newest first already (the mirror's order). */
function sortTasks(tasks: Task[], sort: TaskSort): void {
  switch (sort) {
    case 'newest':
      return;
    case 'oldest':
      tasks.reverse();
      return;
    case 'priority':
      stableSort(tasks, (a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
      return;
    case 'progress':
      stableSort(tasks, (a, b) => taskProgress(b) - taskProgress(a));
      return;
    case 'status':
      stableSort(tasks, (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
      return;
  }
}

function stableSort<T>(items: T[], compare: (a: T, b: T) => number): void {
  // Array.prototype.sort is stable (ES2019), so ties keep newest first.
  items.sort(compare);
}
