/**
 * Every attempt of the task, from the server's history (contract 1.1 `attempts`) with the running
 * attempt from the list's fresher copy: when it started, how long it ran, the stage it reached, how
 * it ended (with the error and its code), and what it was expected to cost against what it cost;
 * then the totals, so a task that went from an estimated $2.00 to $2.56 says where the money went.
 * An ordered list of small cards (not a table): it fits a 320 px screen without scrolling sideways.
 */
import { useId } from 'react';
import type { Attempt, Task } from '../../api/schemas';
import { StatusBadge } from '../../components/StatusBadge';
import { useNow } from '../../hooks/useNow';
import { describeError } from '../../i18n/describeError';
import { glossaryLabel } from '../../i18n/glossary';
import { useLocale, useT } from '../../i18n/localeStore';
import { attemptRows, attemptTotals, type AttemptRow } from '../../lib/attemptHistory';
import { formatDuration, formatMoney } from '../../lib/format';
import { TimeText } from './TimeText';
import './AttemptHistory.css';

interface AttemptHistoryProps {
  task: Task;
  attempts: readonly Attempt[] | undefined;
  /** the detail request: still loading, failed (with Try again), or answered */
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

export function AttemptHistory({ task, attempts, loading, error, onRetry }: AttemptHistoryProps) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const rows = attemptRows(task, attempts);
  const totals = attemptTotals(task, rows);
  const money = (amount: number | null) => (amount === null ? t('details.none') : formatMoney(amount, totals.currency, locale));
  const active = task.status === 'queued' || task.status === 'running';
  return (
    <section className="td-section td-attempts" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('details.attempts')}</h3>
      {loading && !attempts && <p className="muted small">{t('details.attemptsLoading')}</p>}
      {error !== null && error !== undefined && (
        <div className="notice notice-error small td-attempts-failed" role="alert">
          <p>
            {t('details.attemptsFailed')} {describeError(error, t, locale)}
          </p>
          <button type="button" className="btn btn-small" onClick={onRetry}>
            {t('error.tryAgain')}
          </button>
        </div>
      )}
      {!loading && !error && !attempts && <p className="muted small">{t('details.attemptsNone')}</p>}
      <ol className="td-attempts-list">
        {rows.map((row) => (
          <AttemptItem key={row.attempt} task={task} row={row} money={money} />
        ))}
      </ol>
      <p className="td-attempts-total">
        <strong>{t('details.total')}:</strong>{' '}
        {t(active ? 'details.totalNoteRunning' : 'details.totalNote', {
          run: money(totals.estimatedRun),
          count: rows.length,
          estimated: money(totals.estimated),
          actual: money(totals.actual ?? 0),
        })}
      </p>
    </section>
  );
}

function AttemptItem({ task, row, money }: { task: Task; row: AttemptRow; money: (amount: number | null) => string }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const stage = row.stage === null ? null : task.stages.find((candidate) => candidate.key === row.stage);
  const stageLabel = row.stage === null ? null : glossaryLabel(t, 'stageName', row.stage, stage?.label ?? row.stage);
  const none = <span className="muted">{t('details.none')}</span>;
  return (
    <li className={`td-attempt${row.current ? ' is-current' : ''}`} aria-labelledby={headingId}>
      <div className="td-attempt-head">
        <span id={headingId} className="td-attempt-number">
          {t('details.attemptNumber', { attempt: row.attempt })}
        </span>
        <StatusBadge status={row.status} />
      </div>
      {row.error && (
        <p className="td-attempt-error">
          <code className="mono">{row.error.code}</code> {row.error.message}
        </p>
      )}
      <dl className="td-attempt-facts">
        <div>
          <dt>{t('details.started')}</dt>
          <dd>{row.startedAt ? <TimeText value={row.startedAt} clock /> : row.status === 'queued' ? <span className="muted">{t('details.attemptWaiting')}</span> : none}</dd>
        </div>
        <div>
          <dt>{t('details.duration')}</dt>
          <dd>
            {row.durationMs !== null ? formatDuration(row.durationMs, locale) : row.current && row.startedAt ? <RunningFor since={Date.parse(row.startedAt)} /> : none}
          </dd>
        </div>
        <div>
          <dt>{t('details.stageReached')}</dt>
          <dd>{stageLabel ?? none}</dd>
        </div>
        <div>
          <dt>{t('details.costEstimatedCol')}</dt>
          <dd>{money(row.estimated)}</dd>
        </div>
        <div>
          <dt>{t('details.costActualCol')}</dt>
          <dd>{row.actual === null && row.current ? <span className="muted">{t('details.attemptNow')}</span> : money(row.actual)}</dd>
        </div>
      </dl>
    </li>
  );
}

function RunningFor({ since }: { since: number }) {
  const locale = useLocale();
  const now = useNow();
  return <>{formatDuration(Math.max(0, now - since), locale)}</>;
}
