/**
 * The push channel in the browser: one `EventSource` on `GET /events` (in the leader tab only),
 * steered by StreamPolicy (src/lib/sync/streamPolicy.ts) and feeding the one list writer. This
 * file is the thin wiring: it opens and closes connections when the policy says so, always
 * resuming with `?since=` the last event id (or the cursor of the list held), never letting the
 * browser reconnect on its own (that would bypass the backoff); parses each event with the
 * contract's schemas (one malformed event is skipped and reported, the stream goes on; a
 * malformed task keeps its last good state and is marked as not updating, as in a list); batches
 * a burst of events into one list write; and on `reset` reloads the list through the writer,
 * holding the events that arrive meanwhile until the reload is in.
 */
import type { ApiClient } from '../api/client';
import { eventStreamUrl } from '../api/endpoints';
import { parseTask, type RejectedTask } from '../api/lenientTasks';
import type { Stats, Task } from '../api/schemas';
import { parseStreamEvent, STREAM_EVENT_TYPES, type StreamEvent } from '../api/streamEvents';
import type { Random } from '../lib/random';
import type { SyncClock } from '../lib/sync/scheduler';
import type { StreamConfig } from '../lib/sync/streamConfig';
import { StreamPolicy } from '../lib/sync/streamPolicy';
import type { TaskListWriter } from './taskListWriter';
import { useUnreadableTasksStore } from './unreadableTasksStore';

/** The part of the browser's EventSource this channel uses (tests hand in a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** What a failed connection was: `/events` does not exist here, or anything else. */
export type ProbeResult = 'absent' | 'present' | 'unreachable';

export interface PushChannelDeps {
  client: ApiClient;
  clock: SyncClock;
  random: Random;
  /** overrides of the stream policy's numbers (the defaults otherwise) */
  config?: Partial<StreamConfig>;
  list: TaskListWriter;
  createEventSource: EventSourceFactory;
  /** asks `/events` once, to tell "absent" (404/501) from a failure (the EventSource cannot say) */
  probe?: (url: string) => Promise<ProbeResult>;
  /** a heartbeat's `serverTime` and when it arrived (a sample for the server clock) */
  onServerTime?: (serverTime: string, receivedAt: number) => void;
  /** an event that does not match the contract (skipped) */
  onMalformed?: (detail: string) => void;
}

/** A burst of events (a resume's replay, several tasks changing together) becomes one list write. */
const BATCH_MS = 25;

interface Batch {
  items: Task[];
  /** task events that do not match the contract */
  rejected: RejectedTask[];
  removed: string[];
  stats: Stats | null;
  cursor: string | null;
}

const emptyBatch = (): Batch => ({ items: [], rejected: [], removed: [], stats: null, cursor: null });

/** What can be read of a malformed `task` event: its id and version, when present. */
function rejectedTask(data: string, detail: string): RejectedTask {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { id: null, version: null, detail };
  }
  const parsed = parseTask(raw);
  return parsed.ok ? { id: parsed.task.id, version: parsed.task.version, detail } : parsed.rejected;
}

export class PushChannel {
  readonly policy: StreamPolicy;
  private source: EventSourceLike | null = null;
  /** the id of the last event this channel applied (the resume point) */
  private lastEventId: string | null = null;
  private batch = emptyBatch();
  private batchTimer: unknown = null;
  /** a reset's reload is in flight: events wait for it */
  private reloading = false;
  private probing: AbortController | null = null;

  constructor(private readonly deps: PushChannelDeps) {
    this.policy = new StreamPolicy({
      clock: deps.clock,
      random: deps.random,
      config: deps.config,
      connect: () => this.open(),
      close: () => this.close(),
    });
  }

  /** The list is loaded and this tab leads: connect from the list's cursor. */
  start(online: boolean): void {
    this.lastEventId = null;
    this.policy.start(online);
  }

  stop(): void {
    this.policy.stop();
    this.flush();
  }

  private resumeCursor(): string | null {
    return this.lastEventId ?? this.deps.list.get()?.cursor ?? null;
  }

