/**
 * The queue-depth history behind the sparkline: one sample (time, queued, running) every time the
 * mirror's stats object changes — every poll that brought new stats, in the leader tab or shared
 * to a follower. One sampler per QueryClient, started on first use and kept for the page's life,
 * so the history survives the stats panel being unmounted and mounted again.
 */
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Stats } from '../../api/schemas';
import { createRing, ringPush, type Ring } from '../../lib/sparkline';
import { totalQueued } from '../../lib/statsSummary';
import type { TaskMirror } from '../../lib/taskMirror';
import { mirrorQueryKey } from '../../sync/taskListWriter';

export interface DepthSample {
  t: number;
  queued: number;
  running: number;
}

/** At a poll every 1–2 s while tasks run this covers a few minutes; idle polls stretch it. */
export const DEPTH_SAMPLES = 120;

interface Sampler {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => Ring<DepthSample>;
}

const samplers = new WeakMap<QueryClient, Sampler>();
const mirrorHash = hashKey(mirrorQueryKey);

function createSampler(queryClient: QueryClient, now: () => number): Sampler {
  let ring = createRing<DepthSample>(DEPTH_SAMPLES);
  let lastStats: Stats | null = null;
  const listeners = new Set<() => void>();

  const take = (stats: Stats | null | undefined): boolean => {
    if (!stats || stats === lastStats) return false;
    lastStats = stats;
    ring = ringPush(ring, { t: now(), queued: totalQueued(stats.queued), running: stats.running });
    return true;
  };

  take(queryClient.getQueryData<TaskMirror>(mirrorQueryKey)?.stats);
  queryClient.getQueryCache().subscribe((event) => {
    if (event.query.queryHash !== mirrorHash) return;
    const mirror = event.query.state.data as TaskMirror | undefined;
    if (take(mirror?.stats)) listeners.forEach((listener) => listener());
  });

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => ring,
  };
}

export function queueDepthSampler(queryClient: QueryClient, now: () => number = Date.now): Sampler {
  let sampler = samplers.get(queryClient);
  if (!sampler) {
    sampler = createSampler(queryClient, now);
    samplers.set(queryClient, sampler);
  }
  return sampler;
}

export function useQueueDepthHistory(queryClient: QueryClient): Ring<DepthSample> {
  const sampler = queueDepthSampler(queryClient);
  return useSyncExternalStore(sampler.subscribe, sampler.getSnapshot, sampler.getSnapshot);
}
