/**
 * The render benchmark's baseline for the selection: filtering, searching and sorting the way the
 * list did before issue 8 — every title lower-cased again on every search, and every sort key
 * derived inside the comparator (progress from the stages, dates parsed, ETAs estimated) on each
 * of the ~130,000 comparisons of a 10,000-task sort. The new sorts are written the same
 * straightforward way. Same results as `selectTaskGroups`, for comparison only.
 */
import { PRIORITIES, type Task } from '../../src/api/schemas';
import { estimateEta, etaMidpoint } from '../../src/lib/historyEta';
import { taskProgress } from '../../src/lib/progress';
import { matchesStatus, type SortContext, type TaskFilters } from '../../src/lib/taskFilters';
import { fixedTimeline } from '../../src/lib/serverClock';
import { taskMeasuredAt } from '../../src/lib/taskClock';
import type { TaskMirror } from '../../src/lib/taskMirror';

const STATUS_ORDER = { running: 0, queued: 1, failed: 2, succeeded: 3, canceled: 4 } as const;
const PRIORITY_ORDER = Object.fromEntries(PRIORITIES.map((p, i) => [p, i])) as Record<Task['priority'], number>;
const time = (value: string | null) => (value ? Date.parse(value) : Number.NaN);

export function naiveSelect(mirror: TaskMirror, filters: TaskFilters, context: SortContext): Task[] {
  const query = filters.q.trim().toLocaleLowerCase();
  const now = context.now ?? Date.now();
  const timeline = context.timeline ?? fixedTimeline(0);
  const rest: Task[] = [];
  for (const id of mirror.order) {
    const task = mirror.byId.get(id);
    if (!task) continue;
    if (!matchesStatus(task.status, filters.status)) continue;
    if (filters.type !== 'all' && task.type !== filters.type) continue;
    if (query !== '' && !task.title.toLocaleLowerCase().includes(query) && task.id.toLocaleLowerCase() !== query) continue;
    rest.push(task);
  }
  const eta = (task: Task) => {
    if (task.status !== 'running' && task.status !== 'queued') return Number.POSITIVE_INFINITY;
    const value = estimateEta(task, { ...context, now, measuredAt: taskMeasuredAt(task, timeline, now) });
    return value ? etaMidpoint(value) : Number.MAX_VALUE;
  };
  const duration = (task: Task) => {
    const start = time(task.startedAt);
    const end = task.finishedAt ? time(task.finishedAt) : task.status === 'running' ? timeline.toServer(now) : Number.NaN;
    return Number.isNaN(start) || Number.isNaN(end) ? -1 : end - start;
  };
  switch (filters.sort) {
    case 'newest':
      return rest;
    case 'oldest':
      return rest.reverse();
    case 'priority':
      return rest.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
    case 'status':
      return rest.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
    case 'progress':
      return rest.sort((a, b) => taskProgress(b) - taskProgress(a));
    case 'cost':
      return rest.sort((a, b) => (b.cost.actual ?? b.cost.estimated) - (a.cost.actual ?? a.cost.estimated));
    case 'finished':
      return rest.sort((a, b) => (time(b.finishedAt) || 0) - (time(a.finishedAt) || 0));
    case 'duration':
      return rest.sort((a, b) => duration(b) - duration(a));
    case 'eta':
      return rest.sort((a, b) => eta(a) - eta(b));
  }
}
