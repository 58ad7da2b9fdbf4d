import { describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { applyDelta, emptyMirror } from './taskMirror';
import { DEFAULT_FILTERS, selectTasks } from './taskFilters';

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
