/**
 * The render benchmark's interaction part: the app's real task region (`TasksPanel`: toolbar,
 * bulk bar, the list with its deferred filters) over a 10,000-task mirror put in the query cache,
 * driven through its own controls with DOM events as a user's input would be. For a sort, a
 * filter or a keystroke in the search it measures the time from the input event to the first
 * painted frame whose rows reflect it, and the longest main-thread task meanwhile (Long Tasks
 * API). Typing sends one keystroke every `intervalMs`, as a person types.
 *
 * The same run times the selection itself (filter + search + sort of the mirror, pure code)
 * against the way it was done before issue 8 (`naiveSelect`: derive the sort key inside the
 * comparator, lower-case every title on every search), as the named baseline.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createAppServices, type AppServices } from '../../src/app/createAppServices';
import { TasksPanel } from '../../src/features/tasks/components/TasksPanel';
import { useTaskListStore } from '../../src/features/tasks/store';
import { DEFAULT_FILTERS, selectTaskGroups, type TaskFilters } from '../../src/lib/taskFilters';
import type { TaskMirror } from '../../src/lib/taskMirror';
import { SyncEngineContext } from '../../src/sync/hooks';
import { listHistory } from '../../src/sync/durationHistoryCache';
import { mirrorQueryKey } from '../../src/sync/taskListWriter';
import { createTasks, initialMirror, TYPE_LABELS } from './fixtures';
import { naiveSelect } from './naiveSelect';
import { FIXTURE_SEED, type InteractionResult, type SelectTiming } from './protocol';

interface PanelSession {
  root: Root;
  services: AppServices;
  mirror: TaskMirror;
}

let panel: PanelSession | null = null;

function container(): HTMLElement {
  const element = document.getElementById('list-root');
  if (!element) throw new Error('#list-root is missing');
  return element;
}

/** Resolves at the next painted frame: a task queued from its rAF callback. */
function nextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

const keyOf = (filters: TaskFilters) => `${filters.status}|${filters.type}|${filters.q}|${filters.sort}`;

/** Waits for the first painted frame after which the rows reflect `filters`; the time of that paint. */
async function paintedWith(filters: TaskFilters, timeoutMs = 5000): Promise<number> {
  const wanted = keyOf(filters);
  const started = performance.now();
  for (;;) {
    const painted = await nextPaint();
    const shown = container().querySelector('[data-shown]');
    if (shown?.getAttribute('data-shown') === wanted && !shown.hasAttribute('aria-busy')) return painted;
    if (painted - started > timeoutMs) throw new Error(`the list never showed ${wanted}`);
  }
}

/** Records main-thread tasks over 50 ms (Long Tasks API) until `stop()`; returns the longest. */
function watchLongTasks(): { stop: () => number } {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return {
    stop: () => {
      for (const entry of observer.takeRecords()) durations.push(entry.duration);
      observer.disconnect();
      return durations.length === 0 ? 0 : Math.max(...durations);
    },
  };
}

export async function mountPanel(n: number): Promise<void> {
  unmountPanel();
  useTaskListStore.setState({ ...DEFAULT_FILTERS, selected: new Set(), justFinishedCollapsed: false });
  const now = Date.now();
  const mirror = initialMirror(createTasks(n, FIXTURE_SEED, now), now);
  const services = createAppServices({ baseUrl: '/api/v1' });
  services.queryClient.setQueryData(mirrorQueryKey, mirror);
  services.queryClient.setQueryData(
    ['task-types'],
    Object.entries(TYPE_LABELS).map(([type, label]) => ({ type, label, stages: [], params: [], costPerUnit: 0 })),
  );
  const root = createRoot(container());
  panel = { root, services, mirror };
  root.render(
    <StrictMode>
      <QueryClientProvider client={services.queryClient}>
        <SyncEngineContext.Provider value={services.engine}>
          <TasksPanel />
        </SyncEngineContext.Provider>
      </QueryClientProvider>
    </StrictMode>,
  );
  await paintedWith(DEFAULT_FILTERS, 20_000);
  await nextPaint();
}

