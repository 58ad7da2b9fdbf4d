/**
 * The browser's side of notifications: the Notification permission (read live, asked only from a
 * click), showing a system notification, and the page's visibility as a React value. Everything
 * degrades to "unsupported" where the API is missing (old Safari, jsdom, some embedded browsers).
 */
import { useSyncExternalStore } from 'react';
import type { NotifyPermission } from '../../lib/notifyPolicy';

export function notificationPermission(): NotifyPermission {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

const permissionListeners = new Set<() => void>();

function subscribePermission(listener: () => void): () => void {
  permissionListeners.add(listener);
  // The user may change the permission in the browser's site settings and come back.
  window.addEventListener('focus', listener);
  document.addEventListener('visibilitychange', listener);
  return () => {
    permissionListeners.delete(listener);
    window.removeEventListener('focus', listener);
    document.removeEventListener('visibilitychange', listener);
  };
}

export function useNotificationPermission(): NotifyPermission {
  return useSyncExternalStore(subscribePermission, notificationPermission, () => 'unsupported' as const);
}

/**
 * Asks the browser for permission. Call it only from a user's click: browsers ignore (and some
 * penalise) prompts that no gesture asked for.
 */
export async function requestNotificationPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    await Notification.requestPermission();
  } catch {
    // A browser that only knows the old callback form, or refused to prompt: read what we have.
  } finally {
    permissionListeners.forEach((listener) => listener());
  }
  return notificationPermission();
}

export interface SystemNotification {
  title: string;
  body: string;
  tag: string;
  lang: string;
  onClick: () => void;
}

/** Shows a system notification; a click brings the window forward and runs `onClick`. */
export function showSystemNotification({ title, body, tag, lang, onClick }: SystemNotification): void {
  if (typeof Notification === 'undefined') return;
  try {
    const notification = new Notification(title, { body, tag, lang });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Chrome on Android allows notifications only through a service worker: the title still counts.
  }
}

function subscribeVisibility(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

const pageVisible = () => document.visibilityState !== 'hidden';

export function isPageVisible(): boolean {
  return typeof document === 'undefined' || pageVisible();
}

export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, pageVisible, () => true);
}
