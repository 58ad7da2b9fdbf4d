/**
 * The sync engine: the one place where the client's policies meet the browser and the query
 * cache. This part is in the first bundle: the one writer of the task list (taskListWriter.ts),
 * page visibility and connectivity from one source (pageSignals.ts), the status the UI shows, and
 * the user's intents (submit, retry) going into the durable outbox. Keeping the list fresh — push
 * and polling in the leader tab, sharing between tabs, sending the outbox, automatic retries — is
 * the runtime (syncRuntime.ts), loaded by `start()` right after the first render. The runtime
 * only subscribes to the writer and the page signals and reports its status back; React reads
 * the engine through hooks (src/sync/hooks.ts).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import type { SubmitTaskBody, Task } from '../api/schemas';
import { planIntent, type Intent, type IntentPlan } from '../lib/outbox';
import { mulberry32, type Random } from '../lib/random';
import { ServerClock } from '../lib/serverClock';
import { resolveSyncConfig, type SyncConfig } from '../lib/sync/config';
import type { Cooldown } from '../lib/sync/cooldown';
import type { SyncClock, SyncState } from '../lib/sync/scheduler';
import type { StreamConfig } from '../lib/sync/streamConfig';
import type { StreamState } from '../lib/sync/streamPolicy';
import type { TaskMirror } from '../lib/taskMirror';
import { loadMirror } from './mirrorFetch';
import { useOutboxStore } from './outboxStore';
import { PageSignals } from './pageSignals';
import type { EventSourceFactory } from './pushChannel';
import type { Staleness } from './staleness';
import type * as Runtime from './syncRuntime';
import type { RuntimeStatus, SyncRuntime } from './syncRuntime';
import type { TabCoordinator } from './tabCoordinator';
import { TaskListWriter } from './taskListWriter';

export interface SyncStatus {
  scheduler: SyncState;
  /** how updates arrive: pushed over the event stream, or polled */
  transport: 'push' | 'polling';
  /** the leader's push channel (null before the runtime, or without EventSource) */
  stream: StreamState | null;
  /** this tab leads (polls, holds the stream); false when another tab does (or before start) */
  leader: boolean;
  online: boolean;
  visible: boolean;
  /** this tab or another tab of this browser is visible (known to the leader) */
  anyTabVisible: boolean;
  staleness: Staleness | null;
}

export type RuntimeModule = typeof Runtime;

/** The list query's key; its home is the writer (kept here for the code that imported it from here). */
export { mirrorQueryKey } from './taskListWriter';

/** The polling numbers, resolved; the push channel's overrides, if any (resolved in the runtime). */
export type EngineConfig = SyncConfig & Partial<StreamConfig>;

export interface SyncEngineOptions {
  queryClient: QueryClient;
  client: ApiClient;
  cooldown: Cooldown;
  config?: Partial<EngineConfig>;
  coordinator?: TabCoordinator;
  clock?: SyncClock;
  /** the estimate of the server's clock, fed by the API client's answers (createAppServices) */
  serverClock?: ServerClock;
  random?: Random;
  /** the push channel's EventSource; null turns push off; the browser's by default */
  createEventSource?: EventSourceFactory | null;
  /** how the runtime arrives; tests hand in the module itself */
  loadRuntime?: () => Promise<RuntimeModule>;
}

const IDLE_STATE: SyncState = {
  mode: 'idle',
  nextPollAt: null,
  intervalMs: null,
  push: false,
  inFlight: false,
  lastSuccessAt: null,
  lastChangeAt: null,
  consecutiveFailures: 0,
  lastError: null,
  coolingUntil: null,
};

/** The real clock, read through globalThis at call time so that fake timers apply. */
const browserClock: SyncClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const browserEventSource = (): EventSourceFactory | null =>
  typeof EventSource === 'function' ? (url) => new EventSource(url) : null;

