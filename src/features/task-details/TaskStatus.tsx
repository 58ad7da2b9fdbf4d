/**
 * The task's status as a coloured label (the look of the list's badge, built here because
 * features do not import each other); the icon is decoration, the word carries the meaning.
 */
import type { TaskStatus as Status } from '../../api/schemas';
import { useT } from '../../i18n/localeStore';

const ICONS: Record<Status, string> = {
  queued: '◷',
  running: '▶',
  succeeded: '✓',
  failed: '✕',
  canceled: '⊘',
};

export function TaskStatus({ status }: { status: Status }) {
  const t = useT();
  return (
    <span className={`td-status td-status-${status}`}>
      <span aria-hidden="true">{ICONS[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
