import type { TaskStatus } from '../api/schemas';
import { useT } from '../i18n/localeStore';
import './StatusBadge.css';

const ICONS: Record<TaskStatus, string> = {
  queued: '◷',
  running: '▶',
  succeeded: '✓',
  failed: '✕',
  canceled: '⊘',
};

/**
 * A task's status as a coloured label, the same in the list and the details; the icon is
 * decoration, the word carries the meaning.
 */
export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useT();
  return (
    <span className={`status-badge status-${status}`}>
      <span aria-hidden="true">{ICONS[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
