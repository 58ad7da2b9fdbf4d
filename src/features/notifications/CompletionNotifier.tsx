/**
 * Mounted once, renders nothing: announces every completion this tab has not announced yet
 * (see announceCompletions), keeps the tab title's counts, and marks a completion seen when its
 * task is opened while the page is visible. Completions already in the store when it mounts (a
 * reload) were announced by the page before and stay pinned without a second toast.
 */
import { useEffect } from 'react';
import { useOpenTaskId } from '../../hooks/navigation';
import { completionKey, pickNewCompletions } from '../../lib/notifyPolicy';
import { useCompletionsStore, useUnseenCompletionIds } from '../../sync/completionsStore';
import { useSyncEngine } from '../../sync/hooks';
import { announceCompletions } from './announceCompletions';
import { usePageVisible } from './browserNotifications';
import { useDocumentTitle } from './useDocumentTitle';

export function CompletionNotifier() {
  useDocumentTitle();
  useCompletionAnnouncements();
  useSeenWhenOpened();
  return null;
}

function useCompletionAnnouncements(): void {
  const engine = useSyncEngine();
  useEffect(() => {
    const announced = new Set(useCompletionsStore.getState().completions.map(completionKey));
    return useCompletionsStore.subscribe((state, previous) => {
      if (state.completions === previous.completions) return;
      const fresh = pickNewCompletions(state.completions, announced);
      // Forget keys the store no longer keeps, so the set stays as small as the store.
      const kept = new Set(state.completions.map(completionKey));
      for (const key of announced) if (!kept.has(key)) announced.delete(key);
      if (fresh.length === 0) return;
      for (const completion of fresh) announced.add(completionKey(completion));
      // One tab speaks for the browser: the leader, and only while no tab of ours is in view
      // (a visible tab shows its own toast).
      const { leader, anyTabVisible } = engine.getStatus();
      announceCompletions(fresh, leader && !anyTabVisible);
    });
  }, [engine]);
}

/** Opening a finished task's details, with the page in view, is looking at it. */
function useSeenWhenOpened(): void {
  const openTaskId = useOpenTaskId();
  const unseenIds = useUnseenCompletionIds();
  const visible = usePageVisible();
  useEffect(() => {
    if (!visible || !openTaskId || !unseenIds.split(' ').includes(openTaskId)) return;
    useCompletionsStore.getState().completionsSeen([openTaskId]);
  }, [openTaskId, unseenIds, visible]);
}
