/**
 * Tasks whose latest answer from the server could not be read (a list item or a stream event that
 * does not match the contract). The list keeps such a task's last good state; this store marks it
 * as not updating until a readable version arrives (or it is removed), and counts each problem
 * once, so the UI reports it once instead of on every poll. UI state about server data, not the
 * data itself: the tasks stay in the query cache.
 */
import { create } from 'zustand';
import type { RejectedTask } from '../api/lenientTasks';
import type { Task } from '../api/schemas';

export interface UnreadableTask {
  id: string;
  /** the version the server sent (when readable) */
  version: number | null;
  detail: string;
  since: number;
}

export interface UnreadableReport {
  /** ids newly marked by one answer */
  ids: readonly string[];
  /** rejected items without a readable id */
  anonymous: number;
  detail: string;
  at: number;
}

interface UnreadableTasksState {
  byId: Readonly<Record<string, UnreadableTask>>;
  /** the latest batch of new problems, for the one-time report; null until the first */
  lastReport: UnreadableReport | null;
  /**
   * One answer's outcome: readable tasks clear their mark, removed ids too, rejected ones are
   * marked. A task already marked for the same version is not reported again.
   */
  tasksRead: (accepted: readonly Pick<Task, 'id'>[], rejected: readonly RejectedTask[], removed: readonly string[], now: number) => void;
}

export const useUnreadableTasksStore = create<UnreadableTasksState>()((set, get) => ({
  byId: {},
  lastReport: null,
  tasksRead: (accepted, rejected, removed, now) => {
    const current = get().byId;
    let next: Record<string, UnreadableTask> | null = null;
    const clear = (id: string) => {
      if (!(id in (next ?? current))) return;
      next ??= { ...current };
      delete next[id];
    };
    for (const task of accepted) clear(task.id);
    for (const id of removed) clear(id);
    const fresh: string[] = [];
    let anonymous = 0;
    for (const item of rejected) {
      if (item.id === null) {
        anonymous += 1;
        continue;
      }
      const held = (next ?? current)[item.id];
      if (held && held.version === item.version) continue;
      next ??= { ...current };
      next[item.id] = { id: item.id, version: item.version, detail: item.detail, since: held?.since ?? now };
      if (!held) fresh.push(item.id);
    }
    const detail = rejected[0]?.detail ?? '';
    const report = fresh.length > 0 || anonymous > 0 ? { ids: fresh, anonymous, detail, at: now } : null;
    if (!next && !report) return;
    set({ ...(next ? { byId: next } : {}), ...(report ? { lastReport: report } : {}) });
  },
}));

export const useUnreadableTask = (id: string): UnreadableTask | undefined => useUnreadableTasksStore((state) => state.byId[id]);
