/**
 * Sends the deletes whose Undo window is over (hooks/pendingDeletesStore.ts), one timer per batch,
 * and says what came of them: a task already gone from the server (404) is removed with a note, a
 * failure puts the row back with the reason. Ctrl+Z (⌘Z) undoes the latest delete still waiting,
 * unless the keys are meant for a text field.
 */
import { useEffect } from 'react';
import { latestPendingDelete, undoDelete } from '../../../components/deleteWithUndo';
import { showToast } from '../../../components/toast/toastStore';
import { usePendingDeletesStore, type PendingDelete } from '../../../hooks/pendingDeletesStore';
import { describeError } from '../../../i18n/describeError';
import { currentTranslator, useLocaleStore, browserLocale } from '../../../i18n/localeStore';
import { useSyncEngine } from '../../../sync/hooks';
import type { SyncEngine } from '../../../sync/syncEngine';
import { deleteTasksCommand } from '../../../sync/taskCommands';

export function usePendingDeleteSender(): void {
  const engine = useSyncEngine();
  useEffect(() => {
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    const plan = (batches: readonly PendingDelete[]) => {
      for (const pending of batches) {
        if (timers.has(pending.batch)) continue;
        const wait = Math.max(0, pending.dueAt - Date.now());
        timers.set(pending.batch, setTimeout(() => void send(engine, pending.batch), wait));
      }
      for (const [batch, timer] of timers) {
        if (!batches.some((pending) => pending.batch === batch)) {
          clearTimeout(timer);
          timers.delete(batch);
        }
      }
    };
    plan(usePendingDeletesStore.getState().batches);
    const unsubscribe = usePendingDeletesStore.subscribe((state, previous) => {
      if (state.batches !== previous.batches) plan(state.batches);
    });
    return () => {
      unsubscribe();
      timers.forEach(clearTimeout);
    };
  }, [engine]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (isTextEntry(event.target)) return;
      const batch = latestPendingDelete();
      if (batch === null) return;
      event.preventDefault();
      undoDelete(batch);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

async function send(engine: SyncEngine, batch: number): Promise<void> {
  const taken = usePendingDeletesStore.getState().deleteTaken(batch);
  if (!taken) return; // undone meanwhile
  const outcome = await deleteTasksCommand(engine, taken.ids);
  const t = currentTranslator();
  const locale = useLocaleStore.getState().choice ?? browserLocale();
  const titleOf = (id: string) => taken.titles[taken.ids.indexOf(id)] ?? id;
  const [gone] = outcome.gone;
  if (outcome.gone.length === 1 && gone !== undefined) showToast({ kind: 'info', text: t('delete.gone', { title: titleOf(gone) }) });
  else if (outcome.gone.length > 1) showToast({ kind: 'info', text: t('delete.goneMany', { count: outcome.gone.length }) });
  const [failed] = outcome.failed;
  if (failed) {
    const reason = describeError(failed.error, t, locale);
    showToast({
      kind: 'error',
      text:
        outcome.failed.length === 1
          ? t('delete.failed', { title: titleOf(failed.id), reason })
          : t('delete.failedMany', { count: outcome.failed.length, reason }),
    });
  }
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}
