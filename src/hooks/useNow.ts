/**
 * A shared once-a-second clock for countdowns (ETA, retry in n s, next poll) and the bars that
 * move between updates. One interval serves every subscriber, and only the small components that
 * show a countdown subscribe, so a tick re-renders a few text nodes, not the rows around them.
 *
 * A tick is a transition: every subscriber's new time in one render that React may slice and
 * that never delays input (with `useSyncExternalStore` each tick was a synchronous render of
 * every bar and countdown in view — a long task each second on a phone).
 */
import { startTransition, useEffect, useState } from 'react';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let current = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    // Only when a second or more off (as getSnapshot): the times just rendered stay current, so
    // the first subscribers do not render again at once.
    if (Math.abs(Date.now() - current) >= 1000) current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      listeners.forEach((notify) => notify());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  // Nobody is ticking: the last tick may be long past (or, under a test's fake clock, ahead), and
  // a first render must not count from it. Refreshed only when a second or more off, so that two
  // reads within one render agree.
  if (timer === null && Math.abs(Date.now() - current) >= 1000) current = Date.now();
  return current;
}

/** For a component that needs no clock at all (a task that is not running): no ticks, no memory. */
export const NO_CLOCK = 0;

/**
 * The current time, updated every second while the component is mounted. `frozenAt` stops it
 * where it stood: at the later of `frozenAt` and the time it showed when it stopped. Data that went
 * stale at `frozenAt` (the last good answer) is often noticed later — a failed poll a minute after
 * the last success — and a countdown frozen then must not jump back up to what it read at
 * `frozenAt`.
 */
export function useNow(frozenAt: number | null = null): number {
  const ticking = frozenAt === null;
  const [tick, setTick] = useState(getSnapshot);
  useEffect(() => {
    if (!ticking) return;
    const update = () => startTransition(() => setTick(current));
    const unsubscribe = subscribe(update);
    // Ticking again after a freeze (or later than the render): catch up with the clock.
    update();
    return unsubscribe;
  }, [ticking]);
  const now = ticking ? tick : getSnapshot();
  const [held, setHeld] = useState<{ from: number; at: number } | null>(null);
  if (frozenAt === null || frozenAt === NO_CLOCK) {
    if (held !== null) setHeld(null);
    return frozenAt ?? now;
  }
  if (held?.from === frozenAt) return held.at;
  const at = Math.max(frozenAt, now);
  setHeld({ from: frozenAt, at });
  return at;
}

