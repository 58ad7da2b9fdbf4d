/**
 * Asks "Cancel this task?" when a cancel of a running task is pending (useTaskActions puts the
 * question in the list's store). Yes cancels; No leaves everything as it was — the native dialog
 * gives focus back to the button that asked, or, if that is gone meanwhile, to the task's row.
 */
import { lazy, Suspense } from 'react';
import type { Task } from '../../../api/schemas';
import { focusLost, focusRow } from '../../../hooks/rowFocus';
import { useTaskMirror } from '../../../sync/hooks';
import type { TaskActions } from '../hooks/useTaskActions';
import { useTaskListStore } from '../store';

// Not needed for the first screen: loaded with the first question (and warmed when the browser is
// idle, with the details panel, which uses it too).
const CancelTaskConfirm = lazy(() => import('../../../components/CancelTaskConfirm').then((m) => ({ default: m.CancelTaskConfirm })));

export function CancelConfirmHost({ actions }: { actions: TaskActions }) {
  const question = useTaskListStore((state) => state.cancelQuestion);
  const mirror = useTaskMirror().data;
  if (!question) return null;
  const tasks = question.ids.map((id) => mirror?.byId.get(id)).filter((task): task is Task => task !== undefined);
  if (tasks.length === 0) return null;
  const answered = () => useTaskListStore.getState().cancelAnswered();
  return (
    <Suspense fallback={null}>
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
    </Suspense>
  );
}
