/**
 * The outbox: submits and retries the server has not acknowledged yet, each with what is
 * happening to it (sending, waiting for the network, next try in n s, or refused with the
 * server's problem details), how often it was sent, and "Send now" / "Discard". Renders nothing
 * while the outbox holds no pending or failed entry. Labels are user text, rendered as text.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n/localeStore';
import type { OutboxEntry, OutboxProblem } from '../../lib/outbox';
import { useSyncStatus } from '../../sync/hooks';
import { useOutboxStore } from '../../sync/outboxStore';
import './OutboxPanel.css';

export function OutboxPanel() {
  const t = useT();
  const headingId = useId();
  const entries = useOutboxStore(useShallow((state) => state.entries.filter((entry) => entry.state !== 'done')));
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
  const failed = entry.state === 'failed';

  let state;
  if (sending) state = t('outbox.sending');
  else if (failed) state = t('outbox.failed');
  else if (!online) state = t('outbox.waitingNetwork');
  else state = <NextTry at={entry.nextAttemptAt} />;

  return (
    <li className={`outbox-entry${failed ? ' outbox-entry-failed' : ''}`}>
      <div className="outbox-entry-head">
        <span className="outbox-kind">{t(`outbox.kind.${entry.kind}`)}</span>
        <span className="outbox-label" dir="auto">
          {entry.label}
        </span>
      </div>
      <p className="outbox-state small">
        <span className={failed ? 'outbox-state-failed' : undefined}>{state}</span>
        {entry.sends > 0 && <span className="muted"> · {t('outbox.sends', { count: entry.sends })}</span>}
      </p>
      {entry.lastError && (failed ? <ProblemDetails problem={entry.lastError} /> : <LastAnswer problem={entry.lastError} />)}
      <div className="outbox-actions">
        {!failed && !sending && online && (
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

function summary(problem: OutboxProblem): string {
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}

/** A retryable failure: the entry is sent again by itself; one line says what happened last. */
function LastAnswer({ problem }: { problem: OutboxProblem }) {
  const t = useT();
  const status = problem.status === null ? '' : `${problem.status} `;
  return <p className="outbox-last muted small">{t('outbox.lastError', { message: `${status}${summary(problem)}` })}</p>;
}

/** A refusal for good: everything the server said, so it can be acted on or reported. */
function ProblemDetails({ problem }: { problem: OutboxProblem }) {
  const t = useT();
  return (
    <div className="outbox-problem small">
      {problem.isBug && <p className="outbox-bug">{t('outbox.bug')}</p>}
      <p>
        {problem.status !== null && <span>{t('error.http', { status: problem.status })} </span>}
        <code className="mono">{problem.code}</code>
      </p>
      <p>{summary(problem)}</p>
      {problem.traceId && <p className="muted">{t('error.trace', { traceId: problem.traceId })}</p>}
    </div>
  );
}