  private open(): void {
    const url = eventStreamUrl(this.deps.client, this.resumeCursor());
    let source: EventSourceLike;
    try {
      source = this.deps.createEventSource(url);
    } catch {
      // A URL the browser refuses: nothing to push over.
      this.deps.clock.setTimeout(() => this.policy.failed(true), 0);
      return;
    }
    this.source = source;
    let opened = false;
    source.onopen = () => {
      if (this.source !== source) return;
      opened = true;
      this.policy.opened();
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // Never let the browser reconnect by itself: the policy decides when, and from where.
      this.close();
      if (opened || !this.deps.probe) this.policy.failed(false);
      else void this.probeAndFail(url);
    };
    for (const type of STREAM_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (this.source === source) this.received(type, event);
      });
    }
  }

  private close(): void {
    const source = this.source;
    this.source = null;
    if (source) {
      source.onopen = null;
      source.onerror = null;
      source.close();
    }
  }

  private async probeAndFail(url: string): Promise<void> {
    this.probing?.abort();
    const probing = (this.probing = new AbortController());
    let result: ProbeResult;
    try {
      result = (await this.deps.probe?.(url)) ?? 'unreachable';
    } catch {
      result = 'unreachable';
    }
    if (probing.signal.aborted) return;
    this.probing = null;
    // Ignored by the policy if it moved on meanwhile (its own deadline, offline, stop).
    this.policy.failed(result === 'absent');
  }

  private received(type: string, message: MessageEvent<string>): void {
    this.policy.received(type === 'heartbeat' ? 'heartbeat' : 'data');
    const parsed = parseStreamEvent(type, message.data, message.lastEventId);
    if (parsed.ok) {
      this.apply(parsed.event);
      return;
    }
    if (parsed.reason !== 'malformed') return; // an event this client does not know: servers may add some
    this.deps.onMalformed?.(parsed.detail);
    if (type === 'task') {
      // The task keeps its last good state and is marked as not updating (like a bad list item).
      const rejected = rejectedTask(message.data, parsed.detail);
      this.batch.rejected.push(rejected);
      if (message.lastEventId) this.batch.cursor = message.lastEventId;
      this.armFlush();
    }
  }

  private apply(event: StreamEvent): void {
    switch (event.type) {
      case 'heartbeat':
        this.deps.onServerTime?.(event.data.serverTime, this.deps.clock.now());
        return;
      case 'reset':
        void this.reload();
        return;
      case 'task':
        this.batch.items.push(event.data);
        break;
      case 'removed':
        this.batch.removed.push(...event.data.ids);
        break;
      case 'stats':
        this.batch.stats = event.data;
        break;
    }
    if (event.id !== null) this.batch.cursor = event.id;
    this.armFlush();
  }

  private armFlush(): void {
    if (!this.reloading && this.batchTimer === null) {
      this.batchTimer = this.deps.clock.setTimeout(() => this.flush(), BATCH_MS);
    }
  }

  /** Writes the batched events into the list, in one change. */
  private flush(): void {
    if (this.batchTimer !== null) this.deps.clock.clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (this.reloading) return;
    const batch = this.batch;
    this.batch = emptyBatch();
    const mirror = this.deps.list.get();
    if (!mirror) return;
    const { items, rejected, removed, stats, cursor } = batch;
    if (items.length === 0 && rejected.length === 0 && removed.length === 0 && stats === null && cursor === null) return;
    if (batch.cursor !== null) this.lastEventId = batch.cursor;
    if (batch.items.length > 0 || batch.removed.length > 0 || batch.rejected.length > 0) {
      useUnreadableTasksStore.getState().tasksRead(batch.items, batch.rejected, batch.removed, this.deps.clock.now());
    }
    this.deps.list.merge(
      {
        items: batch.items,
        removed: batch.removed,
        cursor: batch.cursor ?? mirror.cursor ?? '',
        // The ETag belonged to the last poll's cursor; a poll from the new cursor needs none.
        ...(batch.cursor !== null ? { etag: null } : {}),
        ...(batch.stats ? { stats: batch.stats } : {}),
      },
      'stream',
    );
  }

  /** `reset`: the server cannot replay from our cursor; reload the list and keep reading. */
  private async reload(): Promise<void> {
    if (this.reloading) return;
    this.flush();
    this.reloading = true;
    try {
      await this.deps.list.reload();
      this.lastEventId = null;
      this.reloading = false;
      // Events that arrived during the reload: newer versions win, older ones are ignored.
      this.flush();
    } catch {
      this.reloading = false;
      this.batch = emptyBatch();
      // Could not reload: reconnect later; the server will say `reset` again.
      this.policy.failed(false);
    }
  }
}

/** Asks `/events` once and reads only the status: 404 or 501 means the server has no push. */
export function fetchProbe(fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)) {
  return async (url: string): Promise<ProbeResult> => {
    const controller = new AbortController();
    try {
      const response = await fetchImpl(url, {
        headers: { Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      return response.status === 404 || response.status === 501 ? 'absent' : 'present';
    } catch {
      return 'unreachable';
    } finally {
      controller.abort();
    }
  };
}
