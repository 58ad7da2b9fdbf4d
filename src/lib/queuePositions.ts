/**
 * Queue positions that agree with each other on screen. A queued task's `queuePosition` is the
 * server's word at the moment that version of the task was sent, and versions from different
 * moments can disagree: right after a submit the new task is "#3" and so is the task that was
 * "#3" at the last poll. Until the next update brings the server's own numbers, the screen shows
 * positions that cannot collide: tasks in order of their position, the most recently updated
 * first among equals (it was placed knowing of the others), each at least one place behind the
 * task before it.
 *
 * Only the corrections are returned (usually none), so that a list whose positions already agree
 * yields the same empty map every time and nothing downstream re-renders for it.
 */
import type { Task } from '../api/schemas';

export type QueueCorrections = ReadonlyMap<string, number>;

const NONE: QueueCorrections = new Map();

export function queueCorrections(tasks: Iterable<Pick<Task, 'id' | 'status' | 'queuePosition' | 'updatedAt'>>): QueueCorrections {
  const queued: { id: string; position: number; updatedAt: number }[] = [];
  for (const task of tasks) {
    if (task.status === 'queued' && task.queuePosition !== null) {
      queued.push({ id: task.id, position: task.queuePosition, updatedAt: Date.parse(task.updatedAt) || 0 });
    }
  }
  queued.sort(
    (a, b) =>
      a.position - b.position ||
      b.updatedAt - a.updatedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let corrections: Map<string, number> | null = null;
  let previous = 0;
  for (const task of queued) {
    const shown = Math.max(task.position, previous + 1);
    if (shown !== task.position) (corrections ??= new Map()).set(task.id, shown);
    previous = shown;
  }
  return corrections ?? NONE;
}

/** Keeps the previous map while the corrections are the same (its identity is a render key). */
export function sameCorrections(a: QueueCorrections, b: QueueCorrections): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [id, position] of a) if (b.get(id) !== position) return false;
  return true;
}

/** The position to show for a queued task. */
export function shownQueuePosition(task: Pick<Task, 'id' | 'queuePosition'>, corrections: QueueCorrections): number | null {
  return corrections.get(task.id) ?? task.queuePosition;
}

/** `queueCorrections` that hands back the previous map while the corrections stay the same. */
export function keptQueueCorrections(): (tasks: Parameters<typeof queueCorrections>[0]) => QueueCorrections {
  let kept: QueueCorrections = NONE;
  return (tasks) => {
    const next = queueCorrections(tasks);
    if (!sameCorrections(kept, next)) kept = next;
    return kept;
  };
}
