/**
 * The rows of a fixed-row-height list that its scroll container shows, as an external store over
 * the container's scroll and size: scrolling within a row re-renders nothing, scrolling past one
 * re-renders the list (whose rows are memoised) once.
 */
import { useCallback, useRef, useSyncExternalStore, type RefObject } from 'react';
import { rowWindow, sameWindow, type RowWindow } from '../../../lib/windowing';

export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  rowHeight: number,
  count: number,
  overscan: number,
): RowWindow {
  const last = useRef<RowWindow>({ start: 0, end: 0 });
  // The scroll container exists only while there are rows: subscribe again when it appears.
  const hasRows = count > 0;

  const subscribe = useCallback(
    (notify: () => void) => {
      const element = scrollRef.current;
      if (!element) return () => {};
      element.addEventListener('scroll', notify, { passive: true });
      const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(notify);
      resize?.observe(element);
      window.addEventListener('resize', notify);
      return () => {
        element.removeEventListener('scroll', notify);
        resize?.disconnect();
        window.removeEventListener('resize', notify);
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- hasRows re-subscribes to a new container
    [scrollRef, hasRows],
  );

  const getSnapshot = () => {
    const element = scrollRef.current;
    // Before layout (first render, or no layout at all as in jsdom) assume a window-high viewport.
    const height = element?.clientHeight || window.innerHeight;
    const next = rowWindow(element?.scrollTop ?? 0, height, rowHeight, count, overscan);
    if (!sameWindow(last.current, next)) last.current = next;
    return last.current;
  };

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
