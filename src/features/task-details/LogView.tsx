/**
 * The task's log, newest last: time, level (coloured), stage, message, in monospace. While
 * "Follow the log" is on it stays scrolled to the bottom as lines arrive. `role="log"` with
 * `aria-live="off"`: a busy log would otherwise drown screen-reader users; they read it on demand.
 * Lines are memoised on their entry object, which the tail keeps, so a tick renders only new lines.
 */
import { memo, useId, useLayoutEffect, useRef, useState } from 'react';
import type { LogEntry } from '../../api/schemas';
import { describeError } from '../../i18n/describeError';
import { useServerTimeline } from '../../sync/serverTime';
import { useLocale, useT } from '../../i18n/localeStore';
import { formatClock } from '../../lib/format';
import type { LogTail } from './logTail';
import './LogView.css';

interface LogViewProps {
  tail: LogTail | undefined;
  pending: boolean;
  error: unknown;
}

export function LogView({ tail, pending, error }: LogViewProps) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const entries = tail?.entries;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (follow && element) element.scrollTop = element.scrollHeight;
  }, [entries, follow]);

  return (
    <section className="td-section" aria-labelledby={headingId}>
      <div className="td-section-head">
        <h3 id={headingId}>{t('details.logs')}</h3>
        <label className="check small">
          <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} />
          {t('details.logsFollow')}
        </label>
      </div>
      {error != null && !tail && <p className="notice notice-error">{describeError(error, t, locale)}</p>}
      <div
        ref={scroller}
        className="td-log mono"
        role="log"
        aria-live="off"
        aria-labelledby={headingId}
        tabIndex={0}
      >
        {entries && entries.length > 0 ? (
          entries.map((entry, i) => <LogLine key={tail.firstIndex + i} entry={entry} />)
        ) : (
          <p className="td-log-empty">{pending ? t('details.logsLoading') : t('details.logsEmpty')}</p>
        )}
      </div>
    </section>
  );
}

const LogLine = memo(function LogLine({ entry }: { entry: LogEntry }) {
  const locale = useLocale();
  // On the user's clock, like the stage times above it.
  const ms = useServerTimeline().toClient(Date.parse(entry.ts));
  return (
    <div className={`td-log-line td-log-${entry.level}`}>
      <time dateTime={entry.ts}>{Number.isNaN(ms) ? entry.ts : formatClock(ms, locale)}</time>{' '}
      <span className="td-log-level">{entry.level.toUpperCase()}</span>{' '}
      {entry.stage !== null && <span className="td-log-stage">[{entry.stage}]</span>} <span>{entry.message}</span>
    </div>
  );
});
