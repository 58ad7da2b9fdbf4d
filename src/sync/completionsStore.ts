/**
 * Completions this client watched happen: a task it knew as queued or running that is now
 * succeeded, failed or canceled. They drive the toast, the system notification, the tab title and
 * the "new" pins at the top of the list, and stay unseen until the user looks at them. Kept in
 * sessionStorage so a reload of the tab keeps the pins.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TaskStatus } from '../api/schemas';

export interface Completion {
  id: string;
  title: string;
  status: Extract<TaskStatus, 'succeeded' | 'failed' | 'canceled'>;
  at: number;
  seen: boolean;
}

const MAX_KEPT = 50;

interface CompletionsState {
  completions: readonly Completion[];
  completionRecorded: (completion: Omit<Completion, 'seen'>) => void;
  completionsSeen: (ids?: readonly string[]) => void;
  /** the tasks run again (a retry): their completions are no longer news */
  completionsWithdrawn: (ids: readonly string[]) => void;
}

export const useCompletionsStore = create<CompletionsState>()(
  persist(
    (set) => ({
      completions: [],
      completionRecorded: (completion) =>
        set((state) => ({
          completions: [
            { ...completion, seen: false },
            ...state.completions.filter((c) => !(c.id === completion.id && c.status === completion.status)),
          ].slice(0, MAX_KEPT),
        })),
      completionsSeen: (ids) =>
        set((state) => {
          if (!state.completions.some((c) => !c.seen && (!ids || ids.includes(c.id)))) return state;
          return { completions: state.completions.map((c) => (!ids || ids.includes(c.id) ? { ...c, seen: true } : c)) };
        }),
      completionsWithdrawn: (ids) =>
        set((state) => {
          const kept = state.completions.filter((c) => !ids.includes(c.id));
          return kept.length === state.completions.length ? state : { completions: kept };
        }),
    }),
    {
      name: 'task-center:completions',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (state) => ({ completions: state.completions }),
    },
  ),
);

/** Ids of unseen completions, newest first, as one string so the selector result is stable. */
export function useUnseenCompletionIds(): string {
  return useCompletionsStore((state) =>
    state.completions
      .filter((c) => !c.seen)
      .map((c) => c.id)
      .join(' '),
  );
}
