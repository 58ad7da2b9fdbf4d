/**
 * The retry control of a failed task: a countdown with "Retry now" while the app will retry by
 * itself, "Retrying…" while a retry waits in the outbox, else a one-click Retry that resumes at the
 * failed stage. A final error (the server says a retry cannot help, e.g. a content policy) offers
 * no Retry: it would fail the same way; "Edit and run again" beside it is the step that helps.
 */
import type { Task } from '../../../api/schemas';
import { useNow } from '../../../hooks/useNow';
import { useT } from '../../../i18n/localeStore';
import { retryPlan } from '../../../lib/autoRetry';
import { useOutboxStore } from '../../../sync/outboxStore';
import { useServerTimeline } from '../../../sync/serverTime';

interface RowRetryProps {
  task: Task;
  onRetry: (task: Task) => void;
}

export function RowRetry({ task, onRetry }: RowRetryProps) {
  const t = useT();
  const pending = useOutboxStore((state) =>
    state.entries.some(
      (entry) => entry.kind === 'retry' && entry.taskId === task.id && entry.attempt === task.attempt && entry.state === 'pending',
    ),
  );
  if (pending) return <span className="row-note">{t('action.retrying')}</span>;
  if (task.error && !task.error.retryable) return null;
  return <RetryCountdownOrButton task={task} onRetry={onRetry} />;
}

function RetryCountdownOrButton({ task, onRetry }: RowRetryProps) {
  const t = useT();
  const now = useNow();
  const plan = retryPlan(task, now, useServerTimeline());
  if (plan.kind === 'auto') {
    const seconds = Math.max(0, Math.ceil((plan.at - now) / 1000));
    return (
      <span className="row-retry">
        <span className="row-note" aria-live="off">
          {seconds > 0 ? t('action.retryingIn', { seconds }) : t('action.retrying')}
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => onRetry(task)}
          aria-label={t('action.retryNowTask', { title: task.title })}
        >
          {t('action.retryNow')}
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      className="btn btn-small btn-primary"
      onClick={() => onRetry(task)}
      aria-label={t('action.retryTask', { title: task.title })}
    >
      {t('action.retry')}
    </button>
  );
}
