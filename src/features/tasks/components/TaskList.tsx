/**
 * The virtualised task list: only the rows in view (plus a few) are in the DOM, so 10,000 tasks
 * scroll as smoothly as 10. Each row is a list item that knows its position in the whole set.
 */
import { memo, useRef } from 'react';
import type { Task } from '../../../api/schemas';
import { useT } from '../../../i18n/localeStore';
import { useRowWindow } from '../hooks/useRowWindow';
import { useIsSelected } from '../store';
import { TaskRow, type TaskRowActions } from './TaskRow';
import './TaskList.css';

export const ROW_HEIGHT = 76;
const OVERSCAN = 6;

export interface TaskListProps {
  tasks: readonly Task[];
  pinned: ReadonlySet<string>;
  openTaskId: string | null;
  typeLabels: Readonly<Record<string, string>>;
  actions: TaskRowActions;
  /** shown when `tasks` is empty */
  emptyText: string;
  onRowRender?: (id: string) => void;
}

export function TaskList({ tasks, pinned, openTaskId, typeLabels, actions, emptyText, onRowRender }: TaskListProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { start, end } = useRowWindow(scrollRef, ROW_HEIGHT, tasks.length, OVERSCAN);

  if (tasks.length === 0) {
    return <p className="task-list-empty">{emptyText}</p>;
  }

  return (
    <div ref={scrollRef} className="task-list-scroll" tabIndex={-1}>
      <div role="list" aria-label={t('list.label')} className="task-list" style={{ height: tasks.length * ROW_HEIGHT }}>
        {tasks.slice(start, end).map((task, offset) => {
          const index = start + offset;
          return (
            <div
              key={task.id}
              role="listitem"
              aria-setsize={tasks.length}
              aria-posinset={index + 1}
              className="task-list-item"
              style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
            >
              <SelectableRow
                task={task}
                pinned={pinned.has(task.id)}
                active={task.id === openTaskId}
                typeLabel={typeLabels[task.type] ?? task.type}
                actions={actions}
                onRender={onRowRender}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

type SelectableRowProps = Omit<Parameters<typeof TaskRow>[0], 'selected'>;

/** Reads its own selection flag, so toggling one checkbox re-renders one row. */
const SelectableRow = memo(function SelectableRow(props: SelectableRowProps) {
  const selected = useIsSelected(props.task.id);
  return <TaskRow {...props} selected={selected} />;
});
