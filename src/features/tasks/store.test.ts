import { describe, expect, it } from 'vitest';
import { useTaskListStore } from './store';

describe('the task list store', () => {
  it('remembers the filters, the sort and the collapsed "Just finished" group, not the selection', () => {
    const store = useTaskListStore.getState();
    store.sortChanged('eta');
    store.justFinishedToggled();
    store.selectionToggled('t1');
    const saved = JSON.parse(localStorage.getItem('task-center:list-filters') ?? '{}') as { state: Record<string, unknown> };
    expect(saved.state).toEqual({ status: 'all', type: 'all', q: '', sort: 'eta', justFinishedCollapsed: true });
  });

  it('falls back to the default sort when the saved one is unknown to this version', async () => {
    localStorage.setItem('task-center:list-filters', JSON.stringify({ state: { sort: 'fastest', q: 'kept' }, version: 0 }));
    await useTaskListStore.persist.rehydrate();
    expect(useTaskListStore.getState().sort).toBe('newest');
    expect(useTaskListStore.getState().q).toBe('kept');
  });
});
