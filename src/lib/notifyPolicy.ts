/**
 * How a finished task is announced, as plain decisions with no browser in them: an in-page toast
 * while the page is visible; a system notification while it is hidden — only when the user switched
 * notifications on, the browser granted them, and this tab is the one tab per browser that speaks
 * (the polling leader, so three open tabs do not ring three times); otherwise nothing, and the
 * completion waits, pinned and counted in the tab title, until the user looks.
 *
 * Also the tab title ("⚠2 · (3) Task Center") and which completions are new since the last look.
 */

export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';
export type NotifyChannel = 'toast' | 'system' | 'none';
export type FinishedStatus = 'succeeded' | 'failed' | 'canceled';

export interface NotifyContext {
  /** this page is visible (document.visibilityState) */
  visible: boolean;
  /** the user switched "Notify me when tasks finish" on */
  enabled: boolean;
  permission: NotifyPermission;
  /** this tab polls for the browser; only it sends system notifications */
  leader: boolean;
  /** the user switched the sound on */
  sound: boolean;
}

export interface NotifyDecision {
  channel: NotifyChannel;
  sound: boolean;
}

export function decideNotification(context: NotifyContext): NotifyDecision {
  let channel: NotifyChannel = 'none';
  if (context.visible) channel = 'toast';
  else if (context.enabled && context.permission === 'granted' && context.leader) channel = 'system';
  return { channel, sound: context.sound && channel !== 'none' };
}

export const TOAST_KIND: Readonly<Record<FinishedStatus, 'success' | 'error' | 'info'>> = {
  succeeded: 'success',
  failed: 'error',
  canceled: 'info',
};

/** The `tag` of a system notification: a second one for the same outcome replaces the first. */
export function notificationTag(id: string, status: FinishedStatus): string {
  return `task-${id}-${status}`;
}

/**
 * The vibration for a batch of announcements (where the device can vibrate and the user switched it
 * on): one short pulse for a success, a longer double pulse when anything failed, so the two can be
 * told apart in a pocket.
 */
export function vibrationPattern(statuses: readonly FinishedStatus[]): number[] {
  if (statuses.includes('failed')) return [180, 100, 180];
  if (statuses.includes('succeeded')) return [120];
  return [60];
}

// ---- which completions are new ----

export interface CompletionLike {
  id: string;
  status: FinishedStatus;
  at: number;
  seen: boolean;
}

/** One key per outcome: a task that fails, is retried and fails again is announced twice. */
export function completionKey(completion: CompletionLike): string {
  return `${completion.id}:${completion.status}:${completion.at}`;
}

/** Unseen completions not announced yet, oldest first (the store keeps them newest first). */
export function pickNewCompletions<C extends CompletionLike>(completions: readonly C[], announced: ReadonlySet<string>): C[] {
  return completions.filter((completion) => !completion.seen && !announced.has(completionKey(completion))).reverse();
}

/**
 * At most `max` completions are announced one by one; a burst beyond that (a batch finishing in one
 * poll) becomes a single "n more finished" summary instead of a wall of toasts.
 */
export function splitAnnouncements<C>(fresh: readonly C[], max = 3): { each: C[]; more: number } {
  if (fresh.length <= max) return { each: [...fresh], more: 0 };
  return { each: fresh.slice(fresh.length - (max - 1)), more: fresh.length - (max - 1) };
}

// ---- the tab title ----

export interface TitleCounts {
  /** the app's name in the current language */
  base: string;
  /** queued + running tasks */
  active: number;
  /** finished tasks the user has not looked at yet */
  unseen: number;
  /** of those, how many failed: the marker turns into a warning */
  unseenFailed: number;
}

/**
 * "(3) Task Center" while three tasks are queued or running; finished-but-unseen tasks lead with a
 * marker so they show even in a narrow tab: "✓2 · (3) Task Center", or "⚠2 · …" when one failed.
 */
export function formatDocumentTitle({ base, active, unseen, unseenFailed }: TitleCounts): string {
  const marker = unseen > 0 ? `${unseenFailed > 0 ? '⚠' : '✓'}${unseen} · ` : '';
  const count = active > 0 ? `(${active}) ` : '';
  return `${marker}${count}${base}`;
}

/** Queued and running tasks among `statuses`. */
export function countActive(statuses: Iterable<{ status: string }>): number {
  let active = 0;
  for (const { status } of statuses) if (status === 'queued' || status === 'running') active += 1;
  return active;
}