export function unmountPanel(): void {
  if (!panel) return;
  panel.root.unmount();
  panel.services.queryClient.clear();
  panel = null;
}

function control<T extends HTMLElement>(label: string): T {
  const found = [...container().querySelectorAll('label')].find((element) => element.textContent?.trim().startsWith(label));
  const input = found?.querySelector('input, select');
  if (!input) throw new Error(`no control labelled ${label}`);
  return input as T;
}

/** Sets a control's value the way the browser does on user input, so React's handler runs. */
function setValue(element: HTMLInputElement | HTMLSelectElement, value: string): void {
  const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/** One change of a select (sort, status or type filter): input event → painted rows. */
export async function choose(label: 'Sort' | 'Status' | 'Type', value: string): Promise<InteractionResult> {
  const select = control<HTMLSelectElement>(label);
  const field = label === 'Sort' ? 'sort' : label === 'Status' ? 'status' : 'type';
  const filters = { ...currentFilters(), [field]: value };
  // As between the other samples (main.tsx): a collection due anyway does not land in this one.
  (globalThis as { gc?: () => void }).gc?.();
  await nextPaint();
  const longTasks = watchLongTasks();
  const started = performance.now();
  setValue(select, value);
  const painted = await paintedWith(filters);
  await nextPaint();
  return { toPaintMs: painted - started, longestTaskMs: longTasks.stop(), shown: shownCount() };
}

/**
 * Types `text` into the search, one keystroke every `intervalMs`, and measures each keystroke
 * from its input event to the painted rows; the longest task covers the whole typing.
 */
export async function typeSearch(text: string, intervalMs: number): Promise<InteractionResult[]> {
  const input = control<HTMLInputElement>('Search');
  const results: InteractionResult[] = [];
  await nextPaint();
  for (let i = 1; i <= text.length; i += 1) {
    const filters = { ...currentFilters(), q: text.slice(0, i) };
    const longTasks = watchLongTasks();
    const started = performance.now();
    setValue(input, filters.q);
    const painted = await paintedWith(filters);
    results.push({ toPaintMs: painted - started, longestTaskMs: longTasks.stop(), shown: shownCount() });
    const wait = intervalMs - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return results;
}

/** Clears the search (not measured): the next typing starts from the whole list. */
export async function clearSearch(): Promise<void> {
  setValue(control<HTMLInputElement>('Search'), '');
  await paintedWith({ ...currentFilters(), q: '' });
}

function currentFilters(): TaskFilters {
  const { status, type, q, sort } = useTaskListStore.getState();
  return { status, type, q, sort };
}

function shownCount(): number {
  return Number(container().querySelector('[role="listitem"]')?.getAttribute('aria-setsize') ?? 0);
}

/** The selection alone (pure code), the app's against the naive one, for every sort and a search. */
export function timeSelect(repeats: number): SelectTiming[] {
  const session = panel;
  if (!session) throw new Error('mountPanel() first');
  const cases: TaskFilters[] = [
    ...(['newest', 'oldest', 'priority', 'status', 'progress', 'eta', 'cost', 'duration', 'finished'] as const).map((sort) => ({ ...DEFAULT_FILTERS, sort })),
    { ...DEFAULT_FILTERS, status: 'finished' },
    { ...DEFAULT_FILTERS, q: 'summary' },
    { ...DEFAULT_FILTERS, q: 'summary', sort: 'progress' },
  ];
  const history = listHistory(session.mirror);
  return cases.map((filters) => {
    const app: number[] = [];
    const naive: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      let started = performance.now();
      selectTaskGroups(session.mirror, filters, [], { history, maxConcurrent: 3 });
      app.push(performance.now() - started);
      started = performance.now();
      naiveSelect(session.mirror, filters, { history, maxConcurrent: 3 });
      naive.push(performance.now() - started);
    }
    return { filters: keyOf(filters), appMs: app, naiveMs: naive };
  });
}
