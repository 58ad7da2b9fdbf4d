/**
 * The side column's statistics, from the `stats` the server sends with every list answer (kept in
 * the mirror, so they refresh with each poll) and the client's own stores: the queue by priority
 * with a queue-depth sparkline, running of max, success rate, attempts per task, how accurate the
 * shown ETAs were, cost against the budget and requests against the rate limit. Every bar has
 * its number in text next to it; meters carry their values for assistive technology.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { PRIORITIES, type Stats } from '../../api/schemas';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { budgetLevel, formatRatio, mean, queueBarShares, totalQueued, type BudgetLevel } from '../../lib/statsSummary';
import { useEtaAccuracyStore } from '../../sync/etaAccuracyStore';
import { useTaskMirror } from '../../sync/hooks';
import { useQueueDepthHistory } from './queueDepthHistory';
import { QueueSparkline } from './QueueSparkline';
import './StatsPanel.css';

export function StatsPanel() {
  const t = useT();
  const titleId = useId();
  const stats = useTaskMirror().data?.stats ?? null;
  return (
    <section className="panel stats-panel" aria-labelledby={titleId}>
      <div className="panel-header">
        <h2 id={titleId}>{t('stats.title')}</h2>
        {stats?.paused && <span className="stats-paused small">{t('queue.paused')}</span>}
      </div>
      {stats ? <StatsBody stats={stats} /> : <p className="muted small">{t('stats.unavailable')}</p>}
    </section>
  );
}

function StatsBody({ stats }: { stats: Stats }) {
  const t = useT();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const history = useQueueDepthHistory(queryClient);
  const etaErrors = useEtaAccuracyStore((state) => state.errors);
  const etaError = useMemo(() => mean(etaErrors), [etaErrors]);
  const n = (value: number) => formatNumber(value, locale);
  const { cost, requests } = stats;

  const spent = formatMoney(cost.total, cost.currency, locale);
  const costText = cost.budget === null ? t('stats.noBudget', { spent }) : t('stats.budgetOf', { spent, budget: formatMoney(cost.budget, cost.currency, locale) });
  const requestsText =
    requests.limitPerMinute === null
      ? t('stats.requestsNoLimit', { count: n(requests.lastMinute) })
      : t('stats.requestsOf', { count: n(requests.lastMinute), limit: n(requests.limitPerMinute) });

  return (
    <>
      <QueueBars queued={stats.queued} />
      <QueueSparkline history={history} />
      <dl className="stats-list">
        <dt>{t('stats.running')}</dt>
        <dd>{t('stats.runningOf', { running: n(stats.running), max: n(stats.maxConcurrent) })}</dd>
        <dt>{t('stats.successRate')}</dt>
        <dd>{stats.successRate === null ? t('stats.none') : formatPercent(stats.successRate, locale)}</dd>
        <dt>{t('stats.meanAttempts')}</dt>
        <dd>{stats.meanAttempts === null ? t('stats.none') : formatNumber(stats.meanAttempts, locale, 2)}</dd>
        <dt>{t('stats.etaAccuracy')}</dt>
        <dd>{etaError === null ? t('stats.none') : t('stats.etaAccuracyValue', { error: formatRatio(etaError, locale), count: etaErrors.length })}</dd>
        <dt>{t('stats.budget')}</dt>
        <dd>
          {cost.budget !== null && (
            <Meter label={t('stats.budget')} value={cost.total} max={cost.budget} text={costText} level={budgetLevel(cost.total, cost.budget)} />
          )}
          <span>{costText}</span>
        </dd>
        <dt>{t('stats.requests')}</dt>
        <dd>
          {requests.limitPerMinute !== null && (
            <Meter
              label={t('stats.requests')}
              value={requests.lastMinute}
              max={requests.limitPerMinute}
              text={requestsText}
              level={budgetLevel(requests.lastMinute, requests.limitPerMinute)}
            />
          )}
          <span>{requestsText}</span>
        </dd>
      </dl>
    </>
  );
}

function QueueBars({ queued }: { queued: Stats['queued'] }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const shares = queueBarShares(queued);
  return (
    <div className="queue">
      <h3 id={headingId} className="stats-subtitle">
        {t('stats.queue')} <span className="muted small">{t('stats.queuedCount', { count: formatNumber(totalQueued(queued), locale) })}</span>
      </h3>
      <ul className="queue-bars" aria-labelledby={headingId}>
        {PRIORITIES.map((priority) => (
          <li key={priority} className="queue-bar">
            <span className="queue-bar-label">{t(`priority.${priority}`)}</span>
            <span className="queue-bar-track" aria-hidden="true">
              <span className={`queue-bar-fill queue-bar-${priority}`} style={{ width: `${shares[priority] * 100}%` }} />
            </span>
            <span className="queue-bar-count">{formatNumber(queued[priority], locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface MeterProps {
  label: string;
  value: number;
  max: number;
  text: string;
  level: BudgetLevel;
}

/** A bar with role="meter"; the value is clamped into the range, the text tells the real one. */
function Meter({ label, value, max, text, level }: MeterProps) {
  const clamped = Math.min(Math.max(value, 0), max);
  const share = max > 0 ? clamped / max : 1;
  return (
    <div
      className={`meter meter-${level}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={clamped}
      aria-valuetext={text}
    >
      <span className="meter-fill" style={{ width: `${share * 100}%` }} />
    </div>
  );
}
