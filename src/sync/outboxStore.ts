/**
 * The durable outbox: intents (submits, retries) not yet acknowledged by the server, kept in
 * localStorage so that a reload, a crash or an offline spell loses none and resends each with its
 * own Idempotency-Key. Other tabs see changes through the `storage` event. The decisions live in
 * src/lib/outbox.ts; this store only holds the entries.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { pruneDone, type OutboxEntry } from '../lib/outbox';

export const OUTBOX_STORAGE_KEY = 'task-center:outbox:v1';

interface OutboxStore {
  entries: readonly OutboxEntry[];
  /** ids this tab is sending right now (not persisted) */
  sending: readonly string[];
  sendingChanged: (id: string, sending: boolean) => void;
  entryAdded: (entry: OutboxEntry) => void;
  entryUpdated: (entry: OutboxEntry) => void;
  entryDiscarded: (id: string) => void;
  /** bring a waiting entry forward ("send now") */
  entryDueNow: (id: string, now: number) => void;
  doneEntriesPruned: (now: number) => void;
}

export const useOutboxStore = create<OutboxStore>()(
  persist(
    (set) => ({
      entries: [],
      sending: [],
      sendingChanged: (id, sending) =>
        set((state) => ({
          sending: sending ? [...state.sending.filter((s) => s !== id), id] : state.sending.filter((s) => s !== id),
        })),
      entryAdded: (entry) => set((state) => ({ entries: [...state.entries.filter((e) => e.id !== entry.id), entry] })),
      entryUpdated: (entry) =>
        set((state) =>
          state.entries.some((e) => e.id === entry.id)
            ? { entries: state.entries.map((e) => (e.id === entry.id ? entry : e)) }
            : state,
        ),
      entryDiscarded: (id) => set((state) => ({ entries: state.entries.filter((e) => e.id !== id) })),
      entryDueNow: (id, now) =>
        set((state) => ({
          entries: state.entries.map((e) => (e.id === id && e.state === 'pending' ? { ...e, nextAttemptAt: now } : e)),
        })),
      doneEntriesPruned: (now) =>
        set((state) => {
          const entries = pruneDone(state.entries, now);
          return entries === state.entries ? state : { entries };
        }),
    }),
    {
      name: OUTBOX_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ entries: state.entries }),
      version: 1,
    },
  ),
);

/** Keeps this tab's outbox in step with writes from other tabs. Returns the unsubscribe. */
export function followOutboxAcrossTabs(): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === OUTBOX_STORAGE_KEY) void useOutboxStore.persist.rehydrate();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
