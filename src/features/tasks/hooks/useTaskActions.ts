/**
 * What the user can do to tasks, as stable callbacks: open, select, cancel, retry, run again,
 * delete, and the bulk versions. Costly steps are safe: canceling a running task asks first (the
 * question is CancelConfirmHost), deleting waits out an Undo window before anything is sent
 * (components/deleteWithUndo.ts, sent by usePendingDeleteSender). After Retry, Cancel or Delete,
 * focus goes back to the row, or to the next one when the row left the list. Writes go through
 * the sync engine; a 404 on cancel removes the row with a note (the server no longer has it).
 */
import { useMemo } from 'react';
import { setQueuePaused } from '../../../api/endpoints';
import type { Task } from '../../../api/schemas';
import { deleteWithUndo } from '../../../components/deleteWithUndo';
import { showToast } from '../../../components/toast/toastStore';
import { useNavigation } from '../../../hooks/navigation';
import { focusRow, rowPlace, type RowPlace } from '../../../hooks/rowFocus';
import { describeError } from '../../../i18n/describeError';
import type { Locale, Translate } from '../../../i18n/i18n';
import { useLocale, useT } from '../../../i18n/localeStore';
import { cancelNeedsConfirmation } from '../../../lib/cancelImpact';
import { useCompletionsStore } from '../../../sync/completionsStore';
import { useSyncEngine } from '../../../sync/hooks';
import type { SyncEngine } from '../../../sync/syncEngine';
import { cancelTaskCommand, cancelTasksCommand } from '../../../sync/taskCommands';
import type { TaskRowActions } from '../components/TaskRow';
import { useTaskListStore } from '../store';

export interface TaskActions extends TaskRowActions {
  retryMany: (tasks: readonly Task[]) => void;
  cancelMany: (tasks: readonly Task[]) => void;
  removeMany: (tasks: readonly Task[]) => void;
  setPaused: (paused: boolean) => Promise<void>;
  /** the user said yes to the cancel question */
  cancelConfirmed: (ids: readonly string[], place: RowPlace | null) => Promise<void>;
}

const isFinished = (task: Task) => task.status !== 'queued' && task.status !== 'running';

export function useTaskActions(): TaskActions {
  const engine = useSyncEngine();
  const t = useT();
  const locale = useLocale();
  return useMemo(() => createTaskActions(engine, t, locale), [engine, t, locale]);
}

export function createTaskActions(engine: SyncEngine, t: Translate, locale: Locale): TaskActions {
  const fail = (error: unknown) => showToast({ kind: 'error', text: describeError(error, t, locale) });
  const unselect = (ids: readonly string[]) =>
    useTaskListStore.setState((state) => ({ selected: new Set([...state.selected].filter((id) => !ids.includes(id))) }));

  const cancelConfirmed = async (ids: readonly string[], place: RowPlace | null) => {
    const tasks = ids.map((id) => engine.getMirror()?.byId.get(id)).filter((task): task is Task => task !== undefined);
    if (ids.length === 1 && ids[0] !== undefined) {
      const outcome = await cancelTaskCommand(engine, ids[0]);
      if (outcome.kind === 'gone') showToast({ kind: 'info', text: t('cancel.gone', { title: tasks[0]?.title ?? ids[0] }) });
      if (outcome.kind === 'failed') fail(outcome.error);
    } else {
      try {
        const outcome = await cancelTasksCommand(engine, ids);
        showToast({ kind: 'info', text: t('bulk.canceledResult', { canceled: outcome.canceled, skipped: outcome.notCancelable }) });
        if (outcome.gone.length > 0) showToast({ kind: 'info', text: t('cancel.goneMany', { count: outcome.gone.length }) });
      } catch (error) {
        fail(error);
      }
    }
    // The Cancel button is gone with the task's new status: back to its row (or the next one).
    if (place) focusRow(place);
  };

  const remove = (tasks: readonly Task[], place: RowPlace | null) => {
    const finished = tasks.filter(isFinished);
    if (finished.length === 0) return;
    deleteWithUndo(finished, t);
    unselect(finished.map((task) => task.id));
    if (place) focusRow(place);
  };

  return {
    open: (id) => {
      useNavigation.getState().taskOpened(id);
      useCompletionsStore.getState().completionsSeen([id]);
    },
    toggleSelected: (id) => useTaskListStore.getState().selectionToggled(id),
    cancel: (task) => {
      const place = rowPlace(task.id);
      if (cancelNeedsConfirmation([task])) useTaskListStore.getState().cancelAsked({ ids: [task.id], place });
      else void cancelConfirmed([task.id], place);
    },
    retry: (task) => {
      const place = rowPlace(task.id);
      engine.retry(task);
      // Retry turns into "Retrying…": focus goes to the row rather than to <body>.
      focusRow(place);
    },
    runAgain: (task) => {
      engine.submit({ type: task.type, title: task.title, params: task.params, priority: task.priority }, { fresh: true });
    },
    remove: (task) => remove([task], rowPlace(task.id)),
    retryMany: (tasks) => {
      const failed = tasks.filter((task) => task.status === 'failed');
      failed.forEach((task) => engine.retry(task));
      if (failed.length > 0) showToast({ kind: 'info', text: t('bulk.retriedResult', { count: failed.length }) });
    },
    cancelMany: (tasks) => {
      const active = tasks.filter((task) => !isFinished(task)).map((task) => task.id);
      if (active.length === 0) return;
      if (cancelNeedsConfirmation(tasks)) useTaskListStore.getState().cancelAsked({ ids: active, place: null });
      else void cancelConfirmed(active, null);
    },
    removeMany: (tasks) => remove(tasks, null),
    setPaused: async (paused) => {
      try {
        await setQueuePaused(engine.client, paused);
        engine.pollNow('user');
      } catch (error) {
        fail(error);
      }
    },
    cancelConfirmed,
  };
}
