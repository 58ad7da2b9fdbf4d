/**
 * This project's engine with push in the simulation: the real StreamPolicy (src/lib/sync) steers
 * one simulated stream, the real PollScheduler polls only while push is not carrying the updates
 * (a safety net otherwise), exactly as the runtime wires them (src/sync/syncRuntime.ts): the
 * first connection goes out once the list is loaded, resuming from the list's cursor; later ones
 * from the last event id; a failure before the stream opened costs one more request (the probe
 * that tells 404 from a failure); events are applied a batch window later (pushChannel.ts).
 *
 * Every connection attempt and probe is logged as a request (reason 'stream' / 'probe'), so the
 * request counts include them.
 */
import type { Random } from '../../src/lib/random';
import type { SyncConfig } from '../../src/lib/sync/config';
import type { EtaConfig } from '../../src/lib/sync/paceEta';
import type { StreamConfig } from '../../src/lib/sync/streamConfig';
import { StreamPolicy } from '../../src/lib/sync/streamPolicy';
import type { SimPushServer, SimStream } from '../sim/push';
import type { ServerTask, SimNetwork, SimServer } from '../sim/server';
import type { SimClock } from '../sim/simClock';
import type { TaskSpec } from '../sim/tasks';
import { EngineClient } from './engineClient';

/** pushChannel.ts writes a burst of events into the list this long after the first of them. */
const BATCH_MS = 25;

export class PushEngineClient extends EngineClient {
  readonly policy: StreamPolicy;
  private stream: SimStream | null = null;
  private lastEventId: number | null = null;
  private started = false;
  /** task id → the newest change time this client received over the stream */
  readonly streamSeen = new Map<string, number>();
  /** when the stream first delivered an event (push carried the updates from then on) */
  firstLiveAt: number | null = null;

  constructor(
    clock: SimClock,
    server: SimServer,
    network: SimNetwork,
    specs: ReadonlyMap<string, TaskSpec>,
    random: Random,
    private readonly push: SimPushServer,
    streamRandom: Random,
    config: { sync?: Partial<SyncConfig>; eta?: Partial<EtaConfig>; stream?: Partial<StreamConfig> } = {},
  ) {
    super(clock, server, network, specs, random, config);
    this.policy = new StreamPolicy({
      clock,
      random: streamRandom,
      config: config.stream,
      connect: () => this.connect(),
      close: () => {
        this.stream?.close();
        this.stream = null;
      },
    });
    this.policy.subscribe((state) => this.scheduler.setPush(state.pushing));
  }

  protected override pollDone(ok: boolean): void {
    if (ok && !this.started) {
      // The list is loaded: the first connection resumes from its cursor.
      this.started = true;
      this.policy.start(true);
    }
    if (ok) this.policy.pollSucceeded();
    else this.policy.pollFailed();
  }

  protected override activeChanged(active: boolean): void {
    this.policy.setActive(active);
  }

  private connect(): void {
    const sentAt = this.clock.now();
    let opened = false;
    const since = this.lastEventId ?? this.cursor;
    this.stream = this.push.connect(since, {
      open: () => {
        opened = true;
        this.log.requests.push({ sentAt, doneAt: this.clock.now(), ok: true, bytes: 0, taskId: null, reason: 'stream' });
        this.policy.opened();
      },
      event: (task, id) => {
        this.policy.received(task ? 'data' : 'heartbeat');
        this.firstLiveAt ??= this.clock.now();
        if (id !== null) {
          this.lastEventId = Math.max(this.lastEventId ?? id, id);
          this.cursor = Math.max(this.cursor ?? id, id);
        }
        if (task) this.received(task);
      },
      ended: (absent) => {
        this.stream = null;
        if (!opened) {
          const now = this.clock.now();
          this.log.requests.push({ sentAt, doneAt: now, ok: false, bytes: 0, taskId: null, reason: 'stream' });
          // The wiring asks /events once to tell a 404 from a failure.
          this.log.requests.push({ sentAt: now, doneAt: now, ok: absent, bytes: 0, taskId: null, reason: 'probe' });
        }
        this.policy.failed(absent);
      },
    });
  }

  private received(task: ServerTask): void {
    this.streamSeen.set(task.id, Math.max(this.streamSeen.get(task.id) ?? -Infinity, task.changedAt));
    this.clock.setTimeout(() => {
      const now = this.clock.now();
      this.take([task], now);
      this.tracker.observe(this.observation(task), now);
      const active = this.tracker.active(now);
      this.scheduler.setActive(active);
      this.activeChanged(active.length > 0);
    }, BATCH_MS);
  }
}
