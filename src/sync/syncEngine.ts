/**
 * The sync engine: the one place where the pure policies (src/lib/sync, src/lib/outbox,
 * src/lib/autoRetry) meet the browser and the query cache. It
 *  - keeps the task mirror in the TanStack Query cache and merges every answer into it;
 *  - runs the PollScheduler in the leader tab only, and shares deltas with the other tabs;
 *  - feeds page visibility and connectivity to the scheduler, to focusManager and onlineManager;
 *  - sends the outbox, retries failed tasks by itself when the policy says so;
 *  - notes completions (notifications) and ETA predictions (accuracy stats).
 * React reads it through hooks (src/sync/hooks.ts); it holds no React state itself.
 */
import { focusManager, onlineManager, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import { toApiError } from '../api/errors';
import { isActiveStatus, type SubmitTaskBody, type Task } from '../api/schemas';
import { planIntent, type Intent, type IntentPlan } from '../lib/outbox';
import { taskProgress } from '../lib/progress';
import { mulberry32, type Random } from '../lib/random';
import { backoffDelay } from '../lib/sync/backoff';
import { resolveSyncConfig, type SyncConfig } from '../lib/sync/config';
import type { Cooldown } from '../lib/sync/cooldown';
import { EtaTracker, type TaskObservation } from '../lib/sync/eta';
import { PollScheduler, systemClock, type PollOutcome, type PollReason, type SyncClock, type SyncState } from '../lib/sync/scheduler';
import { durationHistory, type DurationHistory } from '../lib/taskEta';
import { applyDelta, removeTasks, upsertTask, type TaskMirror } from '../lib/taskMirror';
import { AutoRetryRunner } from './autoRetryRunner';
import { fetchDelta, isCursorRejected, loadMirror } from './mirrorFetch';
import { createOutboxProcessor, type OutboxProcessor } from './outboxProcessor';
import { followOutboxAcrossTabs, useOutboxStore } from './outboxStore';
import type { Staleness } from './staleness';
import { createTabCoordinator, restoreState, shareableState, type Envelope, type TabCoordinator } from './tabCoordinator';
import { noteCompletions, notePredictions } from './watchers';

export const mirrorQueryKey = ['tasks', 'mirror'] as const;
const mirrorQueryHash = JSON.stringify(mirrorQueryKey);

export interface SyncStatus {
  scheduler: SyncState;
  /** this tab polls; false when another tab does and shares its results */
  leader: boolean;
  online: boolean;
  visible: boolean;
  /** this tab or another tab of this browser is visible (known to the leader) */
  anyTabVisible: boolean;
  staleness: Staleness | null;
}

export interface SyncEngineOptions {
  queryClient: QueryClient;
  client: ApiClient;
  cooldown: Cooldown;
  config?: Partial<SyncConfig>;
  coordinator?: TabCoordinator;
  clock?: SyncClock;
  random?: Random;
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

export class SyncEngine {
  readonly client: ApiClient;
  readonly cooldown: Cooldown;
  private readonly queryClient: QueryClient;
  private readonly config: SyncConfig;
  private readonly coordinator: TabCoordinator;
  private readonly clock: SyncClock;
  private readonly random: Random;
  private readonly tracker = new EtaTracker();
  private readonly outbox: OutboxProcessor;
  private readonly autoRetries: AutoRetryRunner;
  private readonly listeners = new Set<() => void>();
  private readonly focusListeners = new Set<(focused: boolean) => void>();
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private readonly cleanups: (() => void)[] = [];

  private scheduler: PollScheduler | null = null;
  private stopScheduler: (() => void) | null = null;
  private remoteState: SyncState = IDLE_STATE;
  private online = true;
  private visible = true;
  private offlineSince = 0;
  private hiddenSince = 0;
  private startedAt = 0;
  private historyCache: { mirror: TaskMirror; history: DurationHistory } | null = null;
  private status: SyncStatus;

  constructor(options: SyncEngineOptions) {
    this.queryClient = options.queryClient;
    this.client = options.client;
    this.cooldown = options.cooldown;
    this.config = resolveSyncConfig(options.config);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? mulberry32((Date.now() ^ 0x5f3759df) >>> 0);
    this.coordinator = options.coordinator ?? createTabCoordinator();
    this.outbox = createOutboxProcessor({
      client: this.client,
      isOnline: () => this.online,
      now: () => this.clock.now(),
      retryDelay: (sends) => backoffDelay(sends - 1, this.random, this.config),
      onAcknowledged: (task) => this.taskWritten(task),
    });
    this.autoRetries = new AutoRetryRunner(this.clock, (task) => this.retry(task), () => this.getMirror());
    this.status = this.computeStatus();
  }

  // ---- lifecycle ----

  start(): void {
    if (this.startedAt) return;
    this.startedAt = this.clock.now();
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.visible = typeof document === 'undefined' ? true : document.visibilityState !== 'hidden';
    this.offlineSince = this.hiddenSince = this.startedAt;

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
    this.cleanups.push(() => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    });

    this.cleanups.push(
      this.coordinator.onLeadershipChange((leader) => (leader ? this.startPolling() : this.stopPolling())),
      this.coordinator.onMessage((message) => this.received(message)),
      this.coordinator.onVisibilityChange((anyVisible) => {
        this.scheduler?.setVisible(anyVisible);
        this.emit();
      }),
      this.cooldown.subscribe((until) => {
        this.coordinator.post({ type: 'cooldown', until });
        this.emit();
      }),
      followOutboxAcrossTabs(),
      // A full load lands in the cache through the query: check for due retries then.
      this.queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success' && event.query.queryHash === mirrorQueryHash) {
          if (this.scheduler) this.autoRetries.schedule();
        }
      }),
    );
    this.coordinator.setOwnVisibility(this.visible);
    this.coordinator.start();
    if (this.coordinator.isLeader()) this.startPolling();
    this.outbox.start();
    this.emit();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.stopPolling();
    this.outbox.stop();
    this.coordinator.stop();
    this.autoRetries.stop();
    this.startedAt = 0;
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

  /** Per-type execution durations from the mirror's finished tasks, cached per mirror. */
  history(mirror: TaskMirror): DurationHistory {
    if (this.historyCache?.mirror.byId !== mirror.byId) {
      this.historyCache = { mirror, history: durationHistory(mirror.byId.values()) };
    }
    return this.historyCache.history;
  }

  /** The query function of the mirror query: the full, paged load. */
  loadInitialMirror = async (signal?: AbortSignal): Promise<TaskMirror> => {
    const mirror = await loadMirror(this.client, () => this.clock.now(), signal);
    this.observeAll(mirror);
    return mirror;
  };

  // ---- actions ----

  /** "Retry now" on the connection status, or any reason to look at once. */
  pollNow(reason: 'user' | 'submit' = 'user'): void {
    if (this.scheduler) this.scheduler.pollNow(reason);
    else this.coordinator.post({ type: 'poll-now' });
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
    const mirror = this.getMirror();
    if (!mirror) return;
    this.commit(upsertTask(mirror, task, this.clock.now()), [task], [], 'local');
    this.coordinator.post({ type: 'task', task });
  }

  tasksRemoved(ids: string[]): void {
    const mirror = this.getMirror();
    if (!mirror) return;
    this.commit(removeTasks(mirror, ids), [], ids, 'local');
    this.coordinator.post({ type: 'removed', ids });
  }

  // ---- internals ----

  private enqueue(intent: Intent, fresh: boolean): IntentPlan {
    const store = useOutboxStore.getState();
    const plan = planIntent(store.entries, intent, {
      now: this.clock.now(),
      newKey: () => crypto.randomUUID(),
      fresh,
    });
    if (plan.action === 'create') {
      store.entryAdded(plan.entry);
      this.outbox.kick();
    }
    return plan;
  }

  private startPolling(): void {
    if (this.scheduler) return;
    const scheduler = new PollScheduler({
      clock: this.clock,
      random: this.random,
      poll: (reason) => this.poll(reason),
      cooldown: this.cooldown,
      config: this.config,
      visible: this.coordinator.anyTabVisible(),
      online: this.online,
      active: this.tracker.active(this.clock.now()),
    });
    this.scheduler = scheduler;
    const unsubscribe = scheduler.subscribe((state) => {
      this.coordinator.post({ type: 'sync-state', state: shareableState(state) });
      this.emit();
    });
    const stop = () => {
      unsubscribe();
      scheduler.stop();
    };
    this.stopScheduler = stop;
    scheduler.start();
    this.autoRetries.schedule();
    this.emit();
  }

  private stopPolling(): void {
    this.stopScheduler?.();
    this.stopScheduler = null;
    this.scheduler = null;
    this.autoRetries.stop();
    this.emit();
  }

  private async poll(_reason: PollReason): Promise<PollOutcome> {
    try {
      const mirror = this.getMirror();
      let changed = true;
      if (!mirror || mirror.cursor === null) {
        await this.queryClient.fetchQuery({ queryKey: mirrorQueryKey, queryFn: ({ signal }) => this.loadInitialMirror(signal) });
      } else {
        try {
          const result = await fetchDelta(this.client, mirror, () => this.clock.now());
          changed = result.changed.length > 0 || result.removed.length > 0;
          if (!result.notModified) this.commit(result.mirror, result.changed, result.removed, 'poll');
        } catch (error) {
          if (!isCursorRejected(error)) throw error;
          // Our cursor is too old for the server: start over with a full load.
          const fresh = await this.loadInitialMirror();
          this.queryClient.setQueryData(mirrorQueryKey, fresh);
          this.broadcastAll(fresh);
        }
      }
      const current = this.getMirror();
      if (current) this.observeAll(current);
      return { ok: true, active: this.tracker.active(this.clock.now()), changed };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  }

  /** Every write to the mirror after the initial load goes through here. */
  private commit(next: TaskMirror, changed: readonly Task[], removed: readonly string[], source: 'poll' | 'local' | 'remote') {
    const previous = this.getMirror();
    if (!previous || next === previous) return;
    this.queryClient.setQueryData(mirrorQueryKey, next);
    const now = this.clock.now();
    noteCompletions(previous, changed, now, this.startedAt);
    notePredictions(next, changed, now, () => this.history(next));
    if (source !== 'poll') {
      // A submit, a cancel, another tab's news: the cadence re-plans from the new list.
      for (const task of changed) this.tracker.observe(observation(task), now);
      for (const id of removed) this.tracker.forget(id);
      this.scheduler?.setActive(this.tracker.active(now));
    }
    if (this.scheduler) this.autoRetries.schedule();
    if (source === 'poll' && this.coordinator.shared) {
      this.coordinator.post({
        type: 'delta',
        delta: { items: [...changed], removed: [...removed], cursor: next.cursor ?? '', etag: next.etag, stats: next.stats },
      });
    }
  }

  private broadcastAll(mirror: TaskMirror): void {
    if (!this.coordinator.shared || mirror.cursor === null) return;
    this.coordinator.post({
      type: 'delta',
      delta: { items: [...mirror.byId.values()], removed: [], cursor: mirror.cursor, etag: mirror.etag, stats: mirror.stats },
    });
  }

  private received(message: Envelope): void {
    const mirror = this.getMirror();
    const now = this.clock.now();
    switch (message.type) {
      case 'delta':
        if (mirror) {
          const next = applyDelta(mirror, message.delta, now);
          const changed = message.delta.items.filter((task) => next.byId.get(task.id) === task);
          this.commit(next, changed, message.delta.removed, 'remote');
        }
        break;
      case 'task':
        if (mirror) this.commit(upsertTask(mirror, message.task, now), [message.task], [], 'remote');
        break;
      case 'removed':
        if (mirror) this.commit(removeTasks(mirror, message.ids), [], message.ids, 'remote');
        break;
      case 'sync-state':
        this.remoteState = restoreState(message.state);
        this.emit();
        break;
      case 'poll-now':
        this.scheduler?.pollNow('user');
        break;
      case 'cooldown':
        this.cooldown.hold(message.until - now, now);
        break;
      default:
        break;
    }
  }

  private visibilityChanged(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!visible) this.hiddenSince = this.clock.now();
    this.coordinator.setOwnVisibility(visible);
    this.focusListeners.forEach((listener) => listener(visible));
    this.emit();
  }

  private connectivityChanged(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!online) this.offlineSince = this.clock.now();
    this.onlineListeners.forEach((listener) => listener(online));
    this.scheduler?.setOnline(online);
    if (online) this.outbox.kick();
    this.emit();
  }

  // -- ETA tracking for the cadence --

  /** One look at every task the client waits on, after a load or a poll. */
  private observeAll(mirror: TaskMirror): void {
    const observations: TaskObservation[] = [];
    for (const task of mirror.byId.values()) {
      if (isActiveStatus(task.status)) observations.push(observation(task));
    }
    this.tracker.update(observations, this.clock.now());
  }

  // -- status for the UI --

  private emit(): void {
    const next = this.computeStatus();
    if (!sameStatus(next, this.status)) {
      this.status = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  private computeStatus(): SyncStatus {
    const scheduler = this.scheduler?.getState() ?? this.remoteState;
    return {
      scheduler,
      leader: this.scheduler !== null,
      online: this.online,
      visible: this.visible,
      anyTabVisible: this.coordinator.anyTabVisible(),
      staleness: this.staleness(scheduler),
    };
  }

  private staleness(state: SyncState): Staleness | null {
    let next: Staleness | null = null;
    if (!this.online) next = { reason: 'offline', since: this.offlineSince };
    else if (!this.visible) next = { reason: 'hidden', since: this.hiddenSince };
    else if (state.mode === 'backing-off' || state.mode === 'gave-up' || state.mode === 'cooling-down') {
      next = { reason: 'failing', since: state.lastSuccessAt ?? this.startedAt };
    }
    const previous = this.status?.staleness ?? null;
    // Keep the same object while nothing changed: rows are memoised on it.
    if (previous && next && previous.reason === next.reason && previous.since === next.since) return previous;
    return next;
  }
}

function observation(task: Task): TaskObservation {
  return {
    id: task.id,
    status: task.status,
    progress: taskProgress(task),
    startedAt: task.startedAt ? Date.parse(task.startedAt) : null,
    // Progress is as of the task's last change, not as of our look: an unchanged task seen
    // again is not a new sample.
    progressAt: Date.parse(task.updatedAt),
    serverRemainingMs: task.eta?.remainingMs ?? null,
  };
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
