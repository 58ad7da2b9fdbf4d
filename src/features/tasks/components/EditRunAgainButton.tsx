/**
 * "Edit and run again": opens the submit form filled with this task's type, title, parameters and
 * priority (through the shared draft store: features do not import each other), for the case where
 * running the same thing again would fail the same way.
 */
import type { Task } from '../../../api/schemas';
import { requestEditAndRunAgain } from '../../../hooks/submitDraftStore';
import { useT } from '../../../i18n/localeStore';

export function EditRunAgainButton({ task }: { task: Task }) {
  const t = useT();
  return (
    <button type="button" className="btn btn-small" onClick={() => requestEditAndRunAgain(task)} aria-label={t('action.editRunAgainTask', { title: task.title })}>
      {t('action.editRunAgain')}
    </button>
  );
}
