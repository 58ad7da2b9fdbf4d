/**
 * The simulated push channel: `GET /events` of the simulated server, one connection at a time,
 * as contract 1.1 describes it. A connection opens one round trip after it is asked for; it first
 * replays the latest state of every task that changed after the given cursor, sends a heartbeat
 * at once and every `heartbeatMs`, and then each task's status changes (submitted, started,
 * finished) as they happen, each a one-way trip later. Event ids are list cursors (the change
 * time, as in SimServer.list). Progress-only changes are left out: they tell a client nothing
 * about completions and only keep a stream looking alive, which the heartbeats do too.
 *
 * The server side of the scenarios: push absent (every connection answers 404), the server
 * closing every open stream on a period (drops), a buffering proxy from some moment (the stream
 * it holds is cut then, and every later connection opens but delivers nothing), and an outage
 * (streams die, connections fail until it ends).
 */
import { randomBetween, type Random } from '../../src/lib/random';
import type { SimClock } from './simClock';
import type { DownSpell, ServerTask, SimNetwork, SimServer } from './server';
import type { TaskSpec } from './tasks';

export interface PushSpec {
  /** 'off': `/events` answers 404 */
  mode: 'on' | 'off';
  /** the server closes every open stream at every multiple of this (from time 0) */
  dropEveryMs: number | null;
  /** a buffering proxy from this moment: the open stream is cut, later ones deliver nothing */
  bufferedFrom: number | null;
}

export const PUSH_ON: PushSpec = { mode: 'on', dropEveryMs: null, bufferedFrom: null };
export const PUSH_OFF: PushSpec = { mode: 'off', dropEveryMs: null, bufferedFrom: null };

export const SIM_PUSH = {
  /** the server's heartbeat period */
  heartbeatMs: 15_000,
  /** one-way delivery of an event: half the round trip */
  oneWayMs: [40, 100] as const,
};

export interface StreamHandlers {
  /** the response headers arrived: the stream is open */
  open(): void;
  /** an event arrived; `task` is null for a heartbeat; `id` is its cursor (null for heartbeats) */
  event(task: ServerTask | null, id: number | null): void;
  /** the connection failed or was closed by the server; `absent`: it answered 404 */
  ended(absent: boolean): void;
}

export interface SimStream {
  close(): void;
}

export class SimPushServer {
  constructor(
    private readonly clock: SimClock,
    private readonly server: SimServer,
    private readonly specs: readonly TaskSpec[],
    private readonly network: SimNetwork,
    private readonly random: Random,
    private readonly push: PushSpec,
    private readonly outage: DownSpell | null,
  ) {}

  /** The server is unreachable (an outage, or the client's network down). */
  private down(at: number): boolean {
    return !this.network.isUp(at) || (this.outage !== null && at >= this.outage.from && at < this.outage.to);
  }

  private oneWay(): number {
    return randomBetween(this.random, SIM_PUSH.oneWayMs[0], SIM_PUSH.oneWayMs[1]);
  }

  /** Asks for a stream now, resuming after `since` (null: live events only). */
  connect(since: number | null, handlers: StreamHandlers): SimStream {
    let closed = false;
    const timers: unknown[] = [];
    const at = (time: number, fn: () => void) => {
      timers.push(this.clock.setTimeout(() => !closed && fn(), time - this.clock.now()));
    };
    const end = (absent: boolean) => {
      if (closed) return;
      closed = true;
      handlers.ended(absent);
    };
    const stream: SimStream = {
      close: () => {
        closed = true;
        for (const timer of timers) this.clock.clearTimeout(timer);
      },
    };

    const now = this.clock.now();
    if (this.down(now)) {
      at(now + this.network.failMs, () => end(false));
      return stream;
    }
    const rtt = this.network.rtt();
    if (this.push.mode === 'off') {
      at(now + rtt, () => end(true));
      return stream;
    }
    const serverAt = now + rtt / 2;
    const openAt = now + rtt;
    const buffered = this.push.bufferedFrom !== null && now >= this.push.bufferedFrom;
    at(openAt, () => handlers.open());

    // How this connection ends on the server's side: the next drop, the proxy, the outage.
    const cuts: number[] = [];
    if (this.push.dropEveryMs !== null) cuts.push((Math.floor(serverAt / this.push.dropEveryMs) + 1) * this.push.dropEveryMs);
    if (this.push.bufferedFrom !== null && serverAt < this.push.bufferedFrom) cuts.push(this.push.bufferedFrom);
    if (this.outage !== null && serverAt < this.outage.from) cuts.push(this.outage.from);
    const cutAt = cuts.length > 0 ? Math.min(...cuts) : Infinity;
    if (cutAt < Infinity) at(cutAt + this.oneWay(), () => end(false));
    if (buffered) return stream;

    // The replay: the latest state of every task that changed after the cursor.
    at(openAt, () => {
      if (since !== null) {
        for (const spec of this.specs) {
          const task = this.server.task(spec.id, serverAt);
          if (task && task.changedAt > since) handlers.event(task, serverAt);
        }
      }
      handlers.event(null, null);
    });
    // Heartbeats, each scheduling the next.
    const beat = (serverTime: number) => {
      if (serverTime >= cutAt) return;
      at(serverTime + this.oneWay(), () => {
        handlers.event(null, null);
        beat(serverTime + SIM_PUSH.heartbeatMs);
      });
    };
    beat(serverAt + SIM_PUSH.heartbeatMs);
    // Status changes after the open, until the connection is cut.
    for (const spec of this.specs) {
      for (const change of [spec.submitAt, spec.startAt, spec.endAt]) {
        if (change <= serverAt || change >= cutAt) continue;
        at(change + this.oneWay(), () => {
          const task = this.server.task(spec.id, change);
          if (task) handlers.event(task, change);
        });
      }
    }
    return stream;
  }
}
