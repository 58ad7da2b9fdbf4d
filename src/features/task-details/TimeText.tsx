/**
 * A server timestamp for people (Intl, the user's time zone) in a `<time>` element; "—" when there
 * is none yet. It is shown on the user's own clock (through the server-clock offset), so that a
 * task that started a minute ago reads a minute before the time on the user's screen even when the
 * server's clock is off.
 */
import { useLocale, useT } from '../../i18n/localeStore';
import { useServerTimeline } from '../../sync/serverTime';
import { formatClock, formatDateTime } from '../../lib/format';

interface TimeTextProps {
  value: string | null;
  /** clock time only, for times within one task's run */
  clock?: boolean;
}

export function TimeText({ value, clock = false }: TimeTextProps) {
  const t = useT();
  const locale = useLocale();
  const timeline = useServerTimeline();
  if (!value) return <span className="muted">{t('details.none')}</span>;
  const server = Date.parse(value);
  if (Number.isNaN(server)) return <span>{value}</span>;
  const ms = timeline.toClient(server);
  return (
    <time dateTime={new Date(ms).toISOString()} title={clock ? formatDateTime(ms, locale) : undefined}>
      {clock ? formatClock(ms, locale) : formatDateTime(ms, locale)}
    </time>
  );
}
