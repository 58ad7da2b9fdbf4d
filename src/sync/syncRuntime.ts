/**
 * The sync engine's runtime: everything that keeps the list fresh after the first paint — the
 * poll scheduler (leader tab only), tab election and sharing, the outbox sender, automatic
 * retries, and the notes taken as changes arrive. It is its own chunk, loaded by SyncEngine.start()
 * right after the first render: the first paint needs the list and its data, not the machinery
 * that keeps them up to date (see docs/performance.md, bundle budget).
 */
import type { ApiClient } from '../api/client';
import { toApiError } from '../api/errors';
import { isActiveStatus, type Task } from '../api/schemas';
import type { IntentPlan } from '../lib/outbox';
import { taskProgress } from '../lib/progress';
import type { Random } from '../lib/random';
import type { ServerClock, ServerTimeline } from '../lib/serverClock';
import { backoffDelay } from '../lib/sync/backoff';
import type { SyncConfig } from '../lib/sync/config';
import type { Cooldown } from '../lib/sync/cooldown';
import { EtaTracker, type TaskObservation } from '../lib/sync/paceEta';
import { PollScheduler, type PollOutcome, type SyncClock, type SyncState } from '../lib/sync/scheduler';
import type { DurationHistory } from '../lib/historyEta';
import { applyDelta, removeTasks, upsertTask, type TaskMirror } from '../lib/taskMirror';
import { AutoRetryRunner } from './autoRetryRunner';
import { fetchDelta, isCursorRejected } from './mirrorFetch';
import { createOutboxProcessor, type OutboxProcessor } from './outboxProcessor';
import { followOutboxAcrossTabs } from './outboxStore';
import {
  createTabCoordinator,
  restoreState,
  shareableState,
  type Envelope,
  type TabCoordinator,
} from './tabCoordinator';
import { noteCompletions, notePredictions } from './watchers';

/** What the runtime may use of the engine that loaded it. */
export interface RuntimeHost {
  readonly client: ApiClient;
  readonly cooldown: Cooldown;
  readonly config: SyncConfig;
  readonly clock: SyncClock;
  /** the server clock's offset: server timestamps meet `clock.now()` only through it */
  readonly serverClock: ServerClock;
  readonly random: Random;
  readonly sessionStart: number;
  getMirror(): TaskMirror | undefined;
  setMirror(mirror: TaskMirror): void;
  /** the full load through the mirror query (deduplicated with the list's own load) */
  fetchMirror(): Promise<TaskMirror>;
  /** a full load outside the query, when the server refuses our cursor */
  loadMirror(): Promise<TaskMirror>;
  history(mirror: TaskMirror): DurationHistory;
  isOnline(): boolean;
  isVisible(): boolean;
  retry(task: Task): IntentPlan;
  statusChanged(): void;
}

export class SyncRuntime {
  private readonly tracker = new EtaTracker();
  private readonly coordinator: TabCoordinator;
  private readonly outbox: OutboxProcessor;
  private readonly autoRetries: AutoRetryRunner;
  private readonly cleanups: (() => void)[] = [];
  private scheduler: PollScheduler | null = null;
  private stopScheduler: (() => void) | null = null;
  private remoteState: SyncState | null = null;

  constructor(
    private readonly host: RuntimeHost,
    coordinator?: TabCoordinator,
  ) {
    this.coordinator = coordinator ?? createTabCoordinator();
    this.outbox = createOutboxProcessor({
      client: host.client,
      isOnline: () => host.isOnline(),
      now: () => host.clock.now(),
      retryDelay: (sends) => backoffDelay(sends - 1, host.random, host.config),
      onAcknowledged: (task) => this.taskWritten(task),
    });
    this.autoRetries = new AutoRetryRunner(host.clock, host.serverClock, (task) => host.retry(task), () => host.getMirror());
  }

  start(): void {
    this.cleanups.push(
      this.coordinator.onLeadershipChange((leader) => (leader ? this.startPolling() : this.stopPolling())),
      this.coordinator.onMessage((message) => this.received(message)),
      this.coordinator.onVisibilityChange((anyVisible) => {
        this.scheduler?.setVisible(anyVisible);
        this.host.statusChanged();
      }),
      this.host.cooldown.subscribe((until) => this.coordinator.post({ type: 'cooldown', until })),
      followOutboxAcrossTabs(),
    );
    this.coordinator.setOwnVisibility(this.host.isVisible());
    this.coordinator.start();
    const mirror = this.host.getMirror();
    if (mirror) this.mirrorLoaded(mirror);
    if (this.coordinator.isLeader()) this.startPolling();
    this.outbox.start();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.stopPolling();
    this.outbox.stop();
    this.coordinator.stop();
  }

  // ---- read by the engine ----

  schedulerState(): SyncState | null {
    return this.scheduler?.getState() ?? this.remoteState;
  }

  isLeader(): boolean {
    return this.scheduler !== null;
  }

