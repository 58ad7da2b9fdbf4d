/**
 * The progress a task's bar and percentage show, between updates too. A running task's progress
 * is extrapolated at its own pace (`lib/progressExtrapolation.ts`) once a second on the shared
 * clock — only while the row is mounted, i.e. in view — and frozen where it was while data is
 * stale. It never goes lower than what this screen already showed for the same attempt (an update
 * that brings less than was extrapolated, a lagging replica): a retry starts its own series.
 * Remembered per task id outside the components, because windowed rows unmount when scrolled
 * away and the bar and the percentage are separate components.
 */
import type { Task } from '../../../api/schemas';
import { useNow } from '../../../hooks/useNow';
import { monotoneProgress } from '../../../lib/progress';
import { extrapolateProgress, type ExtrapolatedProgress } from '../../../lib/progressExtrapolation';
import { taskMeasuredAt } from '../../../lib/taskClock';
import { useServerTimeline } from '../../../sync/serverTime';
import type { Staleness } from '../../../sync/staleness';
import { useEtaInputs } from '../components/EtaInputs';

const shown = new Map<string, { attempt: number; value: number }>();

export interface ShownProgress extends ExtrapolatedProgress {
  /** the progress on screen: the extrapolation, held where the screen already was */
  shown: number;
  /** the running stage's fill that goes with `shown` */
  shownStageFill: number;
  /** set while data is stale: the progress is frozen */
  staleness: Staleness | null;
}

/**
 * The screen-side guard, pure: records `progress` for the task and returns what to show. Exported
 * for the tests and the benchmark's replay.
 */
export function holdProgress(task: Pick<Task, 'id' | 'attempt' | 'stages'>, progress: ExtrapolatedProgress, stageCap = 0.99): ShownProgress {
  const next = monotoneProgress(shown.get(task.id), task.attempt, progress.value);
  shown.set(task.id, next);
  const stage = task.stages[progress.stageIndex];
  let shownStageFill = progress.stageFill;
  if (stage && next.value > progress.value) {
    // Held above the extrapolation: the running stage shows the held share too.
    const total = task.stages.reduce((sum, s) => sum + Math.max(0, s.weight), 0);
    const share = total > 0 ? stage.weight / total : 0;
    if (share > 0) shownStageFill = Math.min(Math.max(progress.stageFill, stageCap), progress.stageFill + (next.value - progress.value) / share);
  }
  return { ...progress, shown: next.value, shownStageFill, estimated: next.value > progress.reported, staleness: null };
}

/** The progress to show for `task` now, ticking once a second while it runs and data is fresh. */
export function useShownProgress(task: Task): ShownProgress {
  const { history, staleness } = useEtaInputs();
  const timeline = useServerTimeline();
  const running = task.status === 'running';
  // Only a running task moves between updates; the rest need no clock at all (frozen at 0).
  const now = useNow(running ? (staleness ? staleness.since : null) : 0);
  const progress = running
    ? extrapolateProgress(task, { measuredAt: taskMeasuredAt(task, timeline, now), now, history })
    : extrapolateProgress(task, { measuredAt: 0, now: 0 });
  const result = holdProgress(task, progress);
  return running && staleness ? { ...result, staleness } : result;
}
