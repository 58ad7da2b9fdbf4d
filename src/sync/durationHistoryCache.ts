/**
 * The per-type execution durations of the list's finished tasks (for history-based ETAs), cached
 * per list: the same object while the list's tasks are the same, and while the durations come
 * out the same, so ETA texts do not re-render on every poll. Used by the task list and the
 * runtime's notes; kept out of the first bundle.
 */
import { durationHistory, sameHistory, type DurationHistory } from '../lib/historyEta';
import type { TaskMirror } from '../lib/taskMirror';

let cache: { byId: TaskMirror['byId']; history: DurationHistory } | null = null;

export function listHistory(mirror: TaskMirror): DurationHistory {
  const cached = cache;
  if (cached?.byId === mirror.byId) return cached.history;
  const fresh = durationHistory(mirror.byId.values());
  const history = cached && sameHistory(cached.history, fresh) ? cached.history : fresh;
  cache = { byId: mirror.byId, history };
  return history;
}
