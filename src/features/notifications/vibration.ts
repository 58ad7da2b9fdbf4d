/**
 * Vibration on completion, for phones: the Vibration API where the browser has it (Chrome and
 * Firefox on Android; not Safari, not desktops without a motor). Browsers allow it only after the
 * user has interacted with the page — the switch's own tap counts — so a call may be refused
 * silently; that is fine, the toast and sound still say it.
 */

export function canVibrate(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';
}

export function vibrate(pattern: number[]): void {
  if (!canVibrate()) return;
  try {
    navigator.vibrate(pattern);
  } catch {
    // Refused without user activation in some browsers: nothing to do.
  }
}
