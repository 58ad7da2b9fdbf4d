/**
 * In the details of a task whose latest data from the server could not be read: that what is shown
 * is its last known state, and why (the list marks the row "Not updating" too).
 */
import { useT } from '../../i18n/localeStore';
import { useUnreadableTask } from '../../sync/unreadableTasksStore';

export function UnreadableNotice({ id }: { id: string }) {
  const t = useT();
  const unreadable = useUnreadableTask(id);
  if (!unreadable) return null;
  return <p className="notice notice-warn small">{t('details.unreadable', { detail: unreadable.detail })}</p>;
}
