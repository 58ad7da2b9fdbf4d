/**
 * The ETA of one task, counting down once a second. A server value reads "2m 10s left"; the
 * client's own estimate reads "~1m 50s–2m 20s left" and says so on hover; while data is stale
 * (offline, page hidden, failing requests) the value freezes where it was and is greyed with the
 * reason. No history means no estimate, not a guess.
 */
import type { Task } from '../../../api/schemas';
import { useNow } from '../../../hooks/useNow';
import type { MessageKey } from '../../../i18n/i18n';
import { useLocale, useT } from '../../../i18n/localeStore';
import { formatDuration, formatDurationRange } from '../../../lib/format';
import { estimateEta } from '../../../lib/historyEta';
import { receivedAt } from '../../../lib/taskMirror';
import type { Staleness } from '../../../sync/staleness';
import { useEtaInputs } from './EtaInputs';
import './EtaText.css';


const STALE_REASON: Record<Staleness['reason'], MessageKey> = {
  offline: 'eta.staleReason.offline',
  hidden: 'eta.staleReason.hidden',
  failing: 'eta.staleReason.failing',
};

export function EtaText({ task }: { task: Task }) {
  const { history, maxConcurrent, staleness } = useEtaInputs();
  const t = useT();
  const locale = useLocale();
  const now = useNow(staleness ? staleness.since : null);
  const eta = estimateEta(task, { history, now, receivedAt: receivedAt(task, now), maxConcurrent });

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
      text = t('eta.queued', { wait });
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
