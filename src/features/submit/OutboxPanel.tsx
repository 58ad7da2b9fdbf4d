/**
 * "Waiting to be sent": submits and retries on their way that the server has not confirmed yet —
 * offline, or while the server does not answer — each with what happens to it next in plain
 * words (sending now, goes out when the network is back, next try in n s) and what went wrong on
 * the last try, with "Send now" and "Discard". Refusals are not here: a refused submit is shown at
 * the form's field, a refused retry at its task. Renders nothing while nothing waits. Labels are
 * user text, rendered as text.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNow } from '../../hooks/useNow';
import type { Translate } from '../../i18n/i18n';
import { useT } from '../../i18n/localeStore';
import type { OutboxEntry, OutboxProblem } from '../../lib/outbox';
import { useSyncStatus } from '../../sync/hooks';
import { useOutboxStore } from '../../sync/outboxStore';
import './OutboxPanel.css';

export function OutboxPanel() {
  const t = useT();
  const headingId = useId();
  const entries = useOutboxStore(useShallow((state) => state.entries.filter((entry) => entry.state === 'pending')));
  if (entries.length === 0) return null;
  return (
    <section className="panel outbox-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('outbox.title')}</h2>
      <p className="muted small outbox-hint">{t('outbox.hint')}</p>
      <ul className="outbox-list">
        {entries.map((entry) => (
          <OutboxItem key={entry.id} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

function OutboxItem({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const { online } = useSyncStatus();
  const sending = useOutboxStore((state) => state.sending.includes(entry.id));
  const entryDueNow = useOutboxStore((state) => state.entryDueNow);
  const entryDiscarded = useOutboxStore((state) => state.entryDiscarded);
  let state;
  if (sending) state = t('outbox.sending');
  else if (!online) state = t('outbox.waitingNetwork');
  else state = <NextTry at={entry.nextAttemptAt} />;
  return (
    <li className="outbox-entry">
      <div className="outbox-entry-head">
        <span className="outbox-kind">{t(`outbox.kind.${entry.kind}`)}</span>
        <span className="outbox-label" dir="auto">
          {entry.label}
        </span>
      </div>
      <p className="outbox-state small">
        <span>{state}</span>
        {entry.sends > 0 && <span className="muted"> · {t('outbox.sends', { count: entry.sends })}</span>}
      </p>
      {entry.lastError && <p className="outbox-last muted small">{t('outbox.lastError', { message: plainProblem(entry.lastError, t) })}</p>}
      <div className="outbox-actions">
        {!sending && online && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('outbox.sendNowEntry', { label: entry.label })}
            onClick={() => entryDueNow(entry.id, Date.now())}
          >
            {t('outbox.sendNow')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small btn-danger"
          aria-label={t('outbox.discardEntry', { label: entry.label })}
          onClick={() => entryDiscarded(entry.id)}
        >
          {t('outbox.discard')}
        </button>
      </div>
    </li>
  );
}

/** The countdown to the next automatic send; the only part that ticks every second. */
function NextTry({ at }: { at: number }) {
  const t = useT();
  const now = useNow();
  const seconds = Math.ceil((at - now) / 1000);
  return <>{seconds > 0 ? t('outbox.nextTry', { seconds }) : t('outbox.pending')}</>;
}

/** What went wrong on the last try, in words a user knows, with the status for support. */
export function plainProblem(problem: OutboxProblem, t: Translate): string {
  const { status } = problem;
  if (status === null) return t('outbox.problem.network');
  if (status === 409 && problem.code === 'request_in_progress') return t('outbox.problem.inProgress');
  if (status === 429) return t('outbox.problem.busy', { status });
  if (status === 503) return t('outbox.problem.unavailable', { status });
  if (status >= 500) return t('outbox.problem.server', { status });
  return t('outbox.problem.other', { status, title: problem.title });
}
