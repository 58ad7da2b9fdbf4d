import { describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { applyDelta, emptyMirror } from './taskMirror';
import { DEFAULT_FILTERS, isTaskSort, selectTaskGroups, selectTasks, TASK_SORTS, type TaskFilters } from './taskFilters';

const tasks = [
  makeTask({ id: 'a', title: 'Poster spring', status: 'running', priority: 'low', createdAt: '2026-01-01T00:00:01Z' }),
  makeTask({ id: 'b', title: '产品海报', status: 'succeeded', priority: 'urgent', type: 'video', createdAt: '2026-01-01T00:00:02Z' }),
  makeTask({ id: 'c', title: 'Report Q3', status: 'failed', priority: 'high', type: 'analysis', createdAt: '2026-01-01T00:00:03Z' }),
  makeTask({ id: 'd', title: 'poster autumn', status: 'queued', priority: 'urgent', createdAt: '2026-01-01T00:00:04Z' }),
];
const mirror = applyDelta(emptyMirror(), { items: tasks, cursor: 'c' }, 0);
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('selectTasks', () => {
  it('lists newest first by default', () => {
    expect(ids(selectTasks(mirror, DEFAULT_FILTERS))).toEqual(['d', 'c', 'b', 'a']);
  });

  it('filters by status groups and single statuses', () => {
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, status: 'active' }))).toEqual(['d', 'a']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, status: 'finished' }))).toEqual(['c', 'b']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, status: 'failed' }))).toEqual(['c']);
  });

  it('filters by type and searches titles case-insensitively, in any script', () => {
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, type: 'image' }))).toEqual(['d', 'a']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, q: 'POSTER' }))).toEqual(['d', 'a']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, q: '海报' }))).toEqual(['b']);
  });

  it('sorts by priority, oldest, status, keeping newest first within ties', () => {
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, sort: 'priority' }))).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, sort: 'oldest' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, sort: 'status' }))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('puts pinned completions first when they pass the filters', () => {
    expect(ids(selectTasks(mirror, DEFAULT_FILTERS, ['b']))).toEqual(['b', 'd', 'c', 'a']);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, status: 'active' }, ['b']))).toEqual(['d', 'a']);
  });
});

describe('the sorts people asked for', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const at = (minutes: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + minutes * 60_000).toISOString();
  const sortTasks = [
    makeTask({ id: 's1', status: 'succeeded', startedAt: at(0), finishedAt: at(10), cost: { estimated: 1, actual: 3, currency: 'USD' }, createdAt: at(1) }),
    makeTask({ id: 's2', status: 'failed', startedAt: at(5), finishedAt: at(50), cost: { estimated: 5, actual: null, currency: 'USD' }, createdAt: at(2) }),
    makeTask({ id: 'r1', status: 'running', startedAt: at(40), finishedAt: null, eta: { remainingMs: 90_000, source: 'server' }, cost: { estimated: 2, actual: null, currency: 'USD' }, createdAt: at(3) }),
    makeTask({ id: 'r2', status: 'running', startedAt: at(55), finishedAt: null, eta: { remainingMs: 30_000, source: 'server' }, cost: { estimated: 2, actual: null, currency: 'USD' }, createdAt: at(4) }),
    makeTask({ id: 'q1', status: 'queued', startedAt: null, finishedAt: null, queuePosition: 1, cost: { estimated: 0.5, actual: null, currency: 'USD' }, createdAt: at(5) }),
  ];
  const sortMirror = applyDelta(emptyMirror(), { items: sortTasks, cursor: 'c' }, now);
  const sorted = (sort: TaskFilters['sort']) => ids(selectTasks(sortMirror, { ...DEFAULT_FILTERS, sort }, [], { now, history: {}, maxConcurrent: 2 }));

  it('ETA: soonest first; active tasks without an estimate next; finished ones last, newest first', () => {
    expect(sorted('eta')).toEqual(['r2', 'r1', 'q1', 's2', 's1']);
  });

  it('cost: the actual cost when known, else the estimate; highest first, ties newest first', () => {
    expect(sorted('cost')).toEqual(['s2', 's1', 'r2', 'r1', 'q1']);
  });

  it('duration: run time of finished tasks and time so far of running ones, longest first; not started last', () => {
    // s2 ran 45 min, r1 20 min so far, s1 10 min, r2 5 min; q1 has not started.
    expect(sorted('duration')).toEqual(['s2', 'r1', 's1', 'r2', 'q1']);
  });

  it('finish time: latest finished first; unfinished after them, newest first', () => {
    expect(sorted('finished')).toEqual(['s2', 's1', 'q1', 'r2', 'r1']);
  });

  it('keeps every sort stable on 10,000 tasks with many ties (newest first within a tie)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      makeTask({ id: `m${String(i).padStart(5, '0')}`, priority: (['low', 'urgent', 'medium'] as const)[i % 3], createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString() }),
    );
    const big = applyDelta(emptyMirror(), { items: many, cursor: 'c' }, now);
    const result = selectTasks(big, { ...DEFAULT_FILTERS, sort: 'priority' });
    expect(result).toHaveLength(10_000);
    const urgent = result.filter((task) => task.priority === 'urgent').map((task) => task.id);
    expect(result.slice(0, urgent.length).every((task) => task.priority === 'urgent')).toBe(true);
    expect(urgent).toEqual([...urgent].sort().reverse());
  });
});

describe('selectTaskGroups', () => {
  it('returns unseen completions as their own group, newest completion first, and sorts only the rest', () => {
    const groups = selectTaskGroups(mirror, { ...DEFAULT_FILTERS, sort: 'oldest' }, ['c', 'b']);
    expect(ids(groups.justFinished)).toEqual(['c', 'b']);
    expect(ids(groups.rest)).toEqual(['a', 'd']);
  });

  it('applies the filters and the search to the group too', () => {
    const groups = selectTaskGroups(mirror, { ...DEFAULT_FILTERS, q: 'report' }, ['c', 'b']);
    expect(ids(groups.justFinished)).toEqual(['c']);
    expect(groups.rest).toEqual([]);
  });

  it('finds a task by its exact id as well as by its title', () => {
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, q: ' C ' }))).toEqual(['c']);
  });

  it('sees a changed title: the search text is kept per task object, and a poll brings a new object', () => {
    const renamed = applyDelta(mirror, { items: [{ ...tasks[0]!, title: 'Renamed', version: 99 }], cursor: 'c2' }, 0);
    expect(ids(selectTasks(mirror, { ...DEFAULT_FILTERS, q: 'spring' }))).toEqual(['a']);
    expect(ids(selectTasks(renamed, { ...DEFAULT_FILTERS, q: 'spring' }))).toEqual([]);
    expect(ids(selectTasks(renamed, { ...DEFAULT_FILTERS, q: 'renamed' }))).toEqual(['a']);
  });
});

describe('isTaskSort', () => {
  it('knows the sorts and nothing else', () => {
    for (const sort of TASK_SORTS) expect(isTaskSort(sort)).toBe(true);
    expect(isTaskSort('fastest')).toBe(false);
    expect(isTaskSort(undefined)).toBe(false);
  });
});
