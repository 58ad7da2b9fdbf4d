/**
 * A server timestamp for people (Intl, the user's time zone) in a `<time>` element that keeps the
 * machine-readable value; "—" when there is none yet.
 */
import { useLocale, useT } from '../../i18n/localeStore';
import { formatClock, formatDateTime } from '../../lib/format';

interface TimeTextProps {
  value: string | null;
  /** clock time only, for times within one task's run */
  clock?: boolean;
}

export function TimeText({ value, clock = false }: TimeTextProps) {
  const t = useT();
  const locale = useLocale();
  if (!value) return <span className="muted">{t('details.none')}</span>;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return <span>{value}</span>;
  return (
    <time dateTime={value} title={clock ? formatDateTime(ms, locale) : undefined}>
      {clock ? formatClock(ms, locale) : formatDateTime(ms, locale)}
    </time>
  );
}
