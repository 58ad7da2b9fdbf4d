/**
 * Thin React bindings of the sync engine: the engine comes from context, its status through
 * useSyncExternalStore, the task mirror from the query cache.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { TaskMirror } from '../lib/taskMirror';
import { mirrorQueryKey, type SyncEngine, type SyncStatus } from './syncEngine';

export const SyncEngineContext = createContext<SyncEngine | null>(null);

export function useSyncEngine(): SyncEngine {
  const engine = useContext(SyncEngineContext);
  if (!engine) throw new Error('useSyncEngine needs a <SyncEngineContext.Provider>');
  return engine;
}

export function useSyncStatus(): SyncStatus {
  const engine = useSyncEngine();
  return useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
}

export function mirrorQuery(engine: SyncEngine) {
  return queryOptions({
    queryKey: mirrorQueryKey,
    queryFn: ({ signal }): Promise<TaskMirror> => engine.loadInitialMirror(signal),
    // The engine keeps the mirror fresh with deltas; the query only does the first load.
    staleTime: Infinity,
    gcTime: Infinity,
    structuralSharing: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: false,
  });
}

export function useTaskMirror() {
  const engine = useSyncEngine();
  return useQuery(mirrorQuery(engine));
}
