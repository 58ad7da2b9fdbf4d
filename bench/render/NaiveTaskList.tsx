/**
 * Baseline (a), "naive list": the app's rows without virtualisation — every task has its row in
 * the DOM. Rows are memoised exactly like the real list's, so the difference to the app is the
 * virtualisation alone.
 */
import { memo } from 'react';
import type { TaskListProps } from '../../src/features/tasks/components/TaskList';
import { TaskRow } from '../../src/features/tasks/components/TaskRow';
import { useIsSelected } from '../../src/features/tasks/store';
import { useT } from '../../src/i18n/localeStore';

export function NaiveTaskList({ tasks, openTaskId, typeLabels, actions, onRowRender }: TaskListProps) {
  const t = useT();
  return (
    <div className="task-list-scroll" tabIndex={-1}>
      <div role="list" aria-label={t('list.label')} className="task-list">
        {tasks.map((task, index) => (
          <div key={task.id} role="listitem" aria-setsize={tasks.length} aria-posinset={index + 1}>
            <SelectableRow
              task={task}
              pinned={false}
              active={task.id === openTaskId}
              typeLabel={typeLabels[task.type] ?? task.type}
              actions={actions}
              onRender={onRowRender}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

type SelectableRowProps = Omit<Parameters<typeof TaskRow>[0], 'selected'>;

/** The same wrapper as the real list's (not exported there): reads its own selection flag. */
const SelectableRow = memo(function SelectableRow(props: SelectableRowProps) {
  const selected = useIsSelected(props.task.id);
  return <TaskRow {...props} selected={selected} />;
});
