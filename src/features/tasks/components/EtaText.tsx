/**
 * The ETA of one task, counting down once a second. A server value reads "2m 10s left"; the
 * client's own estimate reads "~1m 50s–2m 20s left" and says so on hover; a queued task reads
 * "starts in ~40s" and counts down too. Every value is computed as of the moment the task's numbers
 * were measured and counts down from there, so between updates it never rises. While data is stale
 * (offline, page hidden, failing requests) the value freezes where it was and is greyed with the
 * reason. No history means no estimate, not a guess.
 */
import type { Task } from '../../../api/schemas';
import { useNow } from '../../../hooks/useNow';
import { useLocale, useT } from '../../../i18n/localeStore';
import { formatDuration, formatDurationRange } from '../../../lib/format';
import { estimateEta } from '../../../lib/historyEta';
import { shownQueuePosition } from '../../../lib/queuePositions';
import { taskMeasuredAt } from '../../../lib/taskClock';
import { useServerTimeline } from '../../../sync/serverTime';
import { STALE_REASON, useEtaInputs } from './EtaInputs';
import './EtaText.css';

const NO_CORRECTIONS: ReadonlyMap<string, number> = new Map();

export function EtaText({ task }: { task: Task }) {
  const { history, maxConcurrent, staleness, queueCorrections = NO_CORRECTIONS } = useEtaInputs();
  const t = useT();
  const locale = useLocale();
  const timeline = useServerTimeline();
  const now = useNow(staleness ? staleness.since : null);
  const measuredAt = taskMeasuredAt(task, timeline, now);
  const queuePosition = task.status === 'queued' ? shownQueuePosition(task, queueCorrections) : null;
  const eta = estimateEta(task, { history, now, measuredAt, maxConcurrent, queuePosition });

  if (!eta) {
    return task.status === 'running' || task.status === 'queued' ? (
      <span className="eta eta-none">{t('eta.none')}</span>
    ) : null;
  }

  let text: string;
  let hint: string | undefined;
  if (eta.source === 'server') {
    text = eta.remainingMs < 1000 ? t('eta.almostDone') : t('eta.server', { duration: formatDuration(eta.remainingMs, locale) });
  } else {
    const range = formatDurationRange(eta.lowMs, eta.highMs, locale);
    if (eta.waitMs !== null) {
      const wait = formatDuration(eta.waitMs, locale);
      text = eta.waitMs < 1000 ? t('eta.startingSoon') : t('eta.queued', { wait });
      hint = t('eta.queuedHint', { wait, range });
    } else {
      text = eta.highMs < 1000 ? t('eta.almostDone') : t('eta.estimate', { range });
      hint = t('eta.estimateHint');
    }
  }

  if (staleness) {
    const reason = t('eta.staleHint', { reason: t(STALE_REASON[staleness.reason]) });
    return (
      <span className="eta eta-stale" title={reason}>
        {text} <span className="eta-note">({t('eta.stale')})</span>
        <span className="visually-hidden"> — {reason}</span>
      </span>
    );
  }
  return (
    <span className={eta.source === 'server' ? 'eta' : 'eta eta-estimate'} title={hint}>
      {text}
    </span>
  );
}

/** "#3 in queue", with the position corrected so that no two rows read the same. */
export function QueuePosition({ task }: { task: Task }) {
  const t = useT();
  const { queueCorrections = NO_CORRECTIONS } = useEtaInputs();
  const position = shownQueuePosition(task, queueCorrections);
  if (task.status !== 'queued' || position === null) return null;
  return <span className="row-queue">{t('row.queuePosition', { position })}</span>;
}
