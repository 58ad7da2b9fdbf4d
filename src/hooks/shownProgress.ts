/**
 * The progress a task's bar shows, between updates too — in the list's rows and in the details.
 * A running task's progress is extrapolated at its own pace (`lib/progressExtrapolation.ts`) once a
 * second on the shared clock, only while a component showing it is mounted (a row in view, an open
 * task), and frozen where it was while data is stale. It never goes lower than what this screen
 * already showed for the same attempt (an update that brings less than was extrapolated, a lagging
 * replica): a retry starts its own series. Remembered per task id outside the components, because
 * windowed rows unmount when scrolled away and the row's bar, its percentage and the details show
 * the same task.
 */
import type { Task } from '../api/schemas';
import { monotoneProgress } from '../lib/progress';
import { extrapolateProgress, type ExtrapolatedProgress } from '../lib/progressExtrapolation';
import type { DurationHistory } from '../lib/historyEta';
import type { ServerTimeline } from '../lib/serverClock';
import { taskMeasuredAt } from '../lib/taskClock';
import { NO_CLOCK, useNow } from './useNow';

const shown = new Map<string, { attempt: number; value: number }>();

export interface ShownProgress extends ExtrapolatedProgress {
  /** the progress on screen: the extrapolation, held where the screen already was */
  shown: number;
  /** the running stage's fill that goes with `shown` */
  shownStageFill: number;
}

/**
 * The screen-side guard, pure apart from its memory: records `progress` for the task and returns
 * what to show.
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
  return { ...progress, shown: next.value, shownStageFill, estimated: next.value > progress.reported };
}

export interface ShownProgressInputs {
  /** recent durations per type (a prior pace for young stages) */
  history: DurationHistory;
  /** the server clock, to date the task's numbers */
  timeline: ServerTimeline;
  /** the moment data went stale (progress freezes there), or null */
  frozenAt: number | null;
}

/** The progress to show for `task` now, ticking once a second while it runs and data is fresh. */
export function useShownProgress(task: Task, { history, timeline, frozenAt }: ShownProgressInputs): ShownProgress {
  const running = task.status === 'running';
  // Only a running task moves between updates; the rest need no clock at all.
  const now = useNow(running ? frozenAt : NO_CLOCK);
  const progress = running
    ? extrapolateProgress(task, { measuredAt: taskMeasuredAt(task, timeline, now), now, history })
    : extrapolateProgress(task, { measuredAt: 0, now: 0 });
  return holdProgress(task, progress);
}
