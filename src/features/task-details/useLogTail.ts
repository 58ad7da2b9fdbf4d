/**
 * The live log of one task: the whole log on first load, then, while the task is queued or
 * running, only the lines after the last one every LOG_POLL_MS; one last fetch when the task
 * finishes, then nothing. The cache holds the merged tail, so reopening a task continues from
 * where it stopped instead of loading everything again.
 */
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ApiClient } from '../../api/client';
import { getTaskLogs } from '../../api/endpoints';
import { useSyncEngine } from '../../sync/hooks';
import { appendLogTail, startLogTail, tailCursor, type LogTail } from './logTail';

export const LOG_POLL_MS = 2000;

export const logTailKey = (taskId: string) => ['tasks', 'logs', taskId, 'tail'] as const;

export function logTailQuery(client: ApiClient, queryClient: QueryClient, taskId: string) {
  const queryKey = logTailKey(taskId);
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }): Promise<LogTail> => {
      const held = queryClient.getQueryData<LogTail>(queryKey);
      const { entries } = await getTaskLogs(client, taskId, tailCursor(held), signal);
      return held ? appendLogTail(held, entries) : startLogTail(entries);
    },
    // appendLogTail keeps identities itself and returns the same object when nothing changed.
    structuralSharing: false,
    staleTime: 0,
  });
}

export function useLogTail(taskId: string, active: boolean) {
  const engine = useSyncEngine();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...logTailQuery(engine.client, queryClient, taskId),
    refetchInterval: active ? LOG_POLL_MS : false,
  });

  // The lines written between the last tick and the finish: fetch once more when it finishes.
  const seen = useRef({ taskId, active });
  useEffect(() => {
    const before = seen.current;
    if (before.taskId === taskId && before.active && !active) {
      void queryClient.refetchQueries({ queryKey: logTailKey(taskId), exact: true });
    }
    seen.current = { taskId, active };
  }, [active, queryClient, taskId]);

  return query;
}
