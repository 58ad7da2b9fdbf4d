/**
 * The mark on a task whose latest answer from the server could not be read: the row keeps its last
 * good state, and this says that it is not updating and why — the reason shows on hover and on
 * keyboard focus, and is always in the text a screen reader reads. Re-renders on its own, not with
 * the row.
 */
import { useT } from '../../../i18n/localeStore';
import { useUnreadableTask } from '../../../sync/unreadableTasksStore';
import './RowFailure.css';

export function RowUnreadable({ id }: { id: string }) {
  const t = useT();
  const unreadable = useUnreadableTask(id);
  if (!unreadable) return null;
  return (
    <span className="row-unreadable" tabIndex={0}>
      {t('row.unreadable')}
      <span className="row-unreadable-reason"> — {t('row.unreadableHint', { detail: unreadable.detail })}</span>
    </span>
  );
}
