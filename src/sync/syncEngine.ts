/**
 * The sync engine: the one place where the client's policies meet the browser and the query
 * cache. This part is in the first bundle: it owns the task mirror in the TanStack Query cache
 * (the full load), page visibility and connectivity (fed to focusManager and onlineManager too),
 * the status the UI shows, and the user's intents (submit, retry) going into the durable outbox.
 * Keeping the list fresh — the poll scheduler in the leader tab, sharing between tabs, sending the
 * outbox, automatic retries — is the runtime (syncRuntime.ts), loaded by `start()` right after the
 * first render. React reads the engine through hooks (src/sync/hooks.ts).
 */
import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import type { SubmitTaskBody, Task } from '../api/schemas';
import { planIntent, type Intent, type IntentPlan } from '../lib/outbox';
import { mulberry32, type Random } from '../lib/random';
import { ServerClock } from '../lib/serverClock';
import { resolveSyncConfig, type SyncConfig } from '../lib/sync/config';
import type { Cooldown } from '../lib/sync/cooldown';
import type { SyncClock, SyncState } from '../lib/sync/scheduler';
import { durationHistory, sameHistory, type DurationHistory } from '../lib/historyEta';
import { removeTasks, upsertTask, type TaskMirror } from '../lib/taskMirror';
import { loadMirror } from './mirrorFetch';
import { useOutboxStore } from './outboxStore';
import type { Staleness } from './staleness';
import type * as Runtime from './syncRuntime';
import type { RuntimeHost, SyncRuntime } from './syncRuntime';
import type { TabCoordinator } from './tabCoordinator';

export const mirrorQueryKey = ['tasks', 'mirror'] as const;

export interface SyncStatus {
  scheduler: SyncState;
  /** this tab polls; false when another tab does and shares its results (or before start) */
  leader: boolean;
  online: boolean;
  visible: boolean;
  /** this tab or another tab of this browser is visible (known to the leader) */
  anyTabVisible: boolean;
  staleness: Staleness | null;
}

export type RuntimeModule = typeof Runtime;

export interface SyncEngineOptions {
  queryClient: QueryClient;
  client: ApiClient;
  cooldown: Cooldown;
  config?: Partial<SyncConfig>;
  coordinator?: TabCoordinator;
  clock?: SyncClock;
  /** the estimate of the server's clock, fed by the API client's answers (createAppServices) */
  serverClock?: ServerClock;
  random?: Random;
  /** how the runtime arrives; tests hand in the module itself */
  loadRuntime?: () => Promise<RuntimeModule>;
}

