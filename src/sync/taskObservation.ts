/**
 * What the pace-based ETA (src/lib/sync/paceEta.ts) sees of a task: its status, overall progress,
 * and the times of its start and of its last change, put on the client's clock through the
 * server clock's offset.
 */
import type { Task } from '../api/schemas';
import { taskProgress } from '../lib/progress';
import type { ServerTimeline } from '../lib/serverClock';
import type { TaskObservation } from '../lib/sync/paceEta';

export function observation(task: Task, timeline: ServerTimeline): TaskObservation {
  return {
    id: task.id,
    status: task.status,
    progress: taskProgress(task),
    startedAt: task.startedAt ? timeline.toClient(Date.parse(task.startedAt)) : null,
    // Progress is as of the task's last change, not as of our look: an unchanged task seen
    // again is not a new sample.
    progressAt: timeline.toClient(Date.parse(task.updatedAt)),
    serverRemainingMs: task.eta?.remainingMs ?? null,
  };
}
