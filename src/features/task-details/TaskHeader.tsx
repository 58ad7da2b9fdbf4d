/**
 * The top of the details: the title as the region's heading (text, never HTML), the status, the
 * Close button, the actions, and the task's facts (type, priority, attempt, cost, times).
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode, RefObject } from 'react';
import type { Task } from '../../api/schemas';
import { useNavigationActions } from '../../hooks/navigation';
import { useLocale, useT } from '../../i18n/localeStore';
import { glossaryLabel } from '../../i18n/glossary';
import { useSyncEngine } from '../../sync/hooks';
import { taskTypesQuery } from '../../sync/queries';
import { formatMoney } from '../../lib/format';
import { TaskActions } from './TaskActions';
import { StatusBadge } from '../../components/StatusBadge';
import { TimeText } from './TimeText';

interface TaskHeaderProps {
  task: Task;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function TaskHeader({ task, headingId, headingRef }: TaskHeaderProps) {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const { taskClosed } = useNavigationActions();
  const types = useQuery(taskTypesQuery(engine.client));
  const typeLabel = glossaryLabel(t, 'typeName', task.type, types.data?.find((type) => type.type === task.type)?.label ?? task.type);
  const { actual, estimated, currency } = task.cost;

  return (
    <header className="td-header">
      <div className="td-title-row">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="td-title" dir="auto">
          {task.title}
        </h2>
        <button type="button" className="btn btn-small" onClick={taskClosed}>
          {t('action.close')}
        </button>
      </div>
      <div className="td-status-row">
        <StatusBadge status={task.status} />
        <TaskActions task={task} onActed={() => requestAnimationFrame(() => headingRef.current?.focus())} />
      </div>
      <dl className="td-facts">
        <Fact label={t('details.type')}>{typeLabel}</Fact>
        <Fact label={t('details.priority')}>{t(`priority.${task.priority}`)}</Fact>
        <Fact label={t('details.attempt')}>{task.attempt}</Fact>
        <Fact label={t('details.cost')}>
          {actual !== null
            ? formatMoney(actual, currency, locale)
            : t('details.costEstimated', { amount: formatMoney(estimated, currency, locale) })}
        </Fact>
        <Fact label={t('details.created')}>
          <TimeText value={task.createdAt} />
        </Fact>
        <Fact label={t('details.started')}>
          <TimeText value={task.startedAt} />
        </Fact>
        <Fact label={t('details.finished')}>
          <TimeText value={task.finishedAt} />
        </Fact>
      </dl>
    </header>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="td-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
