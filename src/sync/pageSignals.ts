/**
 * Page visibility and connectivity, from one source. It listens to `visibilitychange` and
 * `online` / `offline` once, remembers since when each holds, feeds TanStack Query's
 * focusManager and onlineManager, and tells its subscribers (the engine's status, the poll
 * scheduler, the push channel, the tab coordinator, the outbox). Nothing else reads the DOM
 * events or `navigator.onLine`. In the first bundle.
 */
import { focusManager, onlineManager } from '@tanstack/react-query';

export interface PageState {
  visible: boolean;
  online: boolean;
  /** when the page was last hidden (meaningful while hidden) */
  hiddenSince: number;
  /** when the browser last went offline (meaningful while offline) */
  offlineSince: number;
}

export type PageListener = (state: PageState, previous: PageState) => void;

export class PageSignals {
  private state: PageState;
  private readonly listeners = new Set<PageListener>();
  private readonly focusListeners = new Set<(focused: boolean) => void>();
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private cleanup: (() => void) | null = null;

  constructor(private readonly now: () => number) {
    this.state = { visible: true, online: true, hiddenSince: 0, offlineSince: 0 };
  }

  get(): PageState {
    return this.state;
  }

  /** Reads the page's current state and starts listening. */
  start(): void {
    if (this.cleanup) return;
    const now = this.now();
    this.state = {
      visible: typeof document === 'undefined' ? true : document.visibilityState !== 'hidden',
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      hiddenSince: now,
      offlineSince: now,
    };
    // TanStack Query learns visibility and connectivity from the same signals as the engine.
    focusManager.setEventListener((setFocused) => {
      this.focusListeners.add(setFocused);
      return () => this.focusListeners.delete(setFocused);
    });
    onlineManager.setEventListener((setOnline) => {
      this.onlineListeners.add(setOnline);
      return () => this.onlineListeners.delete(setOnline);
    });
    onlineManager.setOnline(this.state.online);
    focusManager.setFocused(this.state.visible);

    const onVisibility = () => this.update({ visible: document.visibilityState !== 'hidden' });
    const onOnline = () => this.update({ online: true });
    const onOffline = () => this.update({ online: false });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanup = () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }

  stop(): void {
    this.cleanup?.();
    this.cleanup = null;
  }

  subscribe(listener: PageListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private update(patch: Partial<Pick<PageState, 'visible' | 'online'>>): void {
    const previous = this.state;
    const visible = patch.visible ?? previous.visible;
    const online = patch.online ?? previous.online;
    if (visible === previous.visible && online === previous.online) return;
    const now = this.now();
    this.state = {
      visible,
      online,
      hiddenSince: !visible && previous.visible ? now : previous.hiddenSince,
      offlineSince: !online && previous.online ? now : previous.offlineSince,
    };
    if (online !== previous.online) this.onlineListeners.forEach((listener) => listener(online));
    if (visible !== previous.visible) this.focusListeners.forEach((listener) => listener(visible));
    for (const listener of [...this.listeners]) listener(this.state, previous);
  }
}
