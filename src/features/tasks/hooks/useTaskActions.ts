/**
 * What the user can do to tasks, as stable callbacks: open, select, cancel, retry, run again,
 * delete, and the bulk versions. Writes go through the sync engine (idempotent intents for submit
 * and retry, direct calls for the rest); results and errors come back as toasts.
 */
import { useMemo } from 'react';
import { cancelTask, cancelTasks, deleteTask, setQueuePaused } from '../../../api/endpoints';
import type { Task } from '../../../api/schemas';
import { useNavigation } from '../../../hooks/navigation';
import { showToast } from '../../../components/toast/toastStore';
import { describeError } from '../../../i18n/describeError';
import { useLocale, useT } from '../../../i18n/localeStore';
import { useCompletionsStore } from '../../../sync/completionsStore';
import { useSyncEngine } from '../../../sync/hooks';
import type { TaskRowActions } from '../components/TaskRow';
import { useTaskListStore } from '../store';

const DELETE_CONCURRENCY = 4;

export interface TaskActions extends TaskRowActions {
  retryMany: (tasks: readonly Task[]) => void;
  cancelMany: (ids: readonly string[]) => Promise<void>;
  removeMany: (tasks: readonly Task[]) => Promise<void>;
  setPaused: (paused: boolean) => Promise<void>;
}

export function useTaskActions(): TaskActions {
  const engine = useSyncEngine();
  const t = useT();
  const locale = useLocale();

  return useMemo(() => {
    const fail = (error: unknown) => showToast({ kind: 'error', text: describeError(error, t, locale) });

    const removeMany = async (tasks: readonly Task[]) => {
      const queue = tasks.filter((task) => task.status !== 'queued' && task.status !== 'running').map((task) => task.id);
      const removed: string[] = [];
      let firstError: unknown = null;
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined && firstError === null; id = queue.shift()) {
          try {
            await deleteTask(engine.client, id);
            removed.push(id);
          } catch (error) {
            firstError = error;
          }
        }
      };
      await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
      engine.tasksRemoved(removed);
      useTaskListStore.setState((state) => ({ selected: new Set([...state.selected].filter((id) => !removed.includes(id))) }));
      if (firstError !== null) fail(firstError);
      else if (removed.length > 1) showToast({ kind: 'info', text: t('bulk.deletedResult', { count: removed.length }) });
    };

    return {
      open: (id) => {
        useNavigation.getState().taskOpened(id);
        useCompletionsStore.getState().completionsSeen([id]);
      },
      toggleSelected: (id) => useTaskListStore.getState().selectionToggled(id),
      cancel: (task) => {
        cancelTask(engine.client, task.id).then((updated) => engine.taskWritten(updated), fail);
      },
      retry: (task) => {
        engine.retry(task);
      },
      runAgain: (task) => {
        engine.submit({ type: task.type, title: task.title, params: task.params, priority: task.priority }, { fresh: true });
      },
      remove: (task) => {
        void removeMany([task]);
      },
      retryMany: (tasks) => {
        const failed = tasks.filter((task) => task.status === 'failed');
        failed.forEach((task) => engine.retry(task));
        if (failed.length > 0) showToast({ kind: 'info', text: t('bulk.retriedResult', { count: failed.length }) });
      },
      cancelMany: async (ids) => {
        try {
          const { results } = await cancelTasks(engine.client, ids);
          const values = Object.values(results);
          const canceled = values.filter((result) => result === 'canceled').length;
          showToast({ kind: 'info', text: t('bulk.canceledResult', { canceled, skipped: values.length - canceled }) });
          engine.pollNow('user');
        } catch (error) {
          fail(error);
        }
      },
      removeMany,
      setPaused: async (paused) => {
        try {
          await setQueuePaused(engine.client, paused);
          engine.pollNow('user');
        } catch (error) {
          fail(error);
        }
      },
    };
  }, [engine, t, locale]);
}
