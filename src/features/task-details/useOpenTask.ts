/**
 * The task shown in the details panel: taken from the mirror, so it changes with every poll; a
 * task the mirror does not hold (an old link, a task outside the loaded list) is fetched on its
 * own and, while active, refreshed at the list's pace until the mirror has it. A detail answer
 * that failed (malformed, a server error) is asked for again every DETAIL_RETRY_MS, and `retry`
 * asks at once ("Try again").
 *
 * `useTaskDetail` is the same request for a task that is shown: its attempt history, fetched again
 * whenever the task starts or ends an attempt.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { toApiError } from '../../api/errors';
import { isActiveStatus, type Task } from '../../api/schemas';
import { useSyncEngine, useTaskMirror } from '../../sync/hooks';
import { taskDetailQuery } from '../../sync/queries';

const DETAIL_POLL_MS = 2000;
export const DETAIL_RETRY_MS = 15_000;

export type OpenTask =
  | { state: 'loading' }
  | { state: 'found'; task: Task }
  | { state: 'not-found' }
  | { state: 'failed'; error: unknown; retry: () => void; retrying: boolean };

export function useOpenTask(id: string): OpenTask {
  const engine = useSyncEngine();
  const mirror = useTaskMirror();
  const mirrored = mirror.data?.byId.get(id);
  const detail = useQuery({
    ...taskDetailQuery(engine.client, id),
    // Wait for the mirror's first answer: most opened tasks are in it.
    enabled: !mirrored && !mirror.isPending,
    refetchInterval: (query) => {
      if (query.state.status === 'error') return toApiError(query.state.error).status === 404 ? false : DETAIL_RETRY_MS;
      return query.state.data && isActiveStatus(query.state.data.status) ? DETAIL_POLL_MS : false;
    },
  });

  if (mirrored) return { state: 'found', task: mirrored };
  if (detail.data) return { state: 'found', task: detail.data };
  if (detail.error) {
    if (toApiError(detail.error).status === 404) return { state: 'not-found' };
    return { state: 'failed', error: detail.error, retry: () => void detail.refetch(), retrying: detail.isFetching };
  }
  return { state: 'loading' };
}

export function useTaskDetail(task: Task) {
  const engine = useSyncEngine();
  const query = useQuery({
    ...taskDetailQuery(engine.client, task.id),
    refetchInterval: (current) => (current.state.status === 'error' ? DETAIL_RETRY_MS : false),
  });
  // A new attempt began or one ended: the history changed.
  const revision = `${task.attempt}:${task.status}`;
  const seen = useRef(revision);
  const { refetch } = query;
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    void refetch();
  }, [revision, refetch]);
  return query;
}
