/**
 * What the render benchmark's runner (bench/render.bench.ts, Node) and its page
 * (bench/render/.page, Chromium) say to each other: the list variants and the shape of every
 * measurement the page's `window.__bench` returns. Types and constants only, so both sides can
 * import it.
 */

/** `app` is the real list; the other two are the named baselines it is compared against. */
export type Variant = 'app' | 'naive' | 'no-memo';

export const VARIANTS: readonly { key: Variant; label: string }[] = [
  { key: 'app', label: 'app: virtualised, rows memoised on identity-preserving merges' },
  { key: 'naive', label: 'naive list: every row in the DOM (no virtualisation)' },
  { key: 'no-memo', label: 'no row memo: every task a new object on each poll' },
];

/** The seed of the synthetic task set and of the polls' choices. */
export const FIXTURE_SEED = 20261122;

/** A frame at 60 Hz (16.7 ms); a rAF gap above 1.5 frames counts as dropped frames. */
export const FRAME_MS = 1000 / 60;
export const DROP_THRESHOLD_MS = 1.5 * FRAME_MS;

export interface MountResult {
  /** `root.render` → the first commit's layout phase (the Profiler's callback) */
  firstCommitMs: number;
  /** `root.render` → the last commit up to the first painted frame (the windowed list commits again once it has measured its viewport) */
  commitMs: number;
  /** `root.render` → after the first painted frame (a task queued from the next rAF) */
  paintMs: number;
  /** sum of the Profiler's actualDuration over those commits */
  profilerMs: number;
  commits: number;
  rowRenders: number;
  rowsMounted: number;
}

export interface PollResult {
  /** `setMirror` → back from the synchronous update: render, commit, layout and passive effects */
  commitMs: number;
  /** the Profiler's actualDuration for the update */
  profilerMs: number;
  /** `setMirror` → after the next painted frame (adds style, layout and paint) */
  paintMs: number;
  commits: number;
  /** row components (TaskRow) rendered by the update, counted through `onRowRender` */
  rowRenders: number;
  /** tasks the delta changed */
  changed: number;
  /** of those, how many had a row in the DOM when the poll arrived */
  changedMounted: number;
  rowsMounted: number;
}

export interface ScrollResult {
  durationMs: number;
  distancePx: number;
  /** rAF callbacks after the first */
  frames: number;
  /** gaps over 1.5 frames, each counting round(gap / 16.7) − 1 missed frames */
  droppedFrames: number;
  /** gaps over 1.5 frames */
  longFrames: number;
  medianGapMs: number;
  maxGapMs: number;
  rowRenders: number;
  commits: number;
  /** the Profiler's actualDuration summed over the scroll */
  profilerMs: number;
}

/** One input on the task region: a sort, a filter or a keystroke in the search. */
export interface InteractionResult {
  /** the input event → the first painted frame whose rows reflect it */
  toPaintMs: number;
  /** the longest main-thread task (Long Tasks API, ≥ 50 ms; 0 when none) from the input to that paint */
  longestTaskMs: number;
  /** entries in the list afterwards */
  shown: number;
}

/** The selection alone (filter, search, sort of the mirror), the app's against the naive baseline. */
export interface SelectTiming {
  filters: string;
  appMs: number[];
  naiveMs: number[];
}

export interface BenchApi {
  mount(n: number, variant: Variant): Promise<MountResult>;
  poll(changed: number): Promise<PollResult>;
  scroll(durationMs: number, pxPerSecond: number): Promise<ScrollResult>;
  unmount(): void;
  /** the real task region (TasksPanel) over n tasks, for the interactions below */
  mountPanel(n: number): Promise<void>;
  choose(label: 'Sort' | 'Status' | 'Type', value: string): Promise<InteractionResult>;
  typeSearch(text: string, intervalMs: number): Promise<InteractionResult[]>;
  clearSearch(): Promise<void>;
  timeSelect(repeats: number): SelectTiming[];
  unmountPanel(): void;
}
