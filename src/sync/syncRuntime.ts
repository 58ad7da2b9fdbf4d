/**
 * The sync engine's runtime: everything that keeps the list fresh after the first paint. In the
 * leader tab, the push channel (one EventSource per browser) and the poll scheduler, which polls
 * only while push is not carrying the updates; in every tab, the sharing with the other tabs, the
 * outbox sender, automatic retries and the notes taken as the list changes. Its own chunk, loaded
 * by SyncEngine.start() right after the first render (docs/performance.md, bundle budget).
 *
 * The seam with the engine runs one way: the runtime gets the services, the one list writer and
 * the page signals (`RuntimeDeps`), subscribes to their changes, and reports its status through
 * `statusChanged`. It never writes the list except through the writer.
 */
import type { ApiClient } from '../api/client';
import type { Task } from '../api/schemas';
import type { Random } from '../lib/random';
import type { ServerClock } from '../lib/serverClock';
import { backoffDelay } from '../lib/sync/backoff';
import type { SyncConfig } from '../lib/sync/config';
import type { Cooldown } from '../lib/sync/cooldown';
import { EtaTracker } from '../lib/sync/paceEta';
import { PollScheduler, type SyncClock, type SyncState } from '../lib/sync/scheduler';
import type { StreamConfig } from '../lib/sync/streamConfig';
import type { StreamState } from '../lib/sync/streamPolicy';
import { applyDelta, emptyMirror } from '../lib/taskMirror';
import { AutoRetryRunner } from './autoRetryRunner';
import { listHistory } from './durationHistoryCache';
import { observeAll, pollList } from './listPoll';
import { createOutboxProcessor, type OutboxProcessor } from './outboxProcessor';
import { followOutboxAcrossTabs } from './outboxStore';
import type { PageSignals, PageState } from './pageSignals';
import { fetchProbe, PushChannel, type EventSourceFactory } from './pushChannel';
import { createTabCoordinator, restoreState, shareableState, type Envelope, type TabCoordinator } from './tabCoordinator';
import type { ListChange, TaskListWriter } from './taskListWriter';
import { observation } from './taskObservation';
import { noteCompletions, notePredictions, noteRemovals } from './watchers';

/** What the runtime gets from the engine that loaded it. */
export interface RuntimeDeps {
  readonly client: ApiClient;
  readonly cooldown: Cooldown;
  readonly config: SyncConfig & Partial<StreamConfig>;
  readonly clock: SyncClock;
  /** the server clock's offset: server timestamps meet `clock.now()` only through it */
  readonly serverClock: ServerClock;
  readonly random: Random;
  readonly sessionStart: number;
  /** the one writer of the task list */
  readonly list: TaskListWriter;
  /** visibility and connectivity */
  readonly page: PageSignals;
  /** the EventSource to use; null where the browser has none (push off, polling only) */
  readonly createEventSource: EventSourceFactory | null;
  /** puts a retry intent into the outbox (the automatic retries) */
  retry(task: Task): void;
  /** the runtime's status changed */
  statusChanged(): void;
}

export interface RuntimeStatus {
  /** the leader's poll scheduler (this tab's, or shared by the leader) */
  scheduler: SyncState | null;
  /** the leader's push channel; null where there is none */
  stream: StreamState | null;
  leader: boolean;
  anyTabVisible: boolean;
}

export class SyncRuntime {
  private readonly tracker = new EtaTracker();
  private readonly coordinator: TabCoordinator;
  private readonly outbox: OutboxProcessor;
  private readonly autoRetries: AutoRetryRunner;
  private readonly cleanups: (() => void)[] = [];
  private scheduler: PollScheduler | null = null;
  private push: PushChannel | null = null;
  private pushStarted = false;
  private stopLeading: (() => void) | null = null;
  private remoteState: SyncState | null = null;
  private remoteStream: StreamState | null = null;

  constructor(
    private readonly deps: RuntimeDeps,
    coordinator?: TabCoordinator,
  ) {
    this.coordinator = coordinator ?? createTabCoordinator();
    this.outbox = createOutboxProcessor({
      client: deps.client,
      isOnline: () => deps.page.get().online,
      now: () => deps.clock.now(),
      retryDelay: (sends) => backoffDelay(sends - 1, deps.random, deps.config),
      onAcknowledged: (task) => deps.list.upsert(task, 'write'),
    });
    this.autoRetries = new AutoRetryRunner(deps.clock, deps.serverClock, (task) => deps.retry(task), () => deps.list.get());
  }

