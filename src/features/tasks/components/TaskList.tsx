/**
 * The virtualised task list: only the rows in view (plus a few) are in the DOM, so 10,000 tasks
 * scroll as smoothly as 10. Each row is a list item that knows its position in the whole set.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { Task } from '../../../api/schemas';
import { useT } from '../../../i18n/localeStore';
import { useIsSelected } from '../store';
import { TaskRow, type TaskRowActions } from './TaskRow';
import './TaskList.css';

export const ROW_HEIGHT = 76;

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
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to be used this way
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => tasks[index]?.id ?? index,
  });

  if (tasks.length === 0) {
    return <p className="task-list-empty">{emptyText}</p>;
  }

  return (
    <div ref={scrollRef} className="task-list-scroll" tabIndex={-1}>
      <div role="list" aria-label={t('list.label')} className="task-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const task = tasks[item.index];
          if (!task) return null;
          return (
            <div
              key={task.id}
              role="listitem"
              aria-setsize={tasks.length}
              aria-posinset={item.index + 1}
              className="task-list-item"
              style={{ transform: `translateY(${item.start}px)` }}
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
