/**
 * Asks "Cancel this task?" when a cancel of a running task is pending (useTaskActions puts the
 * question in the list's store). Yes cancels; No leaves everything as it was — the native dialog
 * gives focus back to the button that asked, or, if that is gone meanwhile, to the task's row.
 */
import type { Task } from '../../../api/schemas';
import { CancelTaskConfirm } from '../../../components/CancelTaskConfirm';
import { focusLost, focusRow } from '../../../hooks/rowFocus';
import { useTaskMirror } from '../../../sync/hooks';
import type { TaskActions } from '../hooks/useTaskActions';
import { useTaskListStore } from '../store';

export function CancelConfirmHost({ actions }: { actions: TaskActions }) {
  const question = useTaskListStore((state) => state.cancelQuestion);
  const mirror = useTaskMirror().data;
  if (!question) return null;
  const tasks = question.ids.map((id) => mirror?.byId.get(id)).filter((task): task is Task => task !== undefined);
  if (tasks.length === 0) return null;
  const answered = () => useTaskListStore.getState().cancelAnswered();
  return (
    <CancelTaskConfirm
      tasks={tasks}
      onConfirm={() => {
        answered();
        void actions.cancelConfirmed(question.ids, question.place);
      }}
      onCancel={() => {
        answered();
        const { place } = question;
        requestAnimationFrame(() => {
          if (place && focusLost()) focusRow(place, { afterFrames: 0 });
        });
      }}
    />
  );
}
