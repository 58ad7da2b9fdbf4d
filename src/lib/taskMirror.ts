/**
 * The client's mirror of the task list: every task by id, the ids newest first, and the `since`
 * cursor and ETag of the last answer. Deltas are merged so that a task whose version did not
 * change keeps its object identity — its memoised row does not re-render — and an answer that
 * arrives out of order can never replace a newer version of a task with an older one.
 */
import type { Stats, Task } from '../api/schemas';

export interface TaskMirror {
  readonly byId: ReadonlyMap<string, Task>;
  /** ids, newest first (createdAt desc, then id desc) */
  readonly order: readonly string[];
  /** the `since` cursor for the next delta; null before the first load */
  readonly cursor: string | null;
  readonly etag: string | null;
  readonly stats: Stats | null;
}

export interface MirrorDelta {
  items: readonly Task[];
  removed?: readonly string[];
  cursor: string;
  etag?: string | null;
  stats?: Stats | null;
}

const receivedAtByTask = new WeakMap<Task, number>();

/** When this client received this version of the task (for server ETAs that count down). */
export function receivedAt(task: Task, fallback: number): number {
  return receivedAtByTask.get(task) ?? fallback;
}

export function emptyMirror(): TaskMirror {
  return { byId: new Map(), order: [], cursor: null, etag: null, stats: null };
}

export function compareNewestFirst(a: Task, b: Task): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges a delta (or a full page) into the mirror. Returns the same mirror object when nothing
 * changed, so subscribers can skip work by identity.
 */
export function applyDelta(mirror: TaskMirror, delta: MirrorDelta, now: number): TaskMirror {
  let byId: Map<string, Task> | null = null;
  let added = false;
  for (const incoming of delta.items) {
    const current = (byId ?? mirror.byId).get(incoming.id);
    if (current && current.version >= incoming.version) continue;
    byId ??= new Map(mirror.byId);
    byId.set(incoming.id, incoming);
    receivedAtByTask.set(incoming, now);
    if (!current) added = true;
  }
  let removedAny = false;
  for (const id of delta.removed ?? []) {
    if (!(byId ?? mirror.byId).has(id)) continue;
    byId ??= new Map(mirror.byId);
    byId.delete(id);
    removedAny = true;
  }

  const stats = delta.stats === undefined ? mirror.stats : delta.stats;
  const etag = delta.etag === undefined ? mirror.etag : delta.etag;
  if (!byId && delta.cursor === mirror.cursor && stats === mirror.stats && etag === mirror.etag) {
    return mirror;
  }

  const nextById = byId ?? mirror.byId;
  let order = mirror.order;
  if (added) order = sortIds(nextById);
  else if (removedAny) order = mirror.order.filter((id) => nextById.has(id));
  return { byId: nextById, order, cursor: delta.cursor, etag, stats };
}

/** What one write did to the mirror: the tasks that arrived (new or newer) and the ids that went. */
export interface MirrorChange {
  mirror: TaskMirror;
  changed: Task[];
  removed: string[];
}

/** `applyDelta`, also saying which tasks it took and which ids it removed. */
export function mergeDelta(mirror: TaskMirror, delta: MirrorDelta, now: number): MirrorChange {
  const next = applyDelta(mirror, delta, now);
  if (next === mirror) return { mirror, changed: [], removed: [] };
  const changed = delta.items.filter((task) => next.byId.get(task.id) === task);
  const removed = (delta.removed ?? []).filter((id) => mirror.byId.has(id) && !next.byId.has(id));
  return { mirror: next, changed, removed };
}

/**
 * A full (re)load replaces the mirror: every task the server no longer lists goes — also one with
 * a higher version than the fresh answer, since after a server restart versions start over.
 * A task whose version and update time did not change keeps its object (its row does not
 * re-render).
 */
export function replaceMirror(previous: TaskMirror | undefined, fresh: TaskMirror, now: number): MirrorChange {
  if (!previous) {
    for (const task of fresh.byId.values()) if (!receivedAtByTask.has(task)) receivedAtByTask.set(task, now);
    return { mirror: fresh, changed: [...fresh.byId.values()], removed: [] };
  }
  const byId = new Map<string, Task>();
  const changed: Task[] = [];
  for (const [id, task] of fresh.byId) {
    const before = previous.byId.get(id);
    if (before && before.version === task.version && before.updatedAt === task.updatedAt) {
      byId.set(id, before);
    } else {
      byId.set(id, task);
      if (!receivedAtByTask.has(task)) receivedAtByTask.set(task, now);
      changed.push(task);
    }
  }
  const removed = previous.order.filter((id) => !byId.has(id));
  return { mirror: { ...fresh, byId }, changed, removed };
}

/** Puts one task from a write's answer (submit, retry, cancel) into the mirror. */
export function upsertTask(mirror: TaskMirror, task: Task, now: number): TaskMirror {
  const current = mirror.byId.get(task.id);
  if (current && current.version >= task.version) return mirror;
  const byId = new Map(mirror.byId);
  byId.set(task.id, task);
  receivedAtByTask.set(task, now);
  return { ...mirror, byId, order: current ? mirror.order : sortIds(byId) };
}

/** Removes tasks the client deleted (the next delta would report them in `removed` too). */
export function removeTasks(mirror: TaskMirror, ids: Iterable<string>): TaskMirror {
  const byId = new Map(mirror.byId);
  let changed = false;
  for (const id of ids) changed = byId.delete(id) || changed;
  if (!changed) return mirror;
  return { ...mirror, byId, order: mirror.order.filter((id) => byId.has(id)) };
}

export function mirrorTasks(mirror: TaskMirror): Task[] {
  const tasks: Task[] = [];
  for (const id of mirror.order) {
    const task = mirror.byId.get(id);
    if (task) tasks.push(task);
  }
  return tasks;
}

function sortIds(byId: ReadonlyMap<string, Task>): string[] {
  return [...byId.values()].sort(compareNewestFirst).map((task) => task.id);
}
