/**
 * Runs the automatic retries in the leader tab: one timer for the earliest due retry; when it
 * fires, the task's retry intent goes into the outbox (which makes a second one impossible). Every
 * tab shows the same countdown because the delay is derived from the task, not drawn at random.
 */
import type { Task } from '../api/schemas';
import { retryPlan } from '../lib/autoRetry';
import type { ServerTimeline } from '../lib/serverClock';
import type { SyncClock } from '../lib/sync/scheduler';
import type { TaskMirror } from '../lib/taskMirror';

export class AutoRetryRunner {
  private timer: unknown = null;

  constructor(
    private readonly clock: SyncClock,
    private readonly serverClock: ServerTimeline,
    private readonly retry: (task: Task) => void,
    private readonly mirror: () => TaskMirror | undefined,
  ) {}

  /** Retries what is due now and sets the timer for the next one. */
  schedule(): void {
    this.stop();
    const mirror = this.mirror();
    if (!mirror) return;
    const now = this.clock.now();
    let nextAt: number | null = null;
    for (const task of mirror.byId.values()) {
      if (task.status !== 'failed') continue;
      const plan = retryPlan(task, now, this.serverClock);
      if (plan.kind !== 'auto') continue;
      if (plan.at <= now) this.retry(task);
      else nextAt = nextAt === null ? plan.at : Math.min(nextAt, plan.at);
    }
    if (nextAt !== null) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.schedule();
      }, nextAt - now);
    }
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
