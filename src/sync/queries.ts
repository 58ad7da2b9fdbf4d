/**
 * The query factory for reads other than the task list: key and fetcher together, so every
 * component asks for the same data the same way.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import { fetchTaskTypes, getTaskDetail, getTaskResult } from '../api/endpoints';

export function taskTypesQuery(client: ApiClient) {
  return queryOptions({
    queryKey: ['task-types'],
    queryFn: ({ signal }) => fetchTaskTypes(client, signal),
    staleTime: 10 * 60_000,
  });
}

/** `GET /tasks/{id}`: the task with its attempt history (contract 1.1). */
export function taskDetailQuery(client: ApiClient, id: string) {
  return queryOptions({
    queryKey: ['tasks', 'detail', id],
    queryFn: ({ signal }) => getTaskDetail(client, id, signal),
  });
}

export function taskResultQuery(client: ApiClient, id: string) {
  return queryOptions({
    queryKey: ['tasks', 'result', id],
    queryFn: ({ signal }) => getTaskResult(client, id, signal),
    staleTime: Infinity,
  });
}
