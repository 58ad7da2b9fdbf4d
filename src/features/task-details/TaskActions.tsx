/**
 * What can be done to the open task: Cancel while it is queued or running (a running one asks
 * first, saying what is lost), Retry from the failed stage when the error may pass (a final error
 * offers none: it would fail the same way), Run again and Edit and run again (the submit form,
 * filled) once it finished, and Delete (with Undo, like the list). Retry and Run again are
 * idempotent intents of the sync engine; Cancel is a direct call whose answer goes into the
 * mirror — a 404 means the server no longer has the task, and its row goes with a note. After
 * Retry or Cancel focus lands on the details' heading (the button is gone); after Delete the
 * details close and focus goes to the next row.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isActiveStatus, type Task } from '../../api/schemas';
import { CancelTaskConfirm } from '../../components/CancelTaskConfirm';
import { deleteWithUndo } from '../../components/deleteWithUndo';
import { showToast } from '../../components/toast/toastStore';
import { useNavigation } from '../../hooks/navigation';
import { focusRow, rowPlace } from '../../hooks/rowFocus';
import { requestEditAndRunAgain } from '../../hooks/submitDraftStore';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { cancelNeedsConfirmation } from '../../lib/cancelImpact';
import { useSyncEngine } from '../../sync/hooks';
import { useOutboxStore } from '../../sync/outboxStore';
import { cancelTaskCommand } from '../../sync/taskCommands';

interface TaskActionsProps {
  task: Task;
  /** where focus goes when the button that had it disappears */
  onActed: () => void;
}

export function TaskActions({ task, onActed }: TaskActionsProps) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const [asking, setAsking] = useState(false);
  const cancel = useMutation({
    mutationFn: () => cancelTaskCommand(engine, task.id),
    onSuccess: (outcome) => {
      if (outcome.kind === 'failed') showToast({ kind: 'error', text: describeError(outcome.error, t, locale) });
      else onActed();
      if (outcome.kind === 'gone') showToast({ kind: 'info', text: t('cancel.gone', { title: task.title }) });
    },
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
          onClick={() => (cancelNeedsConfirmation([task]) ? setAsking(true) : cancel.mutate())}
          disabled={cancel.isPending}
          aria-label={t('action.cancelTask', { title: task.title })}
        >
          {t('action.cancel')}
        </button>
        {asking && (
          <CancelTaskConfirm
            tasks={[task]}
            onConfirm={() => {
              setAsking(false);
              cancel.mutate();
            }}
            onCancel={() => setAsking(false)}
          />
        )}
      </div>
    );
  }

  const final = task.error !== null && !task.error.retryable;
  const remove = () => {
    const place = rowPlace(task.id);
    deleteWithUndo([task], t);
    useNavigation.getState().taskClosed();
    focusRow(place);
  };

  return (
    <div className="td-actions">
      {task.status === 'failed' && !final && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => {
            engine.retry(task);
            onActed();
          }}
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
      <button
        type="button"
        className={final ? 'btn btn-small btn-primary' : 'btn btn-small'}
        onClick={() => requestEditAndRunAgain(task)}
        aria-label={t('action.editRunAgainTask', { title: task.title })}
      >
        {t('action.editRunAgain')}
      </button>
      <button type="button" className="btn btn-small btn-danger" onClick={remove} aria-label={t('action.deleteTask', { title: task.title })}>
        {t('action.delete')}
      </button>
    </div>
  );
}
