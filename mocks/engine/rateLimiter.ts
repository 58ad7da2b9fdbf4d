/**
 * A real request limit: a sliding 60-second window over accepted API requests. It also feeds
 * `stats.requests.lastMinute`, with or without a limit configured.
 */
import { MINUTE } from './time';

export class RequestWindow {
  private times: number[] = [];

  constructor(private readonly windowMs: number = MINUTE) {}

  /** Requests accepted in the window ending at `now`. */
  count(now: number): number {
    this.forget(now);
    return this.times.length;
  }

  record(now: number): void {
    this.forget(now);
    this.times.push(now);
  }

  /**
   * With `limit` requests allowed per window: 0 when one more may go now, else the milliseconds
   * until the oldest request in the window leaves it.
   */
  waitMs(now: number, limit: number): number {
    this.forget(now);
    if (this.times.length < limit) return 0;
    const oldest = this.times[this.times.length - limit] ?? now;
    return Math.max(1, oldest + this.windowMs - now);
  }

  clear(): void {
    this.times = [];
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) <= now - this.windowMs) drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}
