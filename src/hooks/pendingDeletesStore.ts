/**
 * Deletes waiting out their undo window. A delete is not sent at once: its rows leave the list,
 * a toast offers Undo for UNDO_DELETE_MS, and only then does the list's sender (tasks feature)
 * send the DELETEs. Undo in time sends nothing. Closing the page within the window sends nothing
 * either — the tasks stay, which loses nothing. UI state; the tasks themselves stay in the cache.
 */
import { create } from 'zustand';

export const UNDO_DELETE_MS = 6_000;

export interface PendingDelete {
  batch: number;
  ids: readonly string[];
  titles: readonly string[];
  /** when the DELETEs go out */
  dueAt: number;
}

interface PendingDeletesState {
  batches: readonly PendingDelete[];
  /** returns the batch number, for Undo */
  deleteRequested: (tasks: readonly { id: string; title: string }[], dueAt: number) => number;
  /** Undo: the batch is forgotten and nothing is sent; returns it (null when already sent) */
  deleteUndone: (batch: number) => PendingDelete | null;
  /** the sender takes the batch: it leaves the store, the requests go out */
  deleteTaken: (batch: number) => PendingDelete | null;
}

let nextBatch = 1;

export const usePendingDeletesStore = create<PendingDeletesState>()((set, get) => {
  const take = (batch: number) => {
    const found = get().batches.find((entry) => entry.batch === batch) ?? null;
    if (found) set((state) => ({ batches: state.batches.filter((entry) => entry.batch !== batch) }));
    return found;
  };
  return {
    batches: [],
    deleteRequested: (tasks, dueAt) => {
      const batch = nextBatch++;
      const taken = new Set(get().batches.flatMap((entry) => entry.ids));
      const fresh = tasks.filter((task) => !taken.has(task.id));
      if (fresh.length > 0) {
        set((state) => ({
          batches: [...state.batches, { batch, ids: fresh.map((task) => task.id), titles: fresh.map((task) => task.title), dueAt }],
        }));
      }
      return batch;
    },
    deleteUndone: take,
    deleteTaken: take,
  };
});

/** Ids waiting to be deleted, as one sorted string so the selector result is stable. */
export function usePendingDeleteIds(): string {
  return usePendingDeletesStore((state) =>
    state.batches
      .flatMap((entry) => entry.ids)
      .sort()
      .join(' '),
  );
}

export const useIsDeletePending = (id: string) =>
  usePendingDeletesStore((state) => state.batches.some((entry) => entry.ids.includes(id)));
