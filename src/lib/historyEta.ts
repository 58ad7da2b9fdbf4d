/**
 * History-based ETA, the one a user sees (the pace-based one in `sync/paceEta.ts` drives polling
 * only). The server's own estimate wins when it sends one; otherwise the client
 * estimates from history: recent execution durations of the same task type give a range from the
 * mean to the 75th percentile, scaled by the remaining weight of the task's stages and counted
 * from the start of execution, then calibrated by the task's own observed rate as its progress
 * grows. Queued tasks add the expected wait from their queue position and the concurrency.
 * With no history there is no estimate: no ETA is better than a wrong one.
 */
import type { Task } from '../api/schemas';
import { remainingWeightShare, taskProgress } from './progress';

/** Recent execution durations in ms per task type, oldest first. */
export type DurationHistory = Readonly<Record<string, readonly number[]>>;

export const ETA_DEFAULTS = {
  /** fewer finished tasks of a type than this: no estimate */
  minSamples: 3,
  /** the most recent durations kept per type */
  maxSamples: 50,
  /** below this progress the task's own rate is too noisy to calibrate with */
  minCalibrationProgress: 0.05,
} as const;

export type TaskEta =
  | { source: 'server'; remainingMs: number }
  | {
      source: 'history';
      /** the range of the remaining time, in ms */
      lowMs: number;
      highMs: number;
      /** expected wait in the queue before it starts, for queued tasks */
      waitMs: number | null;
      calibrated: boolean;
    };

export interface EtaContext {
  history: DurationHistory;
  /** the client's clock now (or the moment the screen froze) */
  now: number;
  /**
   * when this version of the task was measured, on the client's clock (`taskMeasuredAt`): every
   * ETA is computed as of then and counts down from there
   */
  measuredAt: number;
  /** tasks the server runs at once, for the wait of queued tasks */
  maxConcurrent: number;
  /** the queue position to go by, when the screen corrected the server's (`queueForecast.ts`) */
  queuePosition?: number | null;
}

/** A finished task's sample, parsed once per task object (a poll brings new objects only for changed tasks). */
const sampleByTask = new WeakMap<Task, { finishedAt: number; duration: number } | null>();

function durationSample(task: Task): { finishedAt: number; duration: number } | null {
  let sample = sampleByTask.get(task);
  if (sample === undefined) {
    const duration = executionDuration(task);
    sample = duration === null || task.finishedAt === null ? null : { finishedAt: Date.parse(task.finishedAt), duration };
    sampleByTask.set(task, sample);
  }
  return sample;
}

/** Builds the per-type history from finished tasks: first-attempt successes with both times. */
export function durationHistory(tasks: Iterable<Task>, maxSamples: number = ETA_DEFAULTS.maxSamples): DurationHistory {
  const byType = new Map<string, { finishedAt: number; duration: number }[]>();
  for (const task of tasks) {
    if (task.status !== 'succeeded') continue;
    const sample = durationSample(task);
    if (!sample) continue;
    const list = byType.get(task.type) ?? [];
    list.push(sample);
    byType.set(task.type, list);
  }
  const history: Record<string, number[]> = {};
  for (const [type, list] of byType) {
    list.sort((a, b) => a.finishedAt - b.finishedAt);
    history[type] = list.slice(-maxSamples).map((entry) => entry.duration);
  }
  return history;
}

/** Whether two histories hold the same durations (so the older object can be kept). */
export function sameHistory(a: DurationHistory, b: DurationHistory): boolean {
  const types = Object.keys(a);
  if (types.length !== Object.keys(b).length) return false;
  return types.every((type) => {
    const x = a[type] ?? [];
    const y = b[type];
    return y !== undefined && x.length === y.length && x.every((value, i) => value === y[i]);
  });
}

/** Start-to-finish time of a first-attempt success, or null when it does not qualify. */
export function executionDuration(task: Task): number | null {
  if (task.status !== 'succeeded' || task.attempt !== 1 || !task.startedAt || !task.finishedAt) return null;
  const duration = Date.parse(task.finishedAt) - Date.parse(task.startedAt);
  return Number.isFinite(duration) && duration > 0 ? duration : null;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Linear-interpolated percentile, q in 0..1. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? a;
  return a + (b - a) * (position - lower);
}

