/**
 * This project's engine in the simulation: the real PollScheduler, cadence and EtaTracker from
 * src/lib/sync, with one batched `GET /tasks?since=cursor` per poll. Only what a browser would
 * see reaches the engine: the list answers (status, reported progress, startedAt with a clock
 * error), visibility and online events. Never the true end time.
 */
import { ApiError } from '../../src/api/errors';
import type { Random } from '../../src/lib/random';
import type { SyncConfig } from '../../src/lib/sync/config';
import { Cooldown } from '../../src/lib/sync/cooldown';
import { EtaTracker, type EtaConfig, type TaskObservation } from '../../src/lib/sync/paceEta';
import { PollScheduler, type PollOutcome, type PollReason } from '../../src/lib/sync/scheduler';
import type { SimClock } from '../sim/simClock';
import type { ServerTask, SimNetwork, SimServer } from '../sim/server';
import type { TaskSpec } from '../sim/tasks';
import { emptyLog, type SimClient } from './clientLog';

export class EngineClient implements SimClient {
  readonly log = emptyLog();
  private readonly scheduler: PollScheduler;
  private readonly tracker: EtaTracker;
  /** the client's cache of tasks it still watches */
  private readonly cache = new Map<string, ServerTask>();
  private cursor: number | null = null;

  constructor(
    private readonly clock: SimClock,
    private readonly server: SimServer,
    private readonly network: SimNetwork,
    private readonly specs: ReadonlyMap<string, TaskSpec>,
    random: Random,
    config: { sync?: Partial<SyncConfig>; eta?: Partial<EtaConfig> } = {},
  ) {
    this.tracker = new EtaTracker(config.eta);
    this.scheduler = new PollScheduler({
      clock,
      random,
      poll: (reason) => this.pollList(reason),
      cooldown: new Cooldown(),
      config: config.sync,
    });
  }

  open(): void {
    this.scheduler.start();
  }

  submit(taskId: string): void {
    // POST /tasks answers with the task (queued): the cache and the scheduler learn of it
    // without a poll. Submits are not counted; every policy makes the same one.
    const rtt = this.network.rtt();
    const sentAt = this.clock.now();
    this.clock.setTimeout(() => {
      const task = this.server.task(taskId, sentAt + rtt / 2);
      if (!task) return;
      const now = this.clock.now();
      this.cache.set(task.id, task);
      this.log.updates.push({ at: now, task });
      this.tracker.observe(this.observation(task), now);
      this.scheduler.setActive(this.tracker.active(now));
    }, rtt);
  }

  setVisible(visible: boolean): void {
    this.scheduler.setVisible(visible);
  }

  setOnline(online: boolean): void {
    this.scheduler.setOnline(online);
  }

  private pollList(reason: PollReason): Promise<PollOutcome> {
    const sentAt = this.clock.now();
    return new Promise((resolve) => {
      if (!this.network.isUp(sentAt)) {
        this.clock.setTimeout(() => {
          this.log.requests.push({ sentAt, doneAt: this.clock.now(), ok: false, bytes: 0, taskId: null, reason });
          resolve({ ok: false, error: new ApiError({ kind: 'network', detail: 'simulated outage' }) });
        }, this.network.failMs);
        return;
      }
      const rtt = this.network.rtt();
      this.clock.setTimeout(() => {
        const answer = this.server.list(sentAt + rtt / 2, this.cursor);
        const now = this.clock.now();
        this.log.requests.push({ sentAt, doneAt: now, ok: true, bytes: answer.bytes, taskId: null, reason });
        this.cursor = answer.cursor;
        for (const task of answer.items) {
          this.log.updates.push({ at: now, task });
          if (task.status === 'succeeded' || task.status === 'failed') {
            if (!this.log.detectedAt.has(task.id)) this.log.detectedAt.set(task.id, now);
            this.cache.delete(task.id);
          } else {
            this.cache.set(task.id, task);
          }
        }
        const active = this.tracker.update([...this.cache.values()].map((task) => this.observation(task)), now);
        resolve({ ok: true, active, changed: !answer.notModified });
      }, rtt);
    });
  }

  /** What the browser knows of a task: its times (startedAt, updatedAt) carry this client's clock error. */
  private observation(task: ServerTask): TaskObservation {
    const clockError = this.specs.get(task.id)?.startedAtErrorMs ?? 0;
    return {
      id: task.id,
      status: task.status,
      progress: task.status === 'running' ? task.progress : null,
      startedAt: task.startedAt === null ? null : task.startedAt + clockError,
      progressAt: task.changedAt + clockError,
      serverRemainingMs: null,
    };
  }
}
