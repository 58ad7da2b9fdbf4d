/**
 * The task shown in the details panel: taken from the mirror, so it changes with every poll; a
 * task the mirror does not hold (an old link, a task outside the loaded list) is fetched on its
 * own and, while active, refreshed at the list's pace until the mirror has it.
 */
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '../../api/errors';
import { isActiveStatus, type Task } from '../../api/schemas';
import { useSyncEngine, useTaskMirror } from '../../sync/hooks';
import { taskDetailQuery } from '../../sync/queries';

const DETAIL_POLL_MS = 2000;

export type OpenTask =
  | { state: 'loading' }
  | { state: 'found'; task: Task }
  | { state: 'not-found' }
  | { state: 'failed'; error: unknown };

export function useOpenTask(id: string): OpenTask {
  const engine = useSyncEngine();
  const mirror = useTaskMirror();
  const mirrored = mirror.data?.byId.get(id);
  const detail = useQuery({
    ...taskDetailQuery(engine.client, id),
    // Wait for the mirror's first answer: most opened tasks are in it.
    enabled: !mirrored && !mirror.isPending,
    refetchInterval: (query) => (query.state.data && isActiveStatus(query.state.data.status) ? DETAIL_POLL_MS : false),
  });

  if (mirrored) return { state: 'found', task: mirrored };
  if (detail.data) return { state: 'found', task: detail.data };
  if (detail.error) {
    return toApiError(detail.error).status === 404 ? { state: 'not-found' } : { state: 'failed', error: detail.error };
  }
  return { state: 'loading' };
}
