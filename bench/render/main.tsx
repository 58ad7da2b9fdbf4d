/**
 * The render benchmark's page. It renders the real task list inside the app's real providers (a
 * query client and a sync engine from `createAppServices`; the engine is never started, so
 * nothing fetches) and exposes `window.__bench` for the runner (bench/render.bench.ts): mount a
 * list of n synthetic tasks, apply polls, scroll. Timings come from a <Profiler> (the build
 * aliases react-dom/client to react-dom/profiling) and from performance.now() around each update.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createRef, Profiler, StrictMode, type ProfilerOnRenderCallback, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createAppServices, type AppServices } from '../../src/app/createAppServices';
import '../../src/app/styles.css';
import '../../src/app/layout.css';
import type { Task } from '../../src/api/schemas';
import { loadMessages } from '../../src/i18n/i18n';
import { initialLocale } from '../../src/i18n/localeStore';
import { deriveSeed, mulberry32, type Random } from '../../src/lib/random';
import { DEFAULT_FILTERS, selectTasks } from '../../src/lib/taskFilters';
import { applyDelta, type TaskMirror } from '../../src/lib/taskMirror';
import { SyncEngineContext } from '../../src/sync/hooks';
import { createTasks, initialMirror, pollDelta, withFreshTasks } from './fixtures';
import {
  DROP_THRESHOLD_MS,
  FIXTURE_SEED,
  FRAME_MS,
  VARIANTS,
  type BenchApi,
  type MountResult,
  type PollResult,
  type ScrollResult,
  type Variant,
} from './protocol';
import { BenchList, type BenchListHandle } from './BenchList';
import { choose, clearSearch, mountPanel, timeSelect, typeSearch, unmountPanel } from './interactions';

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

interface Commit {
  at: number;
  actualDuration: number;
}

/** What the probes saw since the last reset: Profiler commits and TaskRow renders. */
const probe = { commits: [] as Commit[], rowRenders: 0, onCommit: null as (() => void) | null };

const onRender: ProfilerOnRenderCallback = (_id, _phase, actualDuration) => {
  // The Profiler's callback runs in the layout phase, after its subtree's layout effects.
  probe.commits.push({ at: performance.now(), actualDuration });
  probe.onCommit?.();
};

const onRowRender = () => {
  probe.rowRenders += 1;
};

function resetProbe(): void {
  probe.commits = [];
  probe.rowRenders = 0;
  probe.onCommit = null;
}

interface Session {
  root: Root;
  services: AppServices;
  handle: RefObject<BenchListHandle | null>;
  mirror: TaskMirror;
  variant: Variant;
  random: Random;
}

let session: Session | null = null;

function container(): HTMLElement {
  const element = document.getElementById('list-root');
  if (!element) throw new Error('#list-root is missing');
  return element;
}

/** Resolves after the next frame was painted: a task queued from its rAF callback. */
function nextPaint(): Promise<{ frameStart: number; painted: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const frameStart = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frameStart, painted: performance.now() });
      channel.port2.postMessage(null);
    });
  });
}

/** Chromium runs with --js-flags=--expose-gc; collect between samples so a GC does not land in one. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Ids of the tasks whose rows are in the DOM, read from aria-posinset. */
function mountedIds(shown: readonly Task[]): string[] {
  const ids: string[] = [];
  for (const item of container().querySelectorAll('[role="listitem"]')) {
    const task = shown[Number(item.getAttribute('aria-posinset')) - 1];
    if (task) ids.push(task.id);
  }
  return ids;
}

function requireSession(): Session {
  if (!session) throw new Error('mount() first');
  return session;
}

