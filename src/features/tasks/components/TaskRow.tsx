/**
 * One task in the list. Memoised on the task object: the mirror keeps an unchanged task's
 * identity across polls, so a poll that changes 50 tasks re-renders 50 rows, not 10,000.
 *
 * The parts are grid areas (TaskRow.css) that the list's width rearranges with container queries:
 * one line on a wide list, two lines on a laptop, a card on a phone (title and status; the stage
 * bar full width; %, ETA and cost; the actions). Row heights therefore vary and the list measures
 * them. User text carries `dir="auto"` so a right-to-left title is cut at its end, not its start.
 */
import { memo } from 'react';
import type { Task } from '../../../api/schemas';
import { useLocale, useT } from '../../../i18n/localeStore';
import { AUTO_RETRY_DEFAULTS } from '../../../lib/autoRetry';
import { formatMoney } from '../../../lib/format';
import { EditRunAgainButton } from './EditRunAgainButton';
import { EtaText, QueuePosition } from './EtaText';
import { RowFailure } from './RowFailure';
import { RowRetry } from './RowRetry';
import { RowStage } from './RowStage';
import { RowUnreadable } from './RowUnreadable';
import { TaskPercent, TaskStageBar } from './TaskProgress';
import { StatusBadge } from '../../../components/StatusBadge';
import './TaskRow.css';

export interface TaskRowActions {
  open: (id: string) => void;
  toggleSelected: (id: string) => void;
  cancel: (task: Task) => void;
  retry: (task: Task) => void;
  runAgain: (task: Task) => void;
  remove: (task: Task) => void;
}

export interface TaskRowProps {
  task: Task;
  selected: boolean;
  pinned: boolean;
  active: boolean;
  typeLabel: string;
  actions: TaskRowActions;
  /** render-count probe for the render benchmark; absent in the app */
  onRender?: (id: string) => void;
}

export const TaskRow = memo(function TaskRow(props: TaskRowProps) {
  const { task, selected, pinned, active, actions, onRender } = props;
  const t = useT();
  const locale = useLocale();
  onRender?.(task.id);
  const isActive = task.status === 'queued' || task.status === 'running';
  const cost = task.cost.actual ?? task.cost.estimated;

  return (
    <div className={`task-row${selected ? ' is-selected' : ''}${active ? ' is-open' : ''}${pinned ? ' is-pinned' : ''}`} data-status={task.status}>
      {/* The label is the checkbox's hit area: 24 px everywhere, 44 px on a touch screen. */}
      <label className="row-check">
        <input
          type="checkbox"
          checked={selected}
          onChange={() => actions.toggleSelected(task.id)}
          aria-label={t('row.select', { title: task.title })}
        />
      </label>
      <div className="row-title">
        <button
          type="button"
          className="row-open"
          onClick={() => actions.open(task.id)}
          data-open-task={task.id}
          aria-label={t('row.open', { title: task.title })}
          aria-current={active ? 'true' : undefined}
        >
          <span className="row-title-text" dir="auto">
            {task.title}
          </span>
        </button>
        <div className="row-meta">
          <span>{props.typeLabel}</span>
          <span>· {t(`priority.${task.priority}`)}</span>
        </div>
      </div>
      <div className="row-status">
        <StatusBadge status={task.status} />
        <span className="row-attempt">
          {task.attempt <= AUTO_RETRY_DEFAULTS.maxAttempts
            ? t('row.attempt', { attempt: task.attempt, max: AUTO_RETRY_DEFAULTS.maxAttempts })
            : t('row.attemptOnly', { attempt: task.attempt })}
        </span>
        <RowUnreadable id={task.id} />
      </div>
      <div className="row-bar">
        <TaskStageBar task={task} />
      </div>
      <div className="row-figures">
        <TaskPercent task={task} />
        <div className="row-eta">
          <QueuePosition task={task} />
          <RowStage task={task} />
          {isActive && <EtaText task={task} />}
          <RowFailure task={task} />
        </div>
        <div className="row-cost" title={t('row.cost')}>
          {task.cost.actual === null ? '~' : ''}
          {formatMoney(cost, task.cost.currency, locale)}
        </div>
      </div>
      <div className="row-actions">
        {isActive && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => actions.cancel(task)}
            aria-label={t('action.cancelTask', { title: task.title })}
          >
            {t('action.cancel')}
          </button>
        )}
        {task.status === 'failed' && <RowRetry task={task} onRetry={actions.retry} />}
        {!isActive && (
          <>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => actions.runAgain(task)}
              aria-label={t('action.runAgainTask', { title: task.title })}
            >
              {t('action.runAgain')}
            </button>
            <EditRunAgainButton task={task} />
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => actions.remove(task)}
              aria-label={t('action.deleteTask', { title: task.title })}
            >
              {t('action.delete')}
            </button>
          </>
        )}
      </div>
    </div>
  );
});
