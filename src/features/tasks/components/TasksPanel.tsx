/**
 * The task list region: toolbar, bulk bar and the virtualised list over the mirror, filtered and
 * sorted on the client. Unseen completions come first as a collapsible "Just finished" group.
 *
 * The inputs (search, filters, sort) update at once; the list follows them as a deferred value,
 * so typing never waits for 10,000 tasks to be filtered and a keystroke that arrives meanwhile
 * interrupts the render it makes obsolete (docs/performance.md).
 */
import { useQuery } from '@tanstack/react-query';
import type { Task } from '../../../api/schemas';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useOpenTaskId } from '../../../hooks/navigation';
import { usePendingDeleteIds } from '../../../hooks/pendingDeletesStore';
import { describeError } from '../../../i18n/describeError';
import { glossaryLabel } from '../../../i18n/glossary';
import { useLocale, useT } from '../../../i18n/localeStore';
import { keptQueueCorrections, type QueueCorrections } from '../../../lib/queuePositions';
import { selectTaskGroups, type TaskFilters } from '../../../lib/taskFilters';
import { mirrorTasks, removeTasks, type TaskMirror } from '../../../lib/taskMirror';
import { useCompletionsStore, useUnseenCompletionIds } from '../../../sync/completionsStore';
import { listHistory } from '../../../sync/durationHistoryCache';
import { useSyncEngine, useSyncStatus, useTaskMirror } from '../../../sync/hooks';
import { taskTypesQuery } from '../../../sync/queries';
import { usePendingDeleteSender } from '../hooks/usePendingDeleteSender';
import { useTaskActions } from '../hooks/useTaskActions';
import { useTaskNotices } from '../hooks/useTaskNotices';
import { useTaskListStore } from '../store';
import { BulkBar } from './BulkBar';
import { CancelConfirmHost } from './CancelConfirmHost';
import { EtaInputsContext, type EtaInputs } from './EtaInputs';
import { TaskList, type JustFinishedGroup } from './TaskList';
import { TaskToolbar } from './TaskToolbar';

const markAllSeen = () => useCompletionsStore.getState().completionsSeen();

/** A user-timing mark once the first rows are on screen: what `npm run lighthouse` measures up to. */
let listReadyMarked = false;
function markListReady() {
  if (listReadyMarked || typeof performance === 'undefined') return;
  listReadyMarked = true;
  performance.mark('task-list-ready');
}

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
  const collapsed = useTaskListStore((state) => state.justFinishedCollapsed);
  const justFinishedToggled = useTaskListStore((state) => state.justFinishedToggled);
  const deleting = usePendingDeleteIds();
  usePendingDeleteSender();
  useTaskNotices();

  // The list follows the data as a deferred value too: a poll or a pushed event re-renders the
  // rows in a transition React splits into short slices, so the page never stalls on an update.
  // The first rows come the same way, in a render of their own after the panel's (null at first),
  // even when the data is already there. Rows waiting out their Undo window are already gone
  // from the user's point of view.
  const data = useDeferredValue(mirrorQuery.data ?? null, null) ?? undefined;
  const mirror = useMemo(() => withoutPending(data, deleting), [data, deleting]);
  const filters = useMemo<TaskFilters>(() => ({ status, type, q, sort }), [status, type, q, sort]);
  // The list renders with the latest inputs when React has time; the inputs themselves never wait.
  const shownFilters = useDeferredValue(filters);
  // A completion regroups the list ("Just finished"): deferred like the data it comes with.
  const shownUnseen = useDeferredValue(unseen);
  const pinnedIds = useMemo(() => (shownUnseen ? shownUnseen.split(' ') : []), [shownUnseen]);
  const history = mirror ? listHistory(mirror) : null;
  const maxConcurrent = mirror?.stats?.maxConcurrent ?? 1;
  const groups = useMemo(
    () =>
      mirror
        ? selectTaskGroups(mirror, shownFilters, pinnedIds, { history: history ?? {}, maxConcurrent, timeline: engine.serverClock })
        : { justFinished: [], rest: [] },
    [mirror, shownFilters, pinnedIds, history, maxConcurrent, engine.serverClock],
  );
  const shown = useMemo(
    () => (groups.justFinished.length > 0 ? [...groups.justFinished, ...groups.rest] : groups.rest),
    [groups],
  );
  const all = useMemo(() => (mirror ? mirrorTasks(mirror) : []), [mirror]);
  const types = useMemo(
    () => typesQuery.data?.map(({ type, label }) => ({ type, label: glossaryLabel(t, 'typeName', type, label) })) ?? [],
    [typesQuery.data, t],
  );
  const typeLabels = useMemo(() => Object.fromEntries(types.map(({ type, label }) => [type, label])), [types]);
  const corrections = useQueueCorrections(mirror?.byId);
  const etaInputs = useMemo<EtaInputs>(
    () => ({ history: history ?? {}, maxConcurrent, staleness, queueCorrections: corrections }),
    [history, maxConcurrent, staleness, corrections],
  );
  const justFinished = useMemo<JustFinishedGroup>(
    () => ({ tasks: groups.justFinished, collapsed, onToggle: justFinishedToggled, onMarkSeen: markAllSeen }),
    [groups.justFinished, collapsed, justFinishedToggled],
  );
  useEffect(() => {
    if (mirror) markListReady();
  }, [mirror]);
  const updating = filters !== shownFilters;
  const shownKey = `${shownFilters.status}|${shownFilters.type}|${shownFilters.q}|${shownFilters.sort}`;

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
          {/* data-shown names the filters the rows reflect (the render benchmark waits for it). */}
          <div className={updating ? 'task-list-updating' : undefined} aria-busy={updating || undefined} data-shown={shownKey}>
            <TaskList
              tasks={groups.rest}
              justFinished={justFinished}
              sortLabel={t(`sort.${shownFilters.sort}`)}
              openTaskId={openTaskId}
              typeLabels={typeLabels}
              actions={actions}
              emptyText={all.length === 0 ? t('list.empty') : t('list.emptyFiltered')}
              scrollResetKey={shownKey}
            />
          </div>
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

/** Queue positions corrected on screen; the same map while the corrections are the same. */
function useQueueCorrections(byId: ReadonlyMap<string, Task> | undefined): QueueCorrections {
  const [corrections] = useState(keptQueueCorrections);
  return useMemo(() => corrections(byId?.values() ?? []), [corrections, byId]);
}

function withoutPending(mirror: TaskMirror | undefined, deleting: string): TaskMirror | undefined {
  if (!mirror || deleting === '') return mirror;
  return removeTasks(mirror, new Set(deleting.split(' ')));
}
