/**
 * What can be done to the open task: Cancel while it is queued or running, Retry (from the failed
 * stage) when it failed, Run again once it finished. Retry and Run again are idempotent intents
 * of the sync engine; Cancel is a direct call whose answer goes into the mirror.
 */
import { useMutation } from '@tanstack/react-query';
import { cancelTask } from '../../api/endpoints';
import { isActiveStatus, type Task } from '../../api/schemas';
import { showToast } from '../../components/toast/toastStore';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { useSyncEngine } from '../../sync/hooks';
import { useOutboxStore } from '../../sync/outboxStore';

export function TaskActions({ task }: { task: Task }) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const cancel = useMutation({
    mutationFn: () => cancelTask(engine.client, task.id),
    onSuccess: (updated) => engine.taskWritten(updated),
    onError: (error) => showToast({ kind: 'error', text: describeError(error, t, locale) }),
  });
  const retryPending = useOutboxStore((state) =>
    state.entries.some(
      (entry) => entry.kind === 'retry' && entry.taskId === task.id && entry.attempt === task.attempt && entry.state === 'pending',
    ),
  );

  if (isActiveStatus(task.status)) {
    return (
      <div className="td-actions">
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
          aria-label={t('action.cancelTask', { title: task.title })}
        >
          {t('action.cancel')}
        </button>
      </div>
    );
  }

  return (
    <div className="td-actions">
      {task.status === 'failed' && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => engine.retry(task)}
          disabled={retryPending}
          aria-label={retryPending ? undefined : t('action.retryTask', { title: task.title })}
        >
          {retryPending ? t('action.retrying') : t('action.retry')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          engine.submit({ type: task.type, title: task.title, params: task.params, priority: task.priority }, { fresh: true })
        }
        aria-label={t('action.runAgainTask', { title: task.title })}
      >
        {t('action.runAgain')}
      </button>
    </div>
  );
}
