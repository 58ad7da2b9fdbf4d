/**
 * Test helpers of this feature: a stand-in for the browser's Notification constructor (records
 * every `new Notification(...)`, answers `requestPermission` as told) and a hidden page.
 */
import { vi } from 'vitest';

export interface FakeNotificationInstance {
  onclick: (() => void) | null;
  close: () => void;
}

export function stubNotification(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const constructor = vi.fn(function (this: FakeNotificationInstance, _title: string, _options?: NotificationOptions) {
    this.onclick = null;
    this.close = vi.fn();
  });
  const fake = Object.assign(constructor, {
    permission,
    requestPermission: vi.fn(() => {
      fake.permission = answer;
      return Promise.resolve(answer);
    }),
  });
  vi.stubGlobal('Notification', fake);
  return fake;
}

/** Overrides document.visibilityState; returns the undo. */
export function setPageHidden(hidden: boolean): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  return () => {
    // Drop the own property: the prototype's real getter shows through again.
    Reflect.deleteProperty(document, 'visibilityState');
  };
}
