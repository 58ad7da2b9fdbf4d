/**
 * The one writer of the task list. It owns the list query (`mirrorQueryKey` in the TanStack Query
 * cache) and is the only code that writes it: the full load (the query function), a reload after
 * the server refused our cursor, a poll's delta, a stream event, another tab's news and the
 * answer to a submit or an action all come through here. Every write that changes the list is
 * announced to the subscribers with what changed and where it came from, so the notes taken on
 * changes (completions, automatic retries, ETA samples, sharing with other tabs) cannot be
 * skipped by one path. In the first bundle; it knows nothing of polling or streams.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Task } from '../api/schemas';
import {
  mergeDelta,
  removeTasks,
  replaceMirror,
  upsertTask,
  type MirrorChange,
  type MirrorDelta,
  type TaskMirror,
} from '../lib/taskMirror';

export const mirrorQueryKey = ['tasks', 'mirror'] as const;

export type ListSource =
  /** the first full load (the list query's own fetch) */
  | 'load'
  /** a full load because the server refused our cursor (410 / 400, or a stream `reset`) */
  | 'reload'
  /** a delta poll */
  | 'poll'
  /** events from the push channel */
  | 'stream'
  /** news from the tab that leads */
  | 'tab'
  /** the answer to this tab's own submit, retry, cancel or delete */
  | 'write';

export interface ListChange {
  source: ListSource;
  /** the list before this write; undefined for the first load */
  previous: TaskMirror | undefined;
  next: TaskMirror;
  /** tasks that arrived with this write (new, or a newer version) */
  changed: readonly Task[];
  /** ids that left the list with this write */
  removed: readonly string[];
  /** the whole list was replaced (a load, a reload, a leader's snapshot): what it lacks is gone */
  full: boolean;
}

export type ListListener = (change: ListChange) => void;

export class TaskListWriter {
  private readonly listeners = new Set<ListListener>();

  constructor(
    private readonly queryClient: QueryClient,
    /** the paged full load (mirrorFetch.loadMirror with the app's client) */
    private readonly loadFull: (signal?: AbortSignal) => Promise<TaskMirror>,
    private readonly now: () => number,
  ) {}

  get(): TaskMirror | undefined {
    return this.queryClient.getQueryData<TaskMirror>(mirrorQueryKey);
  }

  /**
   * The list query: its function is the full load through this writer; the writer keeps the list
   * fresh afterwards, so the query never refetches or forgets it by itself.
   */
  queryOptions() {
    return queryOptions({
      queryKey: mirrorQueryKey,
      queryFn: ({ signal }): Promise<TaskMirror> => this.load(signal),
      staleTime: Infinity,
      gcTime: Infinity,
      structuralSharing: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      refetchOnMount: false,
    });
  }

  /** The list query's function: the full load, written and announced like any other write. */
  load = async (signal?: AbortSignal): Promise<TaskMirror> => {
    const fresh = await this.loadFull(signal);
    return this.replace(fresh, this.get() ? 'reload' : 'load');
  };

  /**
   * The full load through the query (deduplicated with a load already in flight), for the poll
   * scheduler: no retries inside, since the scheduler backs off between its tries itself. The
   * query's own retries on top made every failed poll up to four requests (issue 10: a load
   * balancer's 503 without CORS headers drew more than a request a second).
   */
  fetch(): Promise<TaskMirror> {
    return this.queryClient.fetchQuery({ ...this.queryOptions(), retry: false });
  }

  /** A full load outside the query, replacing the list: nothing the server no longer has stays. */
  async reload(signal?: AbortSignal): Promise<TaskMirror> {
    return this.replace(await this.loadFull(signal), 'reload');
  }

  /** Replaces the whole list with a full answer (a load, a reload, a leader's snapshot). */
  replace(fresh: TaskMirror, source: 'load' | 'reload' | 'tab'): TaskMirror {
    const previous = this.get();
    const { mirror, changed, removed } = replaceMirror(previous, fresh, this.now());
    this.write(previous, mirror, changed, removed, source, true);
    return mirror;
  }

  /**
   * Merges a delta (a poll's answer, stream events, another tab's news); says what it changed,
   * or undefined before the list is loaded.
   */
  merge(delta: MirrorDelta, source: 'poll' | 'stream' | 'tab'): MirrorChange | undefined {
    const previous = this.get();
    if (!previous) return undefined;
    const result = mergeDelta(previous, delta, this.now());
    this.write(previous, result.mirror, result.changed, result.removed, source);
    return result;
  }

  /** One task from a write's answer (submit, retry, cancel) or a single event. */
  upsert(task: Task, source: 'write' | 'stream' | 'tab' = 'write'): void {
    const previous = this.get();
    if (!previous) return;
    const next = upsertTask(previous, task, this.now());
    this.write(previous, next, next === previous ? [] : [task], [], source);
  }

  /** Tasks this tab deleted (or learnt were deleted). */
  remove(ids: readonly string[], source: 'write' | 'tab' = 'write'): void {
    const previous = this.get();
    if (!previous) return;
    const next = removeTasks(previous, ids);
    this.write(previous, next, [], ids.filter((id) => previous.byId.has(id)), source);
  }

  /** Hears every change of the list, after it is in the cache. */
  subscribe(listener: ListListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private write(
    previous: TaskMirror | undefined,
    next: TaskMirror,
    changed: readonly Task[],
    removed: readonly string[],
    source: ListSource,
    full = false,
  ): void {
    if (next === previous) return;
    this.queryClient.setQueryData(mirrorQueryKey, next);
    const change: ListChange = { source, previous, next, changed, removed, full };
    for (const listener of [...this.listeners]) listener(change);
  }
}
