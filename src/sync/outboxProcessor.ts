/**
 * Sends what waits in the outbox: each due entry once at a time, with its own Idempotency-Key,
 * never while offline (a mock service worker would answer, a real network would not), and after
 * each answer the entry's next state comes from src/lib/outbox.ts. Across tabs a Web Lock per
 * entry keeps two tabs from sending the same entry at once; the key would make it harmless anyway.
 */
import type { ApiClient } from '../api/client';
import { retryTask, submitTask } from '../api/endpoints';
import { toApiError } from '../api/errors';
import type { Task } from '../api/schemas';
import { afterSend, dueEntries, nextDueAt, type OutboxEntry, type SendOutcome } from '../lib/outbox';
import { useOutboxStore } from './outboxStore';

export interface OutboxProcessorDeps {
  client: ApiClient;
  isOnline: () => boolean;
  now: () => number;
  retryDelay: (sends: number) => number;
  onAcknowledged: (task: Task, entry: OutboxEntry) => void;
}

export interface OutboxProcessor {
  start(): void;
  stop(): void;
  /** look again now (the network came back, an entry was added) */
  kick(): void;
}

export function createOutboxProcessor(deps: OutboxProcessorDeps): OutboxProcessor {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let unsubscribe: (() => void) | null = null;
  const inFlight = new Set<string>();

  function schedule() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!unsubscribe) return;
    const next = nextDueAt(useOutboxStore.getState().entries.filter((entry) => !inFlight.has(entry.id)));
    if (next === null || !deps.isOnline()) return;
    timer = setTimeout(run, Math.max(0, next - deps.now()));
  }

  function run() {
    timer = null;
    // Acknowledged entries only guard against double submits for a while; then they go.
    useOutboxStore.getState().doneEntriesPruned(deps.now());
    if (!deps.isOnline()) return;
    for (const entry of dueEntries(useOutboxStore.getState().entries, deps.now())) {
      if (!inFlight.has(entry.id)) void sendWithLock(entry);
    }
    schedule();
  }

  async function sendWithLock(entry: OutboxEntry) {
    inFlight.add(entry.id);
    try {
      if (typeof navigator !== 'undefined' && navigator.locks) {
        await navigator.locks.request(`task-center:outbox:${entry.id}`, { ifAvailable: true }, async (lock) => {
          if (lock) await send(entry.id);
        });
      } else {
        await send(entry.id);
      }
    } finally {
      inFlight.delete(entry.id);
      schedule();
    }
  }

  async function send(id: string) {
    const store = useOutboxStore.getState();
    // Another tab may have finished it while we waited for the lock.
    const entry = store.entries.find((e) => e.id === id);
    if (!entry || entry.state !== 'pending') return;
    store.sendingChanged(id, true);
    let outcome: SendOutcome;
    let task: Task | null = null;
    try {
      const response =
        entry.kind === 'submit' && entry.body
          ? await submitTask(deps.client, entry.body, { idempotencyKey: entry.idempotencyKey })
          : await retryTask(deps.client, entry.taskId ?? '', { idempotencyKey: entry.idempotencyKey });
      task = response.data;
      outcome = task
        ? { ok: true, taskId: task.id, replayed: response.replayed }
        : { ok: false, error: toApiError(new Error('Empty answer to a write')) };
    } catch (error) {
      outcome = { ok: false, error: toApiError(error) };
    } finally {
      useOutboxStore.getState().sendingChanged(id, false);
    }
    const latest = useOutboxStore.getState().entries.find((e) => e.id === id);
    if (!latest) return; // discarded by the user meanwhile
    const next = afterSend(latest, outcome, deps.now(), deps.retryDelay);
    useOutboxStore.getState().entryUpdated(next);
    if (task && outcome.ok) deps.onAcknowledged(task, next);
  }

  return {
    start() {
      if (unsubscribe) return;
      unsubscribe = useOutboxStore.subscribe((state, previous) => {
        if (state.entries !== previous.entries) schedule();
      });
      run();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    kick() {
      if (unsubscribe) run();
    },
  };
}