/**
 * The ETA for an active task at `now`, or null when there is nothing trustworthy to say.
 *
 * Every estimate is made as of `measuredAt`, from what the task said then, and counts down from
 * there: between two updates an ETA only ever goes down, by one second a second, until it reaches
 * zero. Only new data (a new version of the task, more history) can move it up. The task's own
 * pace is measured on the server's clock alone (`updatedAt − startedAt`), so a skewed client
 * clock cannot bend it.
 */
export function estimateEta(task: Task, context: EtaContext): TaskEta | null {
  if (task.status !== 'running' && task.status !== 'queued') return null;
  const since = Math.max(0, context.now - context.measuredAt);

  if (task.eta) {
    return { source: 'server', remainingMs: Math.max(0, task.eta.remainingMs - since) };
  }

  const samples = context.history[task.type] ?? [];
  if (samples.length < ETA_DEFAULTS.minSamples) return null;
  const { typicalLow, typicalHigh } = typicalDurations(samples);

  if (task.status === 'queued') {
    const position = context.queuePosition === undefined ? task.queuePosition : context.queuePosition;
    const waitAtMeasure = queueWait(position, context);
    const waitMs = Math.max(0, waitAtMeasure - since);
    return {
      source: 'history',
      lowMs: Math.max(0, waitAtMeasure + typicalLow - since),
      highMs: Math.max(0, waitAtMeasure + typicalHigh - since),
      waitMs,
      calibrated: false,
    };
  }

  const remainingShare = remainingWeightShare(task);
  let lowTotal = typicalLow;
  let highTotal = typicalHigh;
  let calibrated = false;
  const progress = taskProgress(task);
  // How long it had run when it reported `progress`: both ends on the server's clock.
  const elapsed = task.startedAt ? Date.parse(task.updatedAt) - Date.parse(task.startedAt) : Number.NaN;
  if (task.attempt === 1 && progress >= ETA_DEFAULTS.minCalibrationProgress && elapsed > 0) {
    // The task's own pace: the more of it we have seen, the more it counts.
    const ownTotal = elapsed / progress;
    lowTotal = (1 - progress) * typicalLow + progress * ownTotal;
    highTotal = (1 - progress) * typicalHigh + progress * ownTotal;
    calibrated = true;
  }
  const lowMs = Math.max(0, lowTotal * remainingShare - since);
  const highMs = Math.max(lowMs, highTotal * remainingShare - since);
  return { source: 'history', lowMs, highMs, waitMs: null, calibrated };
}

/** Mean and 75th percentile of one type's durations, computed once per history array (rows tick every second). */
const typicalByHistory = new WeakMap<readonly number[], { typicalLow: number; typicalHigh: number }>();

function typicalDurations(samples: readonly number[]): { typicalLow: number; typicalHigh: number } {
  let typical = typicalByHistory.get(samples);
  if (!typical) {
    const typicalLow = mean(samples);
    typical = { typicalLow, typicalHigh: Math.max(typicalLow, percentile(samples, 0.75)) };
    typicalByHistory.set(samples, typical);
  }
  return typical;
}

/** Expected wait before a queued task starts: rounds of the running slots ahead of it. */
export function queueWait(queuePosition: number | null, context: Pick<EtaContext, 'history' | 'maxConcurrent'>): number {
  if (queuePosition === null) return 0;
  const all = Object.values(context.history).flat();
  if (all.length === 0) return 0;
  const slots = Math.max(1, context.maxConcurrent);
  // With every slot busy, tasks finish at about `slots / mean` per ms; it starts after `position` finish.
  return (queuePosition / slots) * mean(all);
}

/** The single number an ETA stands for (the middle of a range), e.g. to score its accuracy. */
export function etaMidpoint(eta: TaskEta): number {
  return eta.source === 'server' ? eta.remainingMs : (eta.lowMs + eta.highMs) / 2;
}

/**
 * How far a shown ETA was from what happened, relative to the task's run time: predicted end vs
 * actual end, divided by the actual duration (0.1 = off by 10 % of the run).
 */
export function etaRelativeError(predictedEndAt: number, actualEndAt: number, startedAt: number): number {
  const duration = Math.max(1, actualEndAt - startedAt);
  return Math.abs(predictedEndAt - actualEndAt) / duration;
}
