/**
 * One poller and one event stream per browser. Tabs elect a leader with the Web Locks API: the
 * tab holding the lock polls, holds the push channel and shares what it learns with the other
 * tabs over a BroadcastChannel; when its tab closes the browser releases the lock and the next
 * waiting tab takes over at once. Where Web Locks or BroadcastChannel are missing, every tab is
 * its own leader and polls on its own.
 *
 * The leader also needs to know whether ANY tab is visible (the user may watch a follower while
 * the leader's tab is in the background), so followers report their visibility.
 */
import { ApiError } from '../api/errors';
import type { Stats, Task } from '../api/schemas';
import type { SyncState } from '../lib/sync/scheduler';
import type { StreamState } from '../lib/sync/streamPolicy';

export interface SharedDelta {
  items: Task[];
  removed: string[];
  cursor: string;
  etag: string | null;
  stats: Stats | null;
}

export type TabMessage =
  | { type: 'delta'; delta: SharedDelta }
  /** the leader reloaded the whole list: followers replace theirs (dropping what it dropped) */
  | { type: 'snapshot'; delta: SharedDelta }
  | { type: 'task'; task: Task }
  | { type: 'removed'; ids: string[] }
  | { type: 'sync-state'; state: SyncState; stream: StreamState | null }
  | { type: 'visibility'; visible: boolean }
  | { type: 'hello' }
  | { type: 'bye' }
  | { type: 'poll-now' }
  | { type: 'cooldown'; until: number };

export type Envelope = TabMessage & { from: string };

export interface TabCoordinator {
  readonly tabId: string;
  /** true when this tab polls (the leader, or every tab where election is impossible) */
  isLeader(): boolean;
  /** whether tabs share one poller in this browser */
  readonly shared: boolean;
  /** this tab or any follower reporting itself visible */
  anyTabVisible(): boolean;
  setOwnVisibility(visible: boolean): void;
  post(message: TabMessage): void;
  onMessage(listener: (message: Envelope) => void): () => void;
  onLeadershipChange(listener: (leader: boolean) => void): () => void;
  onVisibilityChange(listener: (anyVisible: boolean) => void): () => void;
  start(): void;
  stop(): void;
}

export interface TabCoordinatorOptions {
  name?: string;
  locks?: LockManager | undefined;
  createChannel?: ((name: string) => BroadcastChannel) | undefined;
  tabId?: string;
  now?: () => number;
  /** a follower's visibility report counts for this long unless renewed */
  visibilityTtlMs?: number;
}

export function createTabCoordinator(options: TabCoordinatorOptions = {}): TabCoordinator {
  const name = options.name ?? 'task-center';
  const locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
  const createChannel =
    'createChannel' in options
      ? options.createChannel
      : typeof BroadcastChannel === 'undefined'
        ? undefined
        : (channelName: string) => new BroadcastChannel(channelName);
  const shared = Boolean(locks && createChannel);
  const tabId = options.tabId ?? randomId();
  const now = options.now ?? (() => Date.now());
  const ttl = options.visibilityTtlMs ?? 75_000;

  let channel: BroadcastChannel | null = null;
  let leader = !shared;
  let ownVisible = true;
  let releaseLock: (() => void) | null = null;
  let lockRequest: AbortController | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const followerVisibility = new Map<string, { visible: boolean; at: number }>();
  const messageListeners = new Set<(message: Envelope) => void>();
  const leaderListeners = new Set<(leader: boolean) => void>();
  const visibilityListeners = new Set<(anyVisible: boolean) => void>();

  function anyTabVisible(): boolean {
    if (ownVisible) return true;
    const cutoff = now() - ttl;
    for (const report of followerVisibility.values()) {
      if (report.visible && report.at >= cutoff) return true;
    }
    return false;
  }

  function withVisibilityChange(change: () => void) {
    const before = anyTabVisible();
    change();
    const after = anyTabVisible();
    if (before !== after) visibilityListeners.forEach((listener) => listener(after));
  }

  function post(message: TabMessage) {
    channel?.postMessage({ ...message, from: tabId } satisfies Envelope);
  }

  function receive(event: MessageEvent<Envelope>) {
    const message = event.data;
    if (!message || typeof message !== 'object' || message.from === tabId) return;
    if (message.type === 'visibility') {
      withVisibilityChange(() => followerVisibility.set(message.from, { visible: message.visible, at: now() }));
    } else if (message.type === 'bye') {
      withVisibilityChange(() => followerVisibility.delete(message.from));
    } else if (message.type === 'hello' && !leader) {
      post({ type: 'visibility', visible: ownVisible });
    }
    messageListeners.forEach((listener) => listener(message));
  }

  function becomeLeader(value: boolean) {
    if (leader === value) return;
    leader = value;
    if (value) {
      followerVisibility.clear();
      post({ type: 'hello' });
    }
    leaderListeners.forEach((listener) => listener(value));
  }

  const onPageHide = () => post({ type: 'bye' });

  return {
    tabId,
    shared,
    isLeader: () => leader,
    anyTabVisible,
    setOwnVisibility(visible) {
      withVisibilityChange(() => {
        ownVisible = visible;
      });
      if (!leader) post({ type: 'visibility', visible });
    },
    post,
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onLeadershipChange(listener) {
      leaderListeners.add(listener);
      return () => leaderListeners.delete(listener);
    },
    onVisibilityChange(listener) {
      visibilityListeners.add(listener);
      return () => visibilityListeners.delete(listener);
    },
    start() {
      if (!shared || channel || !locks || !createChannel) return;
      channel = createChannel(`${name}:sync`);
      channel.addEventListener('message', receive);
      window.addEventListener('pagehide', onPageHide);
      // Followers renew their visibility so a crashed tab's report expires.
      heartbeat = setInterval(() => {
        if (!leader) post({ type: 'visibility', visible: ownVisible });
      }, ttl / 3);
      lockRequest = new AbortController();
      const { signal } = lockRequest;
      void locks
        .request(`${name}:poller`, { signal }, () => {
          becomeLeader(true);
          return new Promise<void>((resolve) => {
            releaseLock = resolve;
          });
        })
        .catch(() => {
          // Aborted by stop(), or the lock manager failed: in the latter case poll on our own.
          if (!signal.aborted) becomeLeader(true);
        });
    },
    stop() {
      lockRequest?.abort();
      lockRequest = null;
      releaseLock?.();
      releaseLock = null;
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
      window.removeEventListener('pagehide', onPageHide);
      if (channel) {
        post({ type: 'bye' });
        channel.removeEventListener('message', receive);
        channel.close();
        channel = null;
      }
      if (shared) becomeLeader(false);
    },
  };
}

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `tab-${Math.random().toString(36).slice(2)}`;
}

/** Errors lose their class crossing a BroadcastChannel: send the fields, rebuild on arrival. */
export function shareableState(state: SyncState): SyncState {
  if (!state.lastError) return state;
  const { kind, status, code, title, detail, traceId, retryAfterMs } = state.lastError;
  return { ...state, lastError: { kind, status, code, title, detail, traceId, retryAfterMs } as unknown as ApiError };
}

export function restoreState(state: SyncState): SyncState {
  if (!state.lastError || state.lastError instanceof ApiError) return state;
  return { ...state, lastError: new ApiError(state.lastError) };
}