async function mount(n: number, variant: Variant): Promise<MountResult> {
  unmount();
  if (!VARIANTS.some((v) => v.key === variant)) throw new Error(`unknown variant ${variant}`);
  const now = Date.now();
  const mirror = initialMirror(createTasks(n, FIXTURE_SEED, now), now);
  const services = createAppServices({ baseUrl: '/api/v1' });
  const handle = createRef<BenchListHandle>();
  const root = createRoot(container());
  const variantIndex = VARIANTS.findIndex((v) => v.key === variant);
  session = { root, services, handle, mirror, variant, random: mulberry32(deriveSeed(FIXTURE_SEED, n, variantIndex)) };

  collectGarbage();
  await nextPaint();
  resetProbe();
  const committed = new Promise<void>((resolve) => {
    probe.onCommit = resolve;
  });
  const started = performance.now();
  root.render(
    <StrictMode>
      <QueryClientProvider client={services.queryClient}>
        <SyncEngineContext.Provider value={services.engine}>
          <Profiler id="list" onRender={onRender}>
            <BenchList ref={handle} initialMirror={mirror} variant={variant} onRowRender={onRowRender} />
          </Profiler>
        </SyncEngineContext.Provider>
      </QueryClientProvider>
    </StrictMode>,
  );
  await committed;
  const { painted } = await nextPaint();
  const commits = probe.commits.filter((commit) => commit.at <= painted);
  const first = commits[0];
  const last = commits[commits.length - 1];
  if (!first || !last) throw new Error('no commit before the first paint');
  return {
    firstCommitMs: first.at - started,
    commitMs: last.at - started,
    paintMs: painted - started,
    profilerMs: sum(commits.map((commit) => commit.actualDuration)),
    commits: commits.length,
    rowRenders: probe.rowRenders,
    rowsMounted: container().querySelectorAll('[role="listitem"]').length,
  };
}

async function poll(changed: number): Promise<PollResult> {
  const current = requireSession();
  const shown = selectTasks(current.mirror, DEFAULT_FILTERS, []);
  const mounted = mountedIds(shown);
  const now = Date.now();
  const { delta, changedIds } = pollDelta(current.mirror, changed, current.random, mounted, now);
  let next = applyDelta(current.mirror, delta, now);
  if (current.variant === 'no-memo') next = withFreshTasks(next, now);
  const mountedSet = new Set(mounted);
  const setMirror = current.handle.current?.setMirror;
  if (!setMirror) throw new Error('the list is not mounted');

  collectGarbage();
  await nextPaint();
  resetProbe();
  const started = performance.now();
  // The app's mirror reaches React through useSyncExternalStore (TanStack Query), a synchronous
  // update; flushSync gives the same and keeps the whole update inside the measured window.
  flushSync(() => setMirror(next));
  const committedAt = performance.now();
  const commits = [...probe.commits];
  const rowRenders = probe.rowRenders;
  const { painted } = await nextPaint();
  current.mirror = next;
  return {
    commitMs: committedAt - started,
    profilerMs: sum(commits.map((commit) => commit.actualDuration)),
    paintMs: painted - started,
    commits: commits.length,
    rowRenders,
    changed: changedIds.length,
    changedMounted: changedIds.filter((id) => mountedSet.has(id)).length,
    rowsMounted: mounted.length,
  };
}

async function scroll(durationMs: number, pxPerSecond: number): Promise<ScrollResult> {
  requireSession();
  const element = container().querySelector<HTMLElement>('.task-list-scroll');
  if (!element) throw new Error('no scroll element');
  element.scrollTop = 0;
  await nextPaint();
  await nextPaint();
  collectGarbage();
  resetProbe();
  const gaps: number[] = [];
  await new Promise<void>((resolve) => {
    let start = -1;
    let last = -1;
    const step = (time: number) => {
      if (start < 0) start = time;
      else gaps.push(time - last);
      last = time;
      const elapsed = time - start;
      if (elapsed >= durationMs) {
        resolve();
        return;
      }
      element.scrollTop = (elapsed / 1000) * pxPerSecond;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const long = gaps.filter((gap) => gap > DROP_THRESHOLD_MS);
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    durationMs,
    distancePx: element.scrollTop,
    frames: gaps.length,
    // Rounded, not floored: two vsyncs measure 33.3 ms, and floor(33.3 / 16.7) would call it none missed.
    droppedFrames: sum(long.map((gap) => Math.max(0, Math.round(gap / FRAME_MS) - 1))),
    longFrames: long.length,
    medianGapMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    maxGapMs: sorted[sorted.length - 1] ?? 0,
    rowRenders: probe.rowRenders,
    commits: probe.commits.length,
    profilerMs: sum(probe.commits.map((commit) => commit.actualDuration)),
  };
}

function unmount(): void {
  unmountPanel();
  if (!session) return;
  session.root.unmount();
  session.services.queryClient.clear();
  session = null;
  resetProbe();
}

// As src/app/main.tsx: the language's messages are a chunk of their own, loaded before the first render.
await loadMessages(initialLocale());
window.__bench = { mount, poll, scroll, unmount, mountPanel, choose, typeSearch, clearSearch, timeSelect, unmountPanel };
