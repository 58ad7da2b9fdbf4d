/**
 * The progress a row shows: the task's weighted progress, never lower than what this screen
 * already showed for the same attempt (an answer from a lagging replica, a server that rounds
 * differently between stages). A retry is a new attempt and starts its own series. Remembered per
 * task id outside the rows, because windowed rows unmount when scrolled away.
 */
import type { Task } from '../../../api/schemas';
import { monotoneProgress, taskProgress } from '../../../lib/progress';

const shown = new Map<string, { attempt: number; value: number }>();

export function shownProgress(task: Task): number {
  const next = monotoneProgress(shown.get(task.id), task.attempt, taskProgress(task));
  shown.set(task.id, next);
  return next.value;
}
