/**
 * Bulk actions over the selection (retry, cancel, delete), "delete all finished", and pausing the
 * queue. Buttons are disabled, not hidden, when they have nothing to act on, so the layout holds —
 * except on a phone, where the three selection buttons show only once something is selected
 * (after the user's own tap, so nothing moves unasked) to keep the list high on the screen.
 */
import type { Task } from '../../../api/schemas';
import { useT } from '../../../i18n/localeStore';
import type { TaskActions } from '../hooks/useTaskActions';
import { useTaskListStore } from '../store';

interface BulkBarProps {
  shown: readonly Task[];
  all: readonly Task[];
  paused: boolean;
  actions: TaskActions;
}

export function BulkBar({ shown, all, paused, actions }: BulkBarProps) {
  const t = useT();
  const selectedIds = useTaskListStore((state) => state.selected);
  const store = useTaskListStore.getState();
  const selected = all.filter((task) => selectedIds.has(task.id));
  const allShownSelected = shown.length > 0 && shown.every((task) => selectedIds.has(task.id));
  const failed = selected.filter((task) => task.status === 'failed');
  const active = selected.filter((task) => task.status === 'queued' || task.status === 'running');
  const finishedSelected = selected.filter((task) => task.status !== 'queued' && task.status !== 'running');
  const finishedAll = all.filter((task) => task.status !== 'queued' && task.status !== 'running');

  return (
    <div className={`bulk-bar${selected.length === 0 ? ' is-empty' : ''}`}>
      <label className="check">
        <input
          type="checkbox"
          checked={allShownSelected}
          ref={(input) => {
            if (input) input.indeterminate = !allShownSelected && selected.length > 0;
          }}
          onChange={() => (allShownSelected ? store.selectionCleared() : store.selectionReplaced(shown.map((task) => task.id)))}
        />
        {t('row.selectAll')}
      </label>
      <span className="muted small" aria-live="polite">
        {selected.length > 0 ? t('bulk.selected', { count: selected.length }) : ''}
      </span>
      <button
        type="button"
        className="btn btn-small bulk-selection"
        disabled={failed.length === 0}
        onClick={() => actions.retryMany(failed)}
      >
        {t('bulk.retry')}
      </button>
      <button
        type="button"
        className="btn btn-small bulk-selection"
        disabled={active.length === 0}
        onClick={() => actions.cancelMany(active)}
      >
        {t('bulk.cancel')}
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger bulk-selection"
        disabled={finishedSelected.length === 0}
        onClick={() => actions.removeMany(finishedSelected)}
      >
        {t('bulk.delete')}
      </button>
      {selected.length > 0 && (
        <button type="button" className="btn btn-small" onClick={store.selectionCleared}>
          {t('bulk.clear')}
        </button>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={finishedAll.length === 0}
        onClick={() => {
          if (window.confirm(t('bulk.confirmDeleteFinished', { count: finishedAll.length }))) actions.removeMany(finishedAll);
        }}
      >
        {t('bulk.deleteFinished')}
      </button>
      <button type="button" className="btn btn-small" aria-pressed={paused} onClick={() => void actions.setPaused(!paused)}>
        {paused ? t('queue.resume') : t('queue.pause')}
      </button>
    </div>
  );
}
