/**
 * Filters, search and sort of the task list. Labels are visible; every control is a native one,
 * so keyboard and screen readers get them for free.
 */
import { useId } from 'react';
import { useT } from '../../../i18n/localeStore';
import { STATUS_FILTERS, TASK_SORTS, type StatusFilter, type TaskSort } from '../../../lib/taskFilters';
import type { MessageKey } from '../../../i18n/i18n';
import { useTaskListStore } from '../store';
import './TaskToolbar.css';

const STATUS_LABEL: Record<StatusFilter, MessageKey> = {
  all: 'filter.status.all',
  active: 'filter.status.active',
  finished: 'filter.status.finished',
  queued: 'status.queued',
  running: 'status.running',
  succeeded: 'status.succeeded',
  failed: 'status.failed',
  canceled: 'status.canceled',
};

export function TaskToolbar({ types }: { types: readonly { type: string; label: string }[] }) {
  const t = useT();
  const id = useId();
  const status = useTaskListStore((state) => state.status);
  const type = useTaskListStore((state) => state.type);
  const q = useTaskListStore((state) => state.q);
  const sort = useTaskListStore((state) => state.sort);
  const store = useTaskListStore.getState();

  return (
    <div className="task-toolbar" role="search">
      <label className="field" htmlFor={`${id}-q`}>
        <span>{t('filter.search')}</span>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          value={q}
          onChange={(event) => store.searchChanged(event.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-status`}>
        <span>{t('filter.status')}</span>
        <select
          id={`${id}-status`}
          className="select"
          value={status}
          onChange={(event) => store.statusFilterChanged(event.target.value as StatusFilter)}
        >
          {STATUS_FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(STATUS_LABEL[value])}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-type`}>
        <span>{t('filter.type')}</span>
        <select id={`${id}-type`} className="select" value={type} onChange={(event) => store.typeFilterChanged(event.target.value)}>
          <option value="all">{t('filter.type.all')}</option>
          {types.map((option) => (
            <option key={option.type} value={option.type}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-sort`}>
        <span>{t('filter.sort')}</span>
        <select
          id={`${id}-sort`}
          className="select"
          value={sort}
          onChange={(event) => store.sortChanged(event.target.value as TaskSort)}
        >
          {TASK_SORTS.map((value) => (
            <option key={value} value={value}>
              {t(`sort.${value}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
