/**
 * A fake `EventSource` for unit tests (jsdom has none): every connection the code under test opens
 * is recorded with its URL, and the test plays the server — `open()`, `send(type, data, id)`,
 * `fail()` — on the latest one. Closed connections ignore everything, as a real one would.
 */
import type { EventSourceLike } from '../../src/sync/pushChannel';

export class FakeEventSource implements EventSourceLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  readyState = FakeEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  /** the `since` query parameter this connection was opened with */
  get since(): string | null {
    return new URL(this.url, 'http://localhost').searchParams.get('since');
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  // ---- the server's side ----

  open(): void {
    if (this.closed) return;
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** One event; `data` is serialised as JSON unless it is a string already. */
  send(type: string, data: unknown, id: string | null = null): void {
    if (this.readyState !== FakeEventSource.OPEN) return;
    const event = new MessageEvent<string>(type, {
      data: typeof data === 'string' ? data : JSON.stringify(data),
      lastEventId: id ?? '',
    });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  heartbeat(serverTime = new Date().toISOString()): void {
    this.send('heartbeat', { serverTime });
  }

  /** The connection breaks (or the server refuses it); the browser would reconnect on its own. */
  fail(): void {
    if (this.closed) return;
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.(new Event('error'));
  }
}

/** Hands out fake connections and keeps them all, newest last. */
export class FakeEventSourceHub {
  readonly sources: FakeEventSource[] = [];

  readonly create = (url: string): FakeEventSource => {
    const source = new FakeEventSource(url);
    this.sources.push(source);
    return source;
  };

  get latest(): FakeEventSource {
    const source = this.sources.at(-1);
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }

  get open(): FakeEventSource[] {
    return this.sources.filter((source) => !source.closed);
  }
}
