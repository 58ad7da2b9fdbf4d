/**
 * The task list region: toolbar, bulk bar and the virtualised list over the mirror, filtered and
 * sorted on the client. Pinned at the top: completions the user has not seen yet.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useOpenTaskId } from '../../../hooks/navigation';
import { usePendingDeleteIds } from '../../../hooks/pendingDeletesStore';
import { describeError } from '../../../i18n/describeError';
import { glossaryLabel } from '../../../i18n/glossary';
import { useLocale, useT } from '../../../i18n/localeStore';
import { selectTasks } from '../../../lib/taskFilters';
import { mirrorTasks, removeTasks, type TaskMirror } from '../../../lib/taskMirror';
import { useUnseenCompletionIds } from '../../../sync/completionsStore';
import { useSyncEngine, useSyncStatus, useTaskMirror } from '../../../sync/hooks';
import { taskTypesQuery } from '../../../sync/queries';
import { usePendingDeleteSender } from '../hooks/usePendingDeleteSender';
import { useTaskActions } from '../hooks/useTaskActions';
import { useTaskNotices } from '../hooks/useTaskNotices';
import { useTaskListStore } from '../store';
import { BulkBar } from './BulkBar';
import { CancelConfirmHost } from './CancelConfirmHost';
import { EtaInputsContext, type EtaInputs } from './EtaInputs';
import { TaskList } from './TaskList';
import { TaskToolbar } from './TaskToolbar';

export function TasksPanel() {
  const t = useT();
  const locale = useLocale();
  const engine = useSyncEngine();
  const mirrorQuery = useTaskMirror();
  const typesQuery = useQuery(taskTypesQuery(engine.client));
  const { staleness } = useSyncStatus();
  const actions = useTaskActions();
  const openTaskId = useOpenTaskId();
  const unseen = useUnseenCompletionIds();
  const status = useTaskListStore((state) => state.status);
  const type = useTaskListStore((state) => state.type);
  const q = useTaskListStore((state) => state.q);
  const sort = useTaskListStore((state) => state.sort);
  const deleting = usePendingDeleteIds();
  usePendingDeleteSender();
  useTaskNotices();

  // Rows waiting out their Undo window are already gone from the user's point of view.
  const mirror = useMemo(() => withoutPending(mirrorQuery.data, deleting), [mirrorQuery.data, deleting]);
  const pinnedIds = useMemo(() => (unseen ? unseen.split(' ') : []), [unseen]);
  const pinned = useMemo(() => new Set(pinnedIds), [pinnedIds]);
  const shown = useMemo(
    () => (mirror ? selectTasks(mirror, { status, type, q, sort }, pinnedIds) : []),
    [mirror, status, type, q, sort, pinnedIds],
  );
  const all = useMemo(() => (mirror ? mirrorTasks(mirror) : []), [mirror]);
  const types = useMemo(
    () => typesQuery.data?.map(({ type, label }) => ({ type, label: glossaryLabel(t, 'typeName', type, label) })) ?? [],
    [typesQuery.data, t],
  );
  const typeLabels = useMemo(() => Object.fromEntries(types.map(({ type, label }) => [type, label])), [types]);
  const history = mirror ? engine.history(mirror) : null;
  const etaInputs = useMemo<EtaInputs>(
    () => ({ history: history ?? {}, maxConcurrent: mirror?.stats?.maxConcurrent ?? 1, staleness }),
    [history, mirror?.stats?.maxConcurrent, staleness],
  );

  return (
    <section className="panel tasks-panel" aria-labelledby="tasks-heading" id="task-list" tabIndex={-1}>
      <div className="panel-header">
        <h2 id="tasks-heading">{t('list.label')}</h2>
        {mirror && (
          <span className="muted small" aria-live="polite">
            {t('list.count', { shown: shown.length, total: all.length })}
          </span>
        )}
      </div>
      <TaskToolbar types={types} />
      {mirror?.stats?.paused && <p className="notice notice-warn small">{t('queue.paused')}</p>}
      <BulkBar shown={shown} all={all} paused={mirror?.stats?.paused ?? false} actions={actions} />
      <CancelConfirmHost actions={actions} />
      {mirror ? (
        <EtaInputsContext.Provider value={etaInputs}>
          <TaskList
            tasks={shown}
            pinned={pinned}
            openTaskId={openTaskId}
            typeLabels={typeLabels}
            actions={actions}
            emptyText={all.length === 0 ? t('list.empty') : t('list.emptyFiltered')}
          />
        </EtaInputsContext.Provider>
      ) : mirrorQuery.isError ? (
        <div className="notice notice-error" role="alert">
          {t('list.loadFailed')} {describeError(mirrorQuery.error, t, locale)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void mirrorQuery.refetch()}>
            {t('error.tryAgain')}
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          {t('list.loading')}
        </p>
      )}
    </section>
  );
}

function withoutPending(mirror: TaskMirror | undefined, deleting: string): TaskMirror | undefined {
  if (!mirror || deleting === '') return mirror;
  const ids = new Set(deleting.split(' '));
  return removeTasks(mirror, ids);
}
