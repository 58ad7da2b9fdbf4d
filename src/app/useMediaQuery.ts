/**
 * Whether a media query matches, kept current as the window resizes or rotates. Where the browser
 * has no `matchMedia` (jsdom), nothing matches: the wide layout.
 */
import { useCallback, useSyncExternalStore } from 'react';

/** Below this width the page has one column and the details open as a full-screen sheet. */
export const ONE_COLUMN_QUERY = '(max-width: 999px)';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => {};
      const media = window.matchMedia(query);
      media.addEventListener('change', notify);
      return () => media.removeEventListener('change', notify);
    },
    [query],
  );
  const matches = () => typeof window !== 'undefined' && Boolean(window.matchMedia?.(query).matches);
  return useSyncExternalStore(subscribe, matches, () => false);
}
