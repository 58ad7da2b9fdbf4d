/**
 * The three policies from the issue, each polling `GET /tasks/{id}` for every task on its own:
 * fixed 2 s, fixed 10 s, and the adaptive schedule (2 s × 5, then 5 s × 1.2ⁿ capped at 30 s,
 * ±10 % jitter). Like the loops they stand for, they know nothing of hidden pages or offline;
 * a failed request is logged and the schedule goes on.
 */
import { withJitter, type Random } from '../../src/lib/random';
import type { SimClock } from '../sim/simClock';
import type { SimNetwork, SimServer } from '../sim/server';
import { emptyLog, type SimClient } from './clientLog';

export interface BaselinePolicy {
  key: string;
  label: string;
  /**
   * 'interval': polls on a fixed grid from the submit, like setInterval;
   * 'sleep': waits after each answer, like the seed's Go loop
   */
  mode: 'interval' | 'sleep';
  /** wait before attempt number `attempt` (1 = the first, sent at once) */
  waitMs(attempt: number, random: Random): number;
}

export const BASELINES: readonly BaselinePolicy[] = [
  { key: 'fixed-2s', label: 'fixed 2 s', mode: 'interval', waitMs: (attempt) => (attempt === 1 ? 0 : 2_000) },
  { key: 'fixed-10s', label: 'fixed 10 s', mode: 'interval', waitMs: (attempt) => (attempt === 1 ? 0 : 10_000) },
  {
    key: 'adaptive',
    label: 'adaptive 2 s×5, 5 s×1.2ⁿ ≤30 s',
    mode: 'sleep',
    waitMs: (attempt, random) => {
      if (attempt === 1) return 0;
      const base = attempt <= 5 ? 2_000 : Math.min(30_000, 5_000 * 1.2 ** (attempt - 6));
      return withJitter(random, base, 0.1);
    },
  },
];

export class BaselineClient implements SimClient {
  readonly log = emptyLog();

  constructor(
    private readonly policy: BaselinePolicy,
    private readonly clock: SimClock,
    private readonly server: SimServer,
    private readonly network: SimNetwork,
    private readonly random: Random,
  ) {}

  open(): void {}

  setVisible(): void {}

  setOnline(): void {}

  submit(taskId: string): void {
    const firstAt = this.clock.now();
    let sent = 0;
    const send = () => {
      sent += 1;
      const attempt = sent;
      const sentAt = this.clock.now();
      const up = this.network.isUp(sentAt);
      const rtt = up ? this.network.rtt() : this.network.failMs;
      this.clock.setTimeout(() => {
        const doneAt = this.clock.now();
        if (up) {
          const answer = this.server.getTask(taskId, sentAt + rtt / 2);
          this.log.requests.push({ sentAt, doneAt, ok: true, bytes: answer.bytes, taskId, reason: 'schedule' });
          if (answer.task) this.log.updates.push({ at: doneAt, task: answer.task });
          if (answer.task?.status === 'succeeded' || answer.task?.status === 'failed') {
            this.log.detectedAt.set(taskId, doneAt);
            return;
          }
        } else {
          this.log.requests.push({ sentAt, doneAt, ok: false, bytes: 0, taskId, reason: 'schedule' });
        }
        if (this.policy.mode === 'sleep') this.clock.setTimeout(send, this.policy.waitMs(attempt + 1, this.random));
      }, rtt);
      if (this.policy.mode === 'interval') {
        // The next tick is on the grid from the submit, whatever this answer says.
        const nextAt = firstAt + this.gridOffset(attempt + 1);
        this.clock.setTimeout(() => {
          if (!this.log.detectedAt.has(taskId)) send();
        }, nextAt - sentAt);
      }
    };
    send();
  }

  /** Offset of attempt n on the interval grid. */
  private gridOffset(attempt: number): number {
    let offset = 0;
    for (let n = 2; n <= attempt; n++) offset += this.policy.waitMs(n, this.random);
    return offset;
  }
}
