/**
 * A task's progress in its row: the stage bar and the percentage, both moving between updates for
 * a running task (`useShownProgress`). They are two components because the row places them apart;
 * both read the same shared clock tick and the same remembered value, so they always agree. Only
 * these small pieces subscribe to the clock: a tick re-renders a bar and a number, not the row.
 */
import type { Task } from '../../../api/schemas';
import { useLocale, useT } from '../../../i18n/localeStore';
import { formatPercent } from '../../../lib/format';
import { useShownProgress, type ShownProgress } from '../../../hooks/shownProgress';
import { useServerTimeline } from '../../../sync/serverTime';
import type { Staleness } from '../../../sync/staleness';
import { STALE_REASON, useEtaInputs } from './EtaInputs';
import { StageBar } from './StageBar';
import './TaskProgress.css';

function useStaleHint(staleness: Staleness | null): string | null {
  const t = useT();
  return staleness ? t('eta.staleHint', { reason: t(STALE_REASON[staleness.reason]) }) : null;
}

/** The row's progress: the list's history and staleness from context; frozen while stale. */
function useRowProgress(task: Task): ShownProgress & { staleness: Staleness | null } {
  const { history, staleness } = useEtaInputs();
  const timeline = useServerTimeline();
  const progress = useShownProgress(task, { history, timeline, frozenAt: staleness ? staleness.since : null });
  return { ...progress, staleness: task.status === 'running' ? staleness : null };
}

export function TaskStageBar({ task }: { task: Task }) {
  const progress = useRowProgress(task);
  const staleReason = useStaleHint(progress.staleness);
  return (
    <StageBar
      stages={task.stages}
      progress={progress.shown}
      title={task.title}
      runningFill={progress.estimated ? progress.shownStageFill : undefined}
      estimated={progress.estimated}
      staleReason={staleReason}
      canceled={task.status === 'canceled'}
    />
  );
}

/** The overall percentage; "~" marks an extrapolated figure. Hidden from assistive technology: the bar says it. */
export function TaskPercent({ task }: { task: Task }) {
  const t = useT();
  const locale = useLocale();
  const progress = useRowProgress(task);
  const staleReason = useStaleHint(progress.staleness);
  const percent = formatPercent(progress.shown, locale);
  const className = `row-percent${progress.estimated ? ' is-estimate' : ''}${staleReason ? ' is-stale' : ''}`;
  return (
    <span className={className} aria-hidden="true" title={staleReason ?? (progress.estimated ? t('progress.estimateHint') : undefined)}>
      {progress.estimated ? t('progress.estimate', { percent }) : percent}
    </span>
  );
}
