/**
 * One task in the list. Memoised on the task object: the mirror keeps an unchanged task's
 * identity across polls, so a poll that changes 50 tasks re-renders 50 rows, not 10,000.
 */
import { memo } from 'react';
import type { Task } from '../../../api/schemas';
import { useLocale, useT } from '../../../i18n/localeStore';
import { AUTO_RETRY_DEFAULTS } from '../../../lib/autoRetry';
import { formatMoney, formatPercent } from '../../../lib/format';
import { shownProgress } from '../hooks/shownProgress';
import { EditRunAgainButton } from './EditRunAgainButton';
import { EtaText } from './EtaText';
import { RowFailure } from './RowFailure';
import { RowRetry } from './RowRetry';
import { RowStage } from './RowStage';
import { RowUnreadable } from './RowUnreadable';
import { StageBar } from './StageBar';
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
  const progress = shownProgress(task);
  const isActive = task.status === 'queued' || task.status === 'running';
  const cost = task.cost.actual ?? task.cost.estimated;

  return (
    <div className={`task-row${selected ? ' is-selected' : ''}${active ? ' is-open' : ''}${pinned ? ' is-pinned' : ''}`} data-status={task.status}>
      <input
        type="checkbox"
        className="row-check"
        checked={selected}
        onChange={() => actions.toggleSelected(task.id)}
        aria-label={t('row.select', { title: task.title })}
      />
      <div className="row-title">
        <div className="row-title-line">
          {/* Outside the button: its name must contain all of its visible text (WCAG 2.5.3). */}
          {pinned && <span className="row-pin">{t('list.pinned')}</span>}
          <button
            type="button"
            className="row-open"
            onClick={() => actions.open(task.id)}
            data-open-task={task.id}
            aria-label={t('row.open', { title: task.title })}
            aria-current={active ? 'true' : undefined}
          >
            <span className="row-title-text">{task.title}</span>
          </button>
        </div>
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
      <div className="row-progress">
        <StageBar stages={task.stages} progress={progress} title={task.title} canceled={task.status === 'canceled'} />
        <span className="row-percent" aria-hidden="true">
          {formatPercent(progress, locale)}
        </span>
      </div>
      <div className="row-eta">
        {task.status === 'queued' && task.queuePosition !== null && (
          <span className="row-queue">{t('row.queuePosition', { position: task.queuePosition })}</span>
        )}
        <RowStage task={task} />
        {isActive && (
          <EtaText task={task} />
        )}
        <RowFailure task={task} />
      </div>
      <div className="row-cost" title={t('row.cost')}>
        {task.cost.actual === null ? '~' : ''}
        {formatMoney(cost, task.cost.currency, locale)}
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
