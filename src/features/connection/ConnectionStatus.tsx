/**
 * The connection state in words, naming the transport: "Live" while the event stream pushes the
 * updates, "Live · checking every 40 s" while the list is polled; slowed in the background,
 * offline (resumes by itself), cooling down until a time the server asked for, backing off, or
 * gave up — with "Retry now" where it helps. The state sentence is a polite live region; the
 * interval is kept out of it so screen readers are not told every change of the cadence.
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
  const { scheduler, leader, online, transport, stream } = useSyncStatus();
  const pushed = online && transport === 'push';
  const mode = !online ? 'offline' : pushed ? 'live' : scheduler.mode;

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
      {pushed ? (
        stream?.phase !== 'live' && <span className="muted small">· {t('connection.streamReconnecting')}</span>
      ) : (
        (mode === 'live' || mode === 'idle' || mode === 'background') && (
          <PollInterval intervalMs={scheduler.intervalMs} inFlight={scheduler.inFlight} />
        )
      )}
      {(mode === 'backing-off' || mode === 'gave-up') && <NextPoll at={scheduler.nextPollAt} inFlight={scheduler.inFlight} />}
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

/** "checking every 40 s": how far apart the polls are now. */
function PollInterval({ intervalMs, inFlight }: { intervalMs: number | null; inFlight: boolean }) {
  const t = useT();
  if (inFlight) return <span className="muted small">· {t('connection.updating')}</span>;
  if (intervalMs === null) return null;
  return <span className="muted small">· {t('connection.checkingEvery', { seconds: Math.max(1, Math.round(intervalMs / 1000)) })}</span>;
}

function NextPoll({ at, inFlight }: { at: number | null; inFlight: boolean }) {
  const t = useT();
  const now = useNow();
  if (inFlight) return <span className="muted small">· {t('connection.updating')}</span>;
  if (at === null) return null;
  return <span className="muted small">· {t('connection.nextPoll', { seconds: Math.max(0, Math.ceil((at - now) / 1000)) })}</span>;
}
