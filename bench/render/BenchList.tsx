/**
 * The list as the app renders it (src/features/tasks/components/TasksPanel.tsx) without the
 * toolbar: the mirror held in React state, `selectTasks` with the default filters, the ETA
 * inputs from the engine's history, and the real TaskList — or the naive baseline. The
 * benchmark swaps the mirror through the handle, as a poll swaps it in the query cache.
 */
import { useImperativeHandle, useMemo, useState, type Ref } from 'react';
import { EtaInputsContext, type EtaInputs } from '../../src/features/tasks/components/EtaInputs';
import { TaskList } from '../../src/features/tasks/components/TaskList';
import type { TaskRowActions } from '../../src/features/tasks/components/TaskRow';
import { DEFAULT_FILTERS, selectTasks } from '../../src/lib/taskFilters';
import type { TaskMirror } from '../../src/lib/taskMirror';
import { listHistory } from '../../src/sync/durationHistoryCache';
import { useSyncStatus } from '../../src/sync/hooks';
import { TYPE_LABELS } from './fixtures';
import type { Variant } from './protocol';
import { NaiveTaskList } from './NaiveTaskList';

export interface BenchListHandle {
  setMirror: (mirror: TaskMirror) => void;
}

interface BenchListProps {
  initialMirror: TaskMirror;
  variant: Variant;
  onRowRender: (id: string) => void;
  ref: Ref<BenchListHandle>;
}

const NO_PINS: readonly string[] = [];
const noop = () => {};
/** Stable like the app's (useTaskActions); the benchmark never clicks. */
const ACTIONS: TaskRowActions = { open: noop, toggleSelected: noop, cancel: noop, retry: noop, runAgain: noop, remove: noop };

export function BenchList({ initialMirror, variant, onRowRender, ref }: BenchListProps) {
  const [mirror, setMirror] = useState(initialMirror);
  useImperativeHandle(ref, () => ({ setMirror }), []);
  const { staleness } = useSyncStatus();

  const shown = useMemo(() => selectTasks(mirror, DEFAULT_FILTERS, NO_PINS), [mirror]);
  const history = listHistory(mirror);
  const etaInputs = useMemo<EtaInputs>(
    () => ({ history, maxConcurrent: mirror.stats?.maxConcurrent ?? 1, staleness }),
    [history, mirror.stats?.maxConcurrent, staleness],
  );

  const List = variant === 'naive' ? NaiveTaskList : TaskList;
  return (
    <EtaInputsContext.Provider value={etaInputs}>
      <List
        tasks={shown}
        openTaskId={null}
        typeLabels={TYPE_LABELS}
        actions={ACTIONS}
        emptyText=""
        onRowRender={onRowRender}
      />
    </EtaInputsContext.Provider>
  );
}
