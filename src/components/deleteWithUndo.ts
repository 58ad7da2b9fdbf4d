/**
 * Deleting, the way every delete button does it: the rows leave the list at once, a toast says
 * what was deleted and offers Undo for a few seconds, and only when that time is up does the
 * list's sender send anything (hooks/pendingDeletesStore.ts). Undo puts the rows back and moves
 * focus to the first of them. Ctrl+Z / ⌘Z does the same while the toast shows (tasks feature).
 */
import { focusRow } from '../hooks/rowFocus';
import { UNDO_DELETE_MS, usePendingDeletesStore } from '../hooks/pendingDeletesStore';
import type { Translate } from '../i18n/i18n';
import { dismissToast, showToast } from './toast/toastStore';

const undoToasts = new Map<number, number>();

export function deleteWithUndo(tasks: readonly { id: string; title: string }[], t: Translate, now: number = Date.now()): number {
  const batch = usePendingDeletesStore.getState().deleteRequested(tasks, now + UNDO_DELETE_MS);
  const [first] = tasks;
  const text = tasks.length === 1 && first ? t('delete.pending', { title: first.title }) : t('delete.pendingMany', { count: tasks.length });
  const toast = showToast({
    kind: 'info',
    text,
    durationMs: UNDO_DELETE_MS,
    action: { label: t('delete.undo'), run: () => undoDelete(batch) },
  });
  undoToasts.set(batch, toast);
  return batch;
}

/** Undo a delete still in its window: nothing is sent, the rows come back with focus. */
export function undoDelete(batch: number): boolean {
  const undone = usePendingDeletesStore.getState().deleteUndone(batch);
  const toast = undoToasts.get(batch);
  undoToasts.delete(batch);
  if (toast !== undefined) dismissToast(toast);
  const [first] = undone?.ids ?? [];
  if (first) focusRow({ id: first, next: null, previous: null });
  return undone !== null;
}

/** The latest delete still waiting, for Ctrl+Z. */
export function latestPendingDelete(): number | null {
  return usePendingDeletesStore.getState().batches.at(-1)?.batch ?? null;
}