export class SyncEngine {
  readonly client: ApiClient;
  readonly cooldown: Cooldown;
  readonly config: EngineConfig;
  readonly clock: SyncClock;
  readonly serverClock: ServerClock;
  readonly random: Random;
  /** the one writer of the task list */
  readonly list: TaskListWriter;
  /** visibility and connectivity */
  readonly page: PageSignals;
  private readonly coordinator: TabCoordinator | undefined;
  private readonly createEventSource: EventSourceFactory | null;
  private readonly loadRuntime: () => Promise<RuntimeModule>;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];

  private runtime: SyncRuntime | null = null;
  private started = 0;
  private status: SyncStatus;

  constructor(options: SyncEngineOptions) {
    this.client = options.client;
    this.cooldown = options.cooldown;
    this.config = resolveSyncConfig(options.config);
    this.clock = options.clock ?? browserClock;
    this.serverClock = options.serverClock ?? new ServerClock();
    this.random = options.random ?? mulberry32((Date.now() ^ 0x5f3759df) >>> 0);
    this.coordinator = options.coordinator;
    this.createEventSource = options.createEventSource === undefined ? browserEventSource() : options.createEventSource;
    this.loadRuntime = options.loadRuntime ?? (() => import('./syncRuntime'));
    const now = () => this.clock.now();
    this.list = new TaskListWriter(options.queryClient, (signal) => loadMirror(this.client, now, signal, this.serverClock), now);
    this.page = new PageSignals(now);
    this.status = this.computeStatus();
  }

  // ---- lifecycle ----

  start(): void {
    if (this.started) return;
    const started = (this.started = this.clock.now());
    this.page.start();
    this.cleanups.push(
      () => this.page.stop(),
      this.page.subscribe(() => this.emit()),
      this.cooldown.subscribe(() => this.emit()),
    );

    void this.loadRuntime().then(({ SyncRuntime }) => {
      if (this.started !== started) return; // stopped (or restarted) meanwhile
      this.runtime = new SyncRuntime(
        {
          client: this.client,
          cooldown: this.cooldown,
          config: this.config,
          clock: this.clock,
          random: this.random,
          sessionStart: started,
          serverClock: this.serverClock,
          list: this.list,
          page: this.page,
          createEventSource: this.createEventSource,
          retry: (task) => this.retry(task),
          statusChanged: () => this.emit(),
        },
        this.coordinator,
      );
      this.runtime.start();
      this.emit();
    });
    this.emit();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.runtime?.stop();
    this.runtime = null;
    this.started = 0;
  }

  // ---- reading ----

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getMirror(): TaskMirror | undefined {
    return this.list.get();
  }

  /** The query function of the list query: the full, paged load, through the writer. */
  loadInitialMirror = (signal?: AbortSignal): Promise<TaskMirror> => this.list.load(signal);

  // ---- actions ----

  /** "Retry now" on the connection status, or any reason to look at once. */
  pollNow(reason: 'user' | 'submit' = 'user'): void {
    this.runtime?.pollNow(reason);
  }

  /** A submit click: the same form twice is one intent; `fresh` (run again) is always a new one. */
  submit(body: SubmitTaskBody, options: { fresh?: boolean } = {}): IntentPlan {
    return this.enqueue({ kind: 'submit', body }, options.fresh ?? false);
  }

  /** A retry click (or the automatic retry): one intent per task and attempt. */
  retry(task: Task): IntentPlan {
    return this.enqueue({ kind: 'retry', taskId: task.id, attempt: task.attempt, label: task.title }, false);
  }

  /** Puts a task from a write's answer (cancel, submit, retry) into the list. */
  taskWritten(task: Task): void {
    this.list.upsert(task, 'write');
  }

  /** Takes tasks this tab deleted out of the list. */
  tasksRemoved(ids: string[]): void {
    this.list.remove(ids, 'write');
  }

  // ---- internals ----

  private enqueue(intent: Intent, fresh: boolean): IntentPlan {
    const store = useOutboxStore.getState();
    const plan = planIntent(store.entries, intent, { now: this.clock.now(), newKey: () => crypto.randomUUID(), fresh });
    if (plan.action === 'create') {
      store.entryAdded(plan.entry);
      this.runtime?.outboxChanged();
    }
    return plan;
  }

  private emit(): void {
    const next = this.computeStatus();
    if (!sameStatus(next, this.status)) {
      this.status = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  private computeStatus(): SyncStatus {
    const runtime: RuntimeStatus | null = this.runtime?.status() ?? null;
    const page = this.page.get();
    const scheduler = runtime?.scheduler ?? IDLE_STATE;
    const stream = runtime?.stream ?? null;
    const transport = stream?.pushing ? 'push' : 'polling';
    return {
      scheduler,
      transport,
      stream,
      leader: runtime?.leader ?? false,
      online: page.online,
      visible: page.visible,
      anyTabVisible: runtime?.anyTabVisible ?? page.visible,
      staleness: this.staleness(scheduler, transport),
    };
  }

  private staleness(state: SyncState, transport: SyncStatus['transport']): Staleness | null {
    const page = this.page.get();
    let next: Staleness | null = null;
    if (!page.online) next = { reason: 'offline', since: page.offlineSince };
    // A hidden page keeps its stream: only polling slows down in the background.
    else if (!page.visible && transport === 'polling') next = { reason: 'hidden', since: page.hiddenSince };
    else if (state.mode === 'backing-off' || state.mode === 'gave-up' || state.mode === 'cooling-down') {
      next = { reason: 'failing', since: state.lastSuccessAt ?? this.started };
    }
    const previous = this.status?.staleness ?? null;
    // Keep the same object while nothing changed: the ETA texts are memoised on it.
    if (previous && next && previous.reason === next.reason && previous.since === next.since) return previous;
    return next;
  }
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return (
    a.scheduler === b.scheduler &&
    a.transport === b.transport &&
    a.stream === b.stream &&
    a.leader === b.leader &&
    a.online === b.online &&
    a.visible === b.visible &&
    a.anyTabVisible === b.anyTabVisible &&
    a.staleness === b.staleness
  );
}
