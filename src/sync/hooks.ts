/**
 * Thin React bindings of the sync engine: the engine comes from context, its status through
 * useSyncExternalStore, the task mirror from the query cache.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncEngine, SyncStatus } from './syncEngine';

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

/** The list query's options; the one writer owns them (taskListWriter.ts). */
export function mirrorQuery(engine: SyncEngine) {
  return engine.list.queryOptions();
}

export function useTaskMirror() {
  const engine = useSyncEngine();
  return useQuery(mirrorQuery(engine));
}
