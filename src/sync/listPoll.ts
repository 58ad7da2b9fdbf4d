/**
 * One list poll, as the poll scheduler calls it in the leader tab: the delta since the list's
 * cursor (or the full load when there is none yet), written through the one writer; a cursor the
 * server refuses (410 `cursor_expired`, 400 `invalid_cursor`) becomes a full reload that drops
 * every task the server no longer has. Afterwards every active task is observed again — an
 * unchanged answer is news too (still running past its expected end) — and the scheduler gets
 * the active tasks for its cadence.
 */
import type { ApiClient } from '../api/client';
import { toApiError } from '../api/errors';
import { isActiveStatus } from '../api/schemas';
import type { ServerClock, ServerTimeline } from '../lib/serverClock';
import type { EtaTracker, TaskObservation } from '../lib/sync/paceEta';
import type { PollOutcome, SyncClock } from '../lib/sync/scheduler';
import type { TaskMirror } from '../lib/taskMirror';
import { fetchDelta, isCursorRejected } from './mirrorFetch';
import type { TaskListWriter } from './taskListWriter';
import { observation } from './taskObservation';

export interface ListPollDeps {
  client: ApiClient;
  clock: SyncClock;
  /** sampled by each answer's `serverTime`; server timestamps meet the client's clock through it */
  serverClock: ServerClock;
  list: TaskListWriter;
  tracker: EtaTracker;
}

export async function pollList(deps: ListPollDeps): Promise<PollOutcome> {
  const { client, clock, serverClock, list, tracker } = deps;
  try {
    const mirror = list.get();
    let changed = true;
    if (!mirror || mirror.cursor === null) {
      await list.fetch();
    } else {
      try {
        const result = await fetchDelta(client, mirror, () => clock.now(), undefined, serverClock);
        const written = result.delta ? list.merge(result.delta, 'poll') : undefined;
        changed = written !== undefined && (written.changed.length > 0 || written.removed.length > 0);
      } catch (error) {
        if (!isCursorRejected(error)) throw error;
        // Our cursor is from another server lifetime (or garbled): start over from a full load.
        await list.reload();
      }
    }
    const current = list.get();
    if (current) observeAll(tracker, current, clock.now(), serverClock);
    return { ok: true, active: tracker.active(clock.now()), changed };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

/** One look at every task the client waits on, after a load or a poll. */
export function observeAll(tracker: EtaTracker, mirror: TaskMirror, now: number, timeline: ServerTimeline): void {
  const observations: TaskObservation[] = [];
  for (const task of mirror.byId.values()) {
    if (isActiveStatus(task.status)) observations.push(observation(task, timeline));
  }
  tracker.update(observations, now);
}
