/**
 * The connection state in words: live with the next update's countdown, slowed in the background,
 * offline (resumes by itself), cooling down until a time the server asked for, backing off, or
 * gave up — with "Retry now" where it helps. The state sentence is a polite live region; the
 * countdown is kept out of it so screen readers are not told the time every second.
 */
import { useNow } from '../../hooks/useNow';
import { describeError } from '../../i18n/describeError';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatClock } from '../../lib/format';
import { useSyncEngine, useSyncStatus } from '../../sync/hooks';
import './ConnectionStatus.css';

export function ConnectionStatus() {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const { scheduler, leader, online } = useSyncStatus();
  const mode = online ? scheduler.mode : 'offline';

  let sentence: string;
  switch (mode) {
    case 'live':
      sentence = t('connection.live');
      break;
    case 'idle':
      sentence = t('connection.idle');
      break;
    case 'background':
      sentence = t('connection.background');
      break;
    case 'offline':
      sentence = t('connection.offline');
      break;
    case 'reconnecting':
      sentence = t('connection.reconnecting');
      break;
    case 'cooling-down':
      sentence = t('connection.coolingDown', { time: scheduler.coolingUntil === null ? '…' : formatClock(scheduler.coolingUntil, locale) });
      break;
    case 'backing-off':
      sentence = t('connection.backingOff');
      break;
    case 'gave-up':
      sentence = t('connection.gaveUp');
      break;
  }
  const failing = mode === 'backing-off' || mode === 'gave-up' || mode === 'cooling-down';

  return (
    <div className={`connection connection-${mode}`}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" aria-live="polite" className="connection-text">
        {sentence}
      </span>
      {(mode === 'live' || mode === 'idle' || mode === 'backing-off' || mode === 'gave-up') && <NextPoll at={scheduler.nextPollAt} inFlight={scheduler.inFlight} />}
      {!leader && <span className="connection-follower muted small">· {t('connection.follower')}</span>}
      {failing && scheduler.lastError && (
        <span className="connection-error small" title={describeError(scheduler.lastError, t, locale)}>
          {t('connection.lastError', { message: describeError(scheduler.lastError, t, locale) })}
        </span>
      )}
      {(mode === 'backing-off' || mode === 'gave-up') && (
        <button type="button" className="btn btn-small" onClick={() => engine.pollNow('user')}>
          {t('connection.retryNow')}
        </button>
      )}
    </div>
  );
}

function NextPoll({ at, inFlight }: { at: number | null; inFlight: boolean }) {
  const t = useT();
  const now = useNow();
  if (inFlight) return <span className="muted small">· {t('connection.updating')}</span>;
  if (at === null) return null;
  return <span className="muted small">· {t('connection.nextPoll', { seconds: Math.max(0, Math.ceil((at - now) / 1000)) })}</span>;
}
