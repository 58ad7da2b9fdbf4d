/**
 * What the engine notes as changes arrive: completions it watched happen (for notifications and
 * the "new" pins) and the ETA shown when a task passes a third of its work (for the accuracy
 * stats). Plain functions over the previous mirror and the changed tasks. Server timestamps meet
 * the client's clock only through the server-clock offset (`timeline`); ETA predictions are kept
 * on the server's clock, where the task's start and end are.
 */
import { isActiveStatus, type Task } from '../api/schemas';
import { retryPlan } from '../lib/autoRetry';
import { taskProgress } from '../lib/progress';
import { estimateEta, etaMidpoint, type DurationHistory } from '../lib/historyEta';
import type { ServerTimeline } from '../lib/serverClock';
import { taskMeasuredAt } from '../lib/taskClock';
import type { TaskMirror } from '../lib/taskMirror';
import { useCompletionsStore } from './completionsStore';
import { useEtaAccuracyStore } from './etaAccuracyStore';

/** A running task's ETA is written down for the accuracy stats once it passes this share. */
export const PREDICTION_AT_PROGRESS = 1 / 3;
/** A task created this long before the app started and finished unseen still counts as watched. */
const RECENT_SUBMIT_MS = 60_000;

/**
 * Records tasks that went from queued/running to finished — or that this session submitted and
 * that finished between two looks — as completions (a failure the app retries automatically is
 * not one: only the final failure is announced), and withdraws the completion of a task that
 * runs again (retried), so it is not pinned or counted as finished any more.
 */
export function noteCompletions(
  previous: TaskMirror,
  changed: readonly Task[],
  now: number,
  sessionStart: number,
  timeline: ServerTimeline,
): void {
  const completions = useCompletionsStore.getState();
  const accuracy = useEtaAccuracyStore.getState();
  const rerun = changed.filter((task) => task.status === 'queued' || task.status === 'running').map((task) => task.id);
  if (rerun.length > 0) completions.completionsWithdrawn(rerun);
  for (const task of changed) {
    if (task.status === 'queued' || task.status === 'running') continue;
    const before = previous.byId.get(task.id);
    const watched = before
      ? isActiveStatus(before.status)
      : timeline.toClient(Date.parse(task.createdAt)) >= sessionStart - RECENT_SUBMIT_MS;
    if (!watched) continue;
    // A failure the app will retry by itself in a moment is not news yet: no toast, no pin.
    const retriedSoon = task.status === 'failed' && retryPlan(task, now, timeline).kind === 'auto';
    if (!retriedSoon) completions.completionRecorded({ id: task.id, title: task.title, status: task.status, at: now });
    accuracy.taskFinished(task.id, task.status === 'succeeded', task.finishedAt ? Date.parse(task.finishedAt) : timeline.toServer(now));
  }
}

export function notePredictions(
  mirror: TaskMirror,
  changed: readonly Task[],
  now: number,
  history: () => DurationHistory,
  timeline: ServerTimeline,
): void {
  const candidates = changed.filter(
    (task) => task.status === 'running' && task.startedAt !== null && taskProgress(task) >= PREDICTION_AT_PROGRESS,
  );
  if (candidates.length === 0) return;
  const accuracy = useEtaAccuracyStore.getState();
  const maxConcurrent = mirror.stats?.maxConcurrent ?? 1;
  for (const task of candidates) {
    if (accuracy.predictions[task.id]) continue;
    const measuredAt = taskMeasuredAt(task, timeline, now);
    const eta = estimateEta(task, { history: history(), now, measuredAt, maxConcurrent });
    if (!eta) continue;
    // On the server's clock, like the start and the end it will be scored against.
    accuracy.predictionMade(task.id, {
      predictedEndAt: timeline.toServer(now) + etaMidpoint(eta),
      startedAt: Date.parse(task.startedAt ?? ''),
      at: now,
    });
  }
}

/**
 * Completions of tasks that left the list (deleted here or elsewhere, or gone from a server that
 * restarted) are no longer news: no pin, no count. After a full (re)load, every completion whose
 * task the list does not hold goes, also those kept from before a reload of the page.
 */
export function noteRemovals(mirror: TaskMirror, removed: readonly string[], fullList: boolean): void {
  const completions = useCompletionsStore.getState();
  const gone = fullList ? completions.completions.filter((c) => !mirror.byId.has(c.id)).map((c) => c.id) : removed;
  if (gone.length > 0) completions.completionsWithdrawn(gone);
}