const IDLE_STATE: SyncState = {
  mode: 'idle',
  nextPollAt: null,
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

export class SyncEngine implements RuntimeHost {
  readonly client: ApiClient;
  readonly cooldown: Cooldown;
  readonly config: SyncConfig;
  readonly clock: SyncClock;
  readonly serverClock: ServerClock;
  readonly random: Random;
  private readonly queryClient: QueryClient;
  private readonly coordinator: TabCoordinator | undefined;
  private readonly loadRuntime: () => Promise<RuntimeModule>;
  private readonly listeners = new Set<() => void>();
  private readonly focusListeners = new Set<(focused: boolean) => void>();
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private readonly cleanups: (() => void)[] = [];

  private runtime: SyncRuntime | null = null;
  private online = true;
  private visible = true;
  private offlineSince = 0;
  private hiddenSince = 0;
  private started = 0;
  private historyCache: { byId: TaskMirror['byId']; history: DurationHistory } | null = null;
  private status: SyncStatus;

  constructor(options: SyncEngineOptions) {
    this.queryClient = options.queryClient;
    this.client = options.client;
    this.cooldown = options.cooldown;
    this.config = resolveSyncConfig(options.config);
    this.clock = options.clock ?? browserClock;
    this.serverClock = options.serverClock ?? new ServerClock();
    this.random = options.random ?? mulberry32((Date.now() ^ 0x5f3759df) >>> 0);
    this.coordinator = options.coordinator;
    this.loadRuntime = options.loadRuntime ?? (() => import('./syncRuntime'));
    this.status = this.computeStatus();
  }

  get sessionStart(): number {
    return this.started;
  }

  // ---- lifecycle ----

  start(): void {
    if (this.started) return;
    const started = (this.started = this.clock.now());
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.visible = typeof document === 'undefined' ? true : document.visibilityState !== 'hidden';
    this.offlineSince = this.hiddenSince = started;

    // TanStack Query learns visibility and connectivity from the same signals as the scheduler.
    focusManager.setEventListener((setFocused) => {
      const listener = (focused: boolean) => setFocused(focused);
      this.focusListeners.add(listener);
      return () => this.focusListeners.delete(listener);
    });
    onlineManager.setEventListener((setOnline) => {
      const listener = (online: boolean) => setOnline(online);
      this.onlineListeners.add(listener);
      return () => this.onlineListeners.delete(listener);
    });
    onlineManager.setOnline(this.online);
    focusManager.setFocused(this.visible);

    const onVisibility = () => this.visibilityChanged(document.visibilityState !== 'hidden');
    const onOnline = () => this.connectivityChanged(true);
    const onOffline = () => this.connectivityChanged(false);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanups.push(
      () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      },
      this.cooldown.subscribe(() => this.emit()),
    );

    void this.loadRuntime().then(({ SyncRuntime }) => {
      if (this.started !== started) return; // stopped (or restarted) meanwhile
      this.runtime = new SyncRuntime(this, this.coordinator);
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
    return this.queryClient.getQueryData<TaskMirror>(mirrorQueryKey);
  }

  setMirror(mirror: TaskMirror): void {
    this.queryClient.setQueryData(mirrorQueryKey, mirror);
  }

  /**
   * Per-type execution durations from the mirror's finished tasks, cached per mirror; the same
   * object while the durations are the same, so ETA texts do not re-render on every poll.
   */
  history(mirror: TaskMirror): DurationHistory {
    const cached = this.historyCache;
    if (cached?.byId === mirror.byId) return cached.history;
    const fresh = durationHistory(mirror.byId.values());
    const history = cached && sameHistory(cached.history, fresh) ? cached.history : fresh;
    this.historyCache = { byId: mirror.byId, history };
    return history;
  }

  /** The query function of the mirror query: the full, paged load. */
  loadInitialMirror = async (signal?: AbortSignal): Promise<TaskMirror> => {
    const mirror = await this.loadMirror(signal);
    this.runtime?.mirrorLoaded(mirror);
    return mirror;
  };

  loadMirror(signal?: AbortSignal): Promise<TaskMirror> {
    return loadMirror(this.client, () => this.clock.now(), signal, this.serverClock);
  }

  fetchMirror(): Promise<TaskMirror> {
    return this.queryClient.fetchQuery({ queryKey: mirrorQueryKey, queryFn: ({ signal }) => this.loadInitialMirror(signal) });
  }

  isOnline(): boolean {
    return this.online;
  }

  isVisible(): boolean {
    return this.visible;
  }

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

  /** Puts a task from a write's answer (cancel, submit, retry) into the mirror. */
  taskWritten(task: Task): void {
    if (this.runtime) return this.runtime.taskWritten(task);
    const mirror = this.getMirror();
    if (mirror) this.setMirror(upsertTask(mirror, task, this.clock.now()));
  }

  tasksRemoved(ids: string[]): void {
    if (this.runtime) return this.runtime.tasksRemoved(ids);
    const mirror = this.getMirror();
    if (mirror) this.setMirror(removeTasks(mirror, ids));
  }

  statusChanged(): void {
    this.emit();
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

  private visibilityChanged(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) this.hiddenSince = this.clock.now();
    this.runtime?.visibilityChanged(visible);
    this.focusListeners.forEach((listener) => listener(visible));
    this.emit();
  }

  private connectivityChanged(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!online) this.offlineSince = this.clock.now();
    this.onlineListeners.forEach((listener) => listener(online));
    this.runtime?.connectivityChanged(online);
    this.emit();
  }

  private emit(): void {
    const next = this.computeStatus();
    if (!sameStatus(next, this.status)) {
      this.status = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  private computeStatus(): SyncStatus {
    const scheduler = this.runtime?.schedulerState() ?? IDLE_STATE;
    return {
      scheduler,
      leader: this.runtime?.isLeader() ?? false,
      online: this.online,
      visible: this.visible,
      anyTabVisible: this.runtime?.anyTabVisible() ?? this.visible,
      staleness: this.staleness(scheduler),
    };
  }

  private staleness(state: SyncState): Staleness | null {
    let next: Staleness | null = null;
    if (!this.online) next = { reason: 'offline', since: this.offlineSince };
    else if (!this.visible) next = { reason: 'hidden', since: this.hiddenSince };
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
    a.leader === b.leader &&
    a.online === b.online &&
    a.visible === b.visible &&
    a.anyTabVisible === b.anyTabVisible &&
    a.staleness === b.staleness
  );
}
