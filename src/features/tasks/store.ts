/**
 * UI state of the task list: filters, search, sort (remembered across reloads) and the selection
 * (not remembered). Server data never lives here — it is in the query cache.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_FILTERS, type StatusFilter, type TaskFilters, type TaskSort } from '../../lib/taskFilters';

interface TaskListState extends TaskFilters {
  selected: ReadonlySet<string>;
  statusFilterChanged: (status: StatusFilter) => void;
  typeFilterChanged: (type: string) => void;
  searchChanged: (q: string) => void;
  sortChanged: (sort: TaskSort) => void;
  selectionToggled: (id: string) => void;
  selectionReplaced: (ids: Iterable<string>) => void;
  selectionCleared: () => void;
}

export const useTaskListStore = create<TaskListState>()(
  persist(
    (set) => ({
      ...DEFAULT_FILTERS,
      selected: new Set(),
      statusFilterChanged: (status) => set({ status }),
      typeFilterChanged: (type) => set({ type }),
      searchChanged: (q) => set({ q }),
      sortChanged: (sort) => set({ sort }),
      selectionToggled: (id) =>
        set((state) => {
          const selected = new Set(state.selected);
          if (!selected.delete(id)) selected.add(id);
          return { selected };
        }),
      selectionReplaced: (ids) => set({ selected: new Set(ids) }),
      selectionCleared: () => set((state) => (state.selected.size === 0 ? state : { selected: new Set() })),
    }),
    {
      name: 'task-center:list-filters',
      partialize: ({ status, type, q, sort }) => ({ status, type, q, sort }),
    },
  ),
);

export const useIsSelected = (id: string) => useTaskListStore((state) => state.selected.has(id));
