/**
 * UI state of the task list: filters, search, sort and whether the "Just finished" group is
 * collapsed (remembered across reloads), and the selection (not remembered). Server data never
 * lives here — it is in the query cache.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { RowPlace } from '../../hooks/rowFocus';
import { DEFAULT_FILTERS, isTaskSort, type StatusFilter, type TaskFilters, type TaskSort } from '../../lib/taskFilters';

/** A cancel waiting for the user's answer: which tasks, and where focus goes afterwards. */
export interface CancelQuestion {
  ids: readonly string[];
  /** the row to come back to (a single cancel from its row); null for a bulk cancel */
  place: RowPlace | null;
}

interface TaskListState extends TaskFilters {
  selected: ReadonlySet<string>;
  cancelQuestion: CancelQuestion | null;
  cancelAsked: (question: CancelQuestion) => void;
  cancelAnswered: () => void;
  justFinishedCollapsed: boolean;
  justFinishedToggled: () => void;
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
      cancelQuestion: null,
      cancelAsked: (cancelQuestion) => set({ cancelQuestion }),
      cancelAnswered: () => set({ cancelQuestion: null }),
      justFinishedCollapsed: false,
      justFinishedToggled: () => set((state) => ({ justFinishedCollapsed: !state.justFinishedCollapsed })),
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
      partialize: ({ status, type, q, sort, justFinishedCollapsed }) => ({ status, type, q, sort, justFinishedCollapsed }),
      // A sort this version does not know (an older or newer app wrote it) falls back to the default.
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<TaskListState>;
        return { ...current, ...saved, sort: isTaskSort(saved.sort) ? saved.sort : DEFAULT_FILTERS.sort };
      },
    },
  ),
);

export const useIsSelected = (id: string) => useTaskListStore((state) => state.selected.has(id));