  start(): void {
    const { deps, coordinator } = this;
    this.cleanups.push(
      deps.list.subscribe((change) => this.listChanged(change)),
      deps.page.subscribe((state, previous) => this.pageChanged(state, previous)),
      coordinator.onLeadershipChange((leader) => (leader ? this.lead() : this.follow())),
      coordinator.onMessage((message) => this.received(message)),
      coordinator.onVisibilityChange((anyVisible) => {
        this.scheduler?.setVisible(anyVisible);
        deps.statusChanged();
      }),
      deps.cooldown.subscribe((until) => coordinator.post({ type: 'cooldown', until })),
      followOutboxAcrossTabs(),
    );
    coordinator.start();
    // After start, so the report reaches the leader at once (it answers with its status).
    coordinator.setOwnVisibility(deps.page.get().visible);
    const mirror = deps.list.get();
    if (mirror) {
      observeAll(this.tracker, mirror, deps.clock.now(), deps.serverClock);
      noteRemovals(mirror, [], true);
    }
    if (coordinator.isLeader()) this.lead();
    this.outbox.start();
  }

  stop(): void {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.follow();
    this.outbox.stop();
    this.coordinator.stop();
  }

  status(): RuntimeStatus {
    const leading = this.scheduler !== null;
    return {
      scheduler: this.scheduler?.getState() ?? this.remoteState,
      stream: leading ? (this.push?.policy.getState() ?? null) : this.remoteStream,
      leader: leading,
      anyTabVisible: this.coordinator.anyTabVisible(),
    };
  }

  /** "Retry now", or a reason to look at once; from a follower the leader is asked. */
  pollNow(reason: 'user' | 'submit'): void {
    if (this.scheduler) this.scheduler.pollNow(reason);
    else this.coordinator.post({ type: 'poll-now' });
  }

  outboxChanged(): void {
    this.outbox.kick();
  }

  // ---- leading: the push channel and the poll scheduler ----

