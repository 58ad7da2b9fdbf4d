/**
 * In-memory stand-ins for the Web Locks API and BroadcastChannel, so leader election and tab
 * messaging can be tested deterministically with several "tabs" in one test.
 */
type Grant = () => Promise<unknown>;

export class FakeLockManager {
  private readonly holders = new Map<string, boolean>();
  private readonly queues = new Map<string, { run: Grant; resolve: (v: unknown) => void; reject: (e: unknown) => void }[]>();

  request(name: string, ...args: unknown[]): Promise<unknown> {
    const callback = args[args.length - 1] as (lock: { name: string } | null) => unknown;
    const options = (args.length > 1 ? args[0] : {}) as { signal?: AbortSignal; ifAvailable?: boolean };
    return new Promise((resolve, reject) => {
      if (options.ifAvailable && this.holders.get(name)) {
        Promise.resolve(callback(null)).then(resolve, reject);
        return;
      }
      const entry = {
        run: () => Promise.resolve(callback({ name })),
        resolve,
        reject,
      };
      const queue = this.queues.get(name) ?? [];
      queue.push(entry);
      this.queues.set(name, queue);
      options.signal?.addEventListener('abort', () => {
        const index = queue.indexOf(entry);
        if (index >= 0) {
          queue.splice(index, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
      this.pump(name);
    });
  }

  private pump(name: string) {
    if (this.holders.get(name)) return;
    const queue = this.queues.get(name) ?? [];
    const next = queue.shift();
    if (!next) return;
    this.holders.set(name, true);
    next.run().then(
      (value) => {
        this.holders.set(name, false);
        next.resolve(value);
        this.pump(name);
      },
      (error: unknown) => {
        this.holders.set(name, false);
        next.reject(error);
        this.pump(name);
      },
    );
  }
}

export class FakeChannelHub {
  private readonly channels = new Set<FakeChannel>();

  create = (name: string): BroadcastChannel => {
    const channel = new FakeChannel(name, this);
    this.channels.add(channel);
    return channel as unknown as BroadcastChannel;
  };

  deliver(from: FakeChannel, data: unknown) {
    for (const channel of this.channels) {
      if (channel !== from && channel.name === from.name && !channel.closed) {
        // Structured clone, like the real thing: no shared references between tabs.
        channel.dispatch(structuredClone(data));
      }
    }
  }

  remove(channel: FakeChannel) {
    this.channels.delete(channel);
  }
}

class FakeChannel {
  closed = false;
  private readonly listeners = new Set<(event: MessageEvent) => void>();
  constructor(
    readonly name: string,
    private readonly hub: FakeChannelHub,
  ) {}
  postMessage(data: unknown) {
    if (!this.closed) this.hub.deliver(this, data);
  }
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void) {
    this.listeners.delete(listener);
  }
  dispatch(data: unknown) {
    for (const listener of this.listeners) listener({ data } as MessageEvent);
  }
  close() {
    this.closed = true;
    this.hub.remove(this);
  }
}
