/**
 * One `GET /events` connection's feed, free of any transport (contract 1.1, docs/api.md "Push").
 * The engine has no timers, so a feed is pumped: `pump()` catches the simulation up to now and
 * returns the events due; `nextDueAt()` says when to pump again (the next heartbeat, the next
 * simulated change, the end of a coalescing window). eventStream.ts drives it with timers and
 * writes the events as server-sent events; a test can drive it by hand on a fake clock.
 *
 * - Start: with a cursor (`Last-Event-ID` or `since`), first the latest state of every task that
 *   changed after it and the removals; a cursor of another lifetime (or too old) gets `reset`.
 *   Without one, live events only. A heartbeat right at open.
 * - Ids: every event's id is a list cursor up to which everything has been sent, so resuming
 *   from any id misses nothing. Ids never go back.
 * - Rate: a change of progress only (progress, stage progress, ETA) is sent at most once per task
 *   per second; the newest state goes out when the second is up. Any other change goes at once.
 *   While a task's progress waits, later events carry the cursor just before its change, so a
 *   reconnect in that window replays it rather than losing it.
 */
import type { Stats, Task } from '../../src/api/schemas';
import { RESET_CURSOR_EXPIRED, type StreamEventType } from '../../src/api/streamEvents';
import { checkCursor, encodeCursor } from './cursor';
import type { TaskEngine } from './engine';
import { iso } from './time';

/** Progress-only changes of one task: at most one event per this many ms. */
export const PROGRESS_EVENT_GAP_MS = 1000;
/** `stats` events: at most one per this many ms, and only after a change. */
export const STATS_EVENT_GAP_MS = 5000;
/** The reconnect delay told to the browser with the first event (`retry:`). */
export const RECONNECT_DELAY_MS = 1000;
/** A feed looks for news at least this often, whatever the engine predicts. */
export const MAX_PUMP_GAP_MS = 1000;

export interface FeedEvent {
  event: StreamEventType;
  /** the list cursor up to which everything has been sent */
  id: string;
  data: unknown;
  /** `retry:` to send with this event (the first one only) */
  retry?: number;
}

interface SentTask {
  version: number;
  at: number;
  shape: string;
}

/** Everything about a task except its progress: a change here is sent at once. */
function shapeOf(task: Task): string {
  const stages = task.stages.map((stage) => stage.status).join(',');
  return `${task.status}|${task.attempt}|${task.queuePosition ?? '-'}|${task.priority}|${stages}|${task.error?.code ?? '-'}`;
}

export class EventFeed {
  private readonly engine: TaskEngine;
  /** everything up to this sequence has been sent */
  private delivered: number;
  /** tombstones up to this sequence have been sent */
  private removedThrough: number;
  private readonly sent = new Map<string, SentTask>();
  private pendingReset: string | null = null;
  private nextHeartbeatAt: number;
  private lastStatsAt = -Infinity;
  private statsSequence = -1;
  /** when a deferred progress change is due; Infinity when none waits */
  private deferredDueAt = Infinity;
  private first = true;

  /**
   * `cursor`: the client's `Last-Event-ID` or `since` (null: live only). Throws the 400
   * `invalid_cursor` problem for a malformed one, before anything is streamed.
   */
  constructor(engine: TaskEngine, cursor: string | null, field = 'since') {
    this.engine = engine;
    const now = engine.advance();
    const current = engine.sequence();
    this.delivered = current;
    if (cursor !== null && cursor !== '') {
      const check = checkCursor(engine.cursorScope(), cursor, field);
      if (check.kind === 'ok') this.delivered = check.seq;
      else this.pendingReset = RESET_CURSOR_EXPIRED;
    }
    this.removedThrough = this.delivered;
    this.nextHeartbeatAt = now;
  }

  /** Brings the simulation up to now and returns the events due, in cursor order. */
  pump(): FeedEvent[] {
    const now = this.engine.advance();
    const events: FeedEvent[] = [];
    const cursor = (seq: number) => encodeCursor(this.engine.cursorScope().epoch, seq);

    if (now >= this.nextHeartbeatAt) {
      events.push({ event: 'heartbeat', id: cursor(this.delivered), data: { serverTime: iso(this.engine.serverNow()) } });
      this.nextHeartbeatAt = now + this.engine.config().heartbeatSeconds * 1000;
    }
    if (this.pendingReset) {
      events.push({ event: 'reset', id: cursor(this.delivered), data: { reason: this.pendingReset } });
      this.pendingReset = null;
    }

    const changes = this.engine.changesAfter(this.delivered);
    let oldestDeferred = Infinity;
    this.deferredDueAt = Infinity;
    const due: ({ seq: number; task: Task } | { seq: number; removed: string })[] = [];
    for (const task of changes.tasks) {
      const previous = this.sent.get(task.id);
      if (previous?.version === task.version) continue;
      const shape = shapeOf(task);
      if (previous && previous.shape === shape && now - previous.at < PROGRESS_EVENT_GAP_MS) {
        oldestDeferred = Math.min(oldestDeferred, task.version);
        this.deferredDueAt = Math.min(this.deferredDueAt, previous.at + PROGRESS_EVENT_GAP_MS);
        continue;
      }
      due.push({ seq: task.version, task });
    }
    for (const stone of changes.removed) if (stone.seq > this.removedThrough) due.push({ seq: stone.seq, removed: stone.id });
    due.sort((a, b) => a.seq - b.seq);

    const through = oldestDeferred === Infinity ? this.engine.sequence() : oldestDeferred - 1;
    let removed: string[] = [];
    let removedSeq = 0;
    const flushRemoved = () => {
      if (removed.length === 0) return;
      events.push({ event: 'removed', id: cursor(Math.min(removedSeq, through)), data: { ids: removed } });
      removed = [];
    };
    for (const item of due) {
      if ('removed' in item) {
        removed.push(item.removed);
        removedSeq = item.seq;
        this.removedThrough = Math.max(this.removedThrough, item.seq);
        this.sent.delete(item.removed);
        continue;
      }
      flushRemoved();
      const { task } = item;
      events.push({ event: 'task', id: cursor(Math.min(item.seq, through)), data: this.engine.publicTask(task) });
      this.sent.set(task.id, { version: task.version, at: now, shape: shapeOf(task) });
    }
    flushRemoved();
    this.delivered = Math.max(this.delivered, through);

    const sequence = this.engine.sequence();
    if (sequence !== this.statsSequence && now - this.lastStatsAt >= STATS_EVENT_GAP_MS) {
      const stats: Stats = this.engine.stats();
      events.push({ event: 'stats', id: cursor(this.delivered), data: stats });
      this.statsSequence = sequence;
      this.lastStatsAt = now;
    }

    const [firstEvent] = events;
    if (this.first && firstEvent) {
      firstEvent.retry = RECONNECT_DELAY_MS;
      this.first = false;
    }
    return events;
  }

  /** When `pump()` has something to send next (engine time, epoch ms). */
  nextDueAt(): number {
    const now = this.engine.advance();
    let due = Math.min(this.nextHeartbeatAt, this.deferredDueAt, now + MAX_PUMP_GAP_MS);
    const change = this.engine.nextChangeAt();
    if (change !== null) due = Math.min(due, change);
    if (this.engine.sequence() !== this.statsSequence) due = Math.min(due, this.lastStatsAt + STATS_EVENT_GAP_MS);
    return Math.max(due, now);
  }
}