  anyTabVisible(): boolean {
    return this.coordinator.anyTabVisible();
  }

  // ---- told by the engine ----

  /** A full load arrived (the list's first load, or a reload). */
  mirrorLoaded(mirror: TaskMirror): void {
    this.observeAll(mirror);
    this.scheduler?.setActive(this.tracker.active(this.host.clock.now()));
    if (this.scheduler) this.autoRetries.schedule();
  }

  pollNow(reason: 'user' | 'submit'): void {
    if (this.scheduler) this.scheduler.pollNow(reason);
    else this.coordinator.post({ type: 'poll-now' });
  }

  visibilityChanged(visible: boolean): void {
    this.coordinator.setOwnVisibility(visible);
  }

  connectivityChanged(online: boolean): void {
    this.scheduler?.setOnline(online);
    if (online) this.outbox.kick();
  }

  outboxChanged(): void {
    this.outbox.kick();
  }

  taskWritten(task: Task): void {
    const mirror = this.host.getMirror();
    if (!mirror) return;
    this.commit(upsertTask(mirror, task, this.host.clock.now()), [task], [], 'local');
    this.coordinator.post({ type: 'task', task });
  }

  tasksRemoved(ids: string[]): void {
    const mirror = this.host.getMirror();
    if (!mirror) return;
    this.commit(removeTasks(mirror, ids), [], ids, 'local');
    this.coordinator.post({ type: 'removed', ids });
  }

  // ---- polling (leader only) ----

  private startPolling(): void {
    if (this.scheduler) return;
    const { clock } = this.host;
    const scheduler = new PollScheduler({
      clock,
      random: this.host.random,
      poll: () => this.poll(),
      cooldown: this.host.cooldown,
      config: this.host.config,
      visible: this.coordinator.anyTabVisible(),
      online: this.host.isOnline(),
      active: this.tracker.active(clock.now()),
    });
    this.scheduler = scheduler;
    const unsubscribe = scheduler.subscribe((state) => {
      this.coordinator.post({ type: 'sync-state', state: shareableState(state) });
      this.host.statusChanged();
    });
    this.stopScheduler = () => {
      unsubscribe();
      scheduler.stop();
    };
    scheduler.start();
    this.autoRetries.schedule();
    this.host.statusChanged();
  }

  private stopPolling(): void {
    this.stopScheduler?.();
    this.stopScheduler = null;
    this.scheduler = null;
    this.autoRetries.stop();
    this.host.statusChanged();
  }

  private async poll(): Promise<PollOutcome> {
    const { host } = this;
    try {
      const mirror = host.getMirror();
      let changed = true;
      if (!mirror || mirror.cursor === null) {
        await host.fetchMirror();
      } else {
        try {
          const result = await fetchDelta(host.client, mirror, () => host.clock.now(), undefined, host.serverClock);
          changed = result.changed.length > 0 || result.removed.length > 0;
          if (!result.notModified) this.commit(result.mirror, result.changed, result.removed, 'poll');
        } catch (error) {
          if (!isCursorRejected(error)) throw error;
          // Our cursor is too old for the server: start over with a full load.
          const fresh = await host.loadMirror();
          host.setMirror(fresh);
          this.broadcastAll(fresh);
        }
      }
      const current = host.getMirror();
      if (current) this.observeAll(current);
      return { ok: true, active: this.tracker.active(host.clock.now()), changed };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  }

  /** Every write to the mirror after the first load goes through here. */
  private commit(next: TaskMirror, changed: readonly Task[], removed: readonly string[], source: 'poll' | 'local' | 'remote') {
    const { host } = this;
    const previous = host.getMirror();
    if (!previous || next === previous) return;
    host.setMirror(next);
    const now = host.clock.now();
    noteCompletions(previous, changed, now, host.sessionStart, host.serverClock);
    notePredictions(next, changed, now, () => host.history(next), host.serverClock);
    if (source !== 'poll') {
      // A submit, a cancel, another tab's news: the cadence re-plans from the new list.
      for (const task of changed) this.tracker.observe(observation(task, host.serverClock), now);
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
    const { host } = this;
    const mirror = host.getMirror();
    const now = host.clock.now();
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
        host.statusChanged();
        break;
      case 'poll-now':
        this.scheduler?.pollNow('user');
        break;
      case 'cooldown':
        host.cooldown.hold(message.until - now, now);
        break;
      default:
        break;
    }
  }

  /** One look at every task the client waits on, after a load or a poll. */
  private observeAll(mirror: TaskMirror): void {
    const observations: TaskObservation[] = [];
    for (const task of mirror.byId.values()) {
      if (isActiveStatus(task.status)) observations.push(observation(task, this.host.serverClock));
    }
    this.tracker.update(observations, this.host.clock.now());
  }
}

/** What the pace-based ETA sees of a task: server times put on the client's clock. */
function observation(task: Task, timeline: ServerTimeline): TaskObservation {
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