  private lead(): void {
    if (this.scheduler) return;
    const { deps } = this;
    const { clock } = deps;
    const online = deps.page.get().online;
    const scheduler = new PollScheduler({
      clock,
      random: deps.random,
      poll: async () => {
        const outcome = await pollList({ client: deps.client, clock, serverClock: deps.serverClock, list: deps.list, tracker: this.tracker });
        // Polls tell the push channel whether the server is reachable (an outage, or its end).
        if (outcome.ok) this.push?.policy.pollSucceeded();
        else if (outcome.error.kind !== 'aborted' && outcome.error.code !== 'cooling_down') this.push?.policy.pollFailed();
        return outcome;
      },
      cooldown: deps.cooldown,
      config: deps.config,
      visible: this.coordinator.anyTabVisible(),
      online,
      active: this.tracker.active(clock.now()),
    });
    this.scheduler = scheduler;
    const push = deps.createEventSource
      ? new PushChannel({
          client: deps.client,
          clock,
          random: deps.random,
          config: deps.config,
          list: deps.list,
          createEventSource: deps.createEventSource,
          probe: fetchProbe(),
          // Heartbeats carry the server's time: a (one-way) sample for the clock offset.
          onServerTime: (serverTime, receivedAt) => deps.serverClock.sampleServerTime(serverTime, null, receivedAt),
        })
      : null;
    this.push = push;
    const unsubscribers = [
      scheduler.subscribe(() => this.shareStatus()),
      push?.policy.subscribe((stream) => {
        scheduler.setPush(stream.pushing);
        this.shareStatus();
      }) ?? (() => {}),
    ];
    this.stopLeading = () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      push?.stop();
      scheduler.stop();
    };
    push?.policy.setActive(this.tracker.active(clock.now()).length > 0);
    scheduler.start();
    this.startPushWhenLoaded();
    this.autoRetries.schedule();
    deps.statusChanged();
  }

  private follow(): void {
    this.stopLeading?.();
    this.stopLeading = null;
    this.scheduler = null;
    this.push = null;
    this.pushStarted = false;
    this.autoRetries.stop();
    this.deps.statusChanged();
  }

  /** The first connection carries `since=` the cursor of the list already loaded. */
  private startPushWhenLoaded(): void {
    if (!this.push || this.pushStarted || !this.deps.list.get()?.cursor) return;
    this.pushStarted = true;
    this.push.start(this.deps.page.get().online);
  }

  private shareStatus(): void {
    const scheduler = this.scheduler;
    if (scheduler && this.coordinator.shared) {
      this.coordinator.post({
        type: 'sync-state',
        state: shareableState(scheduler.getState()),
        stream: this.push?.policy.getState() ?? null,
      });
    }
    this.deps.statusChanged();
  }

  // ---- what the list, the page and the other tabs say ----

  /** Every change of the list, whoever wrote it: the notes, the cadence, the other tabs. */
  private listChanged(change: ListChange): void {
    const { deps } = this;
    const now = deps.clock.now();
    const { previous, next, changed, removed, source } = change;
    if (previous) noteCompletions(previous, changed, now, deps.sessionStart, deps.serverClock);
    notePredictions(next, changed, now, () => listHistory(next), deps.serverClock);
    noteRemovals(next, removed, change.full);

    if (source === 'load' || source === 'reload') {
      observeAll(this.tracker, next, now, deps.serverClock);
    } else if (source !== 'poll') {
      // A poll observes every task itself (an unchanged task seen again is news as well).
      for (const task of changed) this.tracker.observe(observation(task, deps.serverClock), now);
      for (const id of removed) this.tracker.forget(id);
    }
    const active = this.tracker.active(now);
    if (source !== 'poll') this.scheduler?.setActive(active);
    this.push?.policy.setActive(active.length > 0);
    if (this.scheduler) this.autoRetries.schedule();
    this.startPushWhenLoaded();
    this.share(change);
  }

  /** What this tab learnt goes to the others (what they told us does not go back). */
  private share(change: ListChange): void {
    const { coordinator } = this;
    if (!coordinator.shared || change.source === 'tab' || change.source === 'load') return;
    const { next, changed, removed, source } = change;
    if (source === 'write') {
      for (const task of changed) coordinator.post({ type: 'task', task });
      if (removed.length > 0) coordinator.post({ type: 'removed', ids: [...removed] });
      return;
    }
    if (next.cursor === null) return;
    const shared = { cursor: next.cursor, etag: next.etag, stats: next.stats };
    if (source === 'reload') {
      coordinator.post({ type: 'snapshot', delta: { items: [...next.byId.values()], removed: [], ...shared } });
    } else {
      coordinator.post({ type: 'delta', delta: { items: [...changed], removed: [...removed], ...shared } });
    }
  }

  private pageChanged(state: PageState, previous: PageState): void {
    if (state.visible !== previous.visible) this.coordinator.setOwnVisibility(state.visible);
    if (state.online !== previous.online) {
      this.scheduler?.setOnline(state.online);
      this.push?.policy.setOnline(state.online);
      if (state.online) this.outbox.kick();
    }
  }

  private received(message: Envelope): void {
    const { deps } = this;
    switch (message.type) {
      case 'delta':
        deps.list.merge(message.delta, 'tab');
        break;
      case 'snapshot': {
        deps.list.replace(applyDelta(emptyMirror(), message.delta, deps.clock.now()), 'tab');
        break;
      }
      case 'task':
        deps.list.upsert(message.task, 'tab');
        break;
      case 'removed':
        deps.list.remove(message.ids, 'tab');
        break;
      case 'sync-state':
        this.remoteState = restoreState(message.state);
        this.remoteStream = message.stream ?? null;
        deps.statusChanged();
        break;
      case 'poll-now':
        this.scheduler?.pollNow('user');
        break;
      case 'visibility':
        // A follower reports (a new tab says so at once): it learns the transport and state.
        if (this.scheduler) this.shareStatus();
        break;
      case 'cooldown':
        deps.cooldown.hold(message.until - deps.clock.now(), deps.clock.now());
        break;
      default:
        break;
    }
  }
}
