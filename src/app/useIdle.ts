/**
 * "The first screen is done": true once the task list has its first answer (or failed, or a few
 * seconds passed) and the browser then had an idle moment. The regions the first screen does not
 * need are mounted — and their code fetched — only then, so they never compete with the list for
 * the network or the main thread (docs/performance.md, "What the first screen loads").
 */
import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import { mirrorQueryKey } from '../sync/taskListWriter';

/** Do not wait for the list longer than this (a slow or unreachable server). */
const LIST_WAIT_MS = 3000;
/** The longest an idle callback may be put off. */
const IDLE_TIMEOUT_MS = 1000;

function useListSettled(): boolean {
  const queryClient = useQueryClient();
  const settled = () => {
    const status = queryClient.getQueryState(mirrorQueryKey)?.status;
    return status === 'success' || status === 'error';
  };
  return useSyncExternalStore((notify) => queryClient.getQueryCache().subscribe(notify), settled, settled);
}

export function useFirstScreenDone(): boolean {
  const listSettled = useListSettled();
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  const [idle, setIdle] = useState(false);

  useEffect(() => {
    const timer = window.setTimeout(() => setWaitedLongEnough(true), LIST_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, []);

  const ready = listSettled || waitedLongEnough;
  useEffect(() => {
    if (!ready) return;
    // A transition: the regions render in slices, never one long task in front of the user's input.
    const done = () => startTransition(() => setIdle(true));
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(done, 50);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(done, { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }, [ready]);

  return idle;
}
