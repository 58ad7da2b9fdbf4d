/**
 * The one Retry-After cool-down shared by every request to the backend. When any answer says
 * "retry after N seconds" (429, 503), no request goes out until then — not only the query that
 * got the answer. It is the `RequestGate` the API client checks before sending, and it is
 * observable so the UI can say "waiting for the server until 12:04:31".
 */
import type { RequestGate } from '../../api/client';

export type CooldownListener = (until: number) => void;

export class Cooldown implements RequestGate {
  private until = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<CooldownListener>();

  /** Milliseconds left before requests may go out again; 0 when open. */
  remaining(now: number): number {
    return Math.max(0, this.until - now);
  }

  /**
   * Holds requests back for `ms` from `now`. Keeps the latest end: a second, shorter
   * Retry-After never shortens a wait the server already asked for.
   */
  hold(ms: number, now: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    const until = now + ms;
    if (until <= this.until) return;
    this.until = until;
    for (const listener of [...this.listeners]) listener(until);
  }

  /** When the current cool-down ends, or null when requests may go out at `now`. */
  coolingUntil(now: number): number | null {
    return this.until > now ? this.until : null;
  }

  /** Called with the new end whenever the cool-down is extended; returns an unsubscribe. */
  subscribe(listener: CooldownListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
