/**
 * When a task's numbers were true, on this client's clock: the moment its progress and ETA were
 * measured. A task's `updatedAt` is the server's time of its last change; translated by the
 * server-clock offset it says when that version was current, which is what progress and ETAs
 * count on from. It can never be later than when the client received that version.
 *
 * Computed once per task object (a version, as the mirror hands it out): a later sample of the
 * server clock moving the offset by a few milliseconds must not make a countdown tick up.
 */
import type { Task } from '../api/schemas';
import type { ServerTimeline } from './serverClock';
import { receivedAt } from './taskMirror';

const measuredByTask = new WeakMap<Task, number>();

/** Pure form: `updatedAt` on the client's clock, at most `received`. */
export function measuredAtOf(task: Pick<Task, 'updatedAt'>, received: number, timeline: ServerTimeline): number {
  const updated = Date.parse(task.updatedAt);
  if (!Number.isFinite(updated)) return received;
  return Math.min(received, timeline.toClient(updated));
}

/** When this version of the task was measured (client clock); `now` stands in for an unknown arrival. */
export function taskMeasuredAt(task: Task, timeline: ServerTimeline, now: number): number {
  let at = measuredByTask.get(task);
  if (at === undefined) {
    at = measuredAtOf(task, receivedAt(task, now), timeline);
    measuredByTask.set(task, at);
  }
  return at;
}
