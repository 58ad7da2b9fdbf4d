/**
 * The rows of a fixed-row-height list that its scroll container shows, as an external store over
 * the container's scroll position and height: scrolling within a row re-renders nothing,
 * scrolling past one re-renders the list (whose rows are memoised) once. Layout is read only when
 * the container scrolls or resizes, never during a render, so a poll's commit forces no layout.
 */
import { useCallback, useRef, useSyncExternalStore, type RefObject } from 'react';
import { rowWindow, sameWindow, type RowWindow } from '../../../lib/windowing';

export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  rowHeight: number,
  count: number,
  overscan: number,
): RowWindow {
  // Before the first measurement (or with no layout at all, as in jsdom): a window-high viewport.
  const metrics = useRef({ scrollTop: 0, height: 0 });
  const last = useRef<RowWindow>({ start: 0, end: 0 });
  // The scroll container exists only while there are rows: subscribe again when it appears.
  const hasRows = count > 0;

  const subscribe = useCallback(
    (notify: () => void) => {
      const element = scrollRef.current;
      if (!element) return () => {};
      const measure = () => {
        metrics.current = { scrollTop: element.scrollTop, height: element.clientHeight };
        notify();
      };
      measure();
      element.addEventListener('scroll', measure, { passive: true });
      const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
      resize?.observe(element);
      window.addEventListener('resize', measure);
      return () => {
        element.removeEventListener('scroll', measure);
        resize?.disconnect();
        window.removeEventListener('resize', measure);
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- hasRows re-subscribes to a new container
    [scrollRef, hasRows],
  );

  const getSnapshot = () => {
    const { scrollTop, height } = metrics.current;
    const next = rowWindow(scrollTop, height || window.innerHeight, rowHeight, count, overscan);
    if (!sameWindow(last.current, next)) last.current = next;
    return last.current;
  };

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
