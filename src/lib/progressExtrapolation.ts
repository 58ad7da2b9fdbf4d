/**
 * Progress between updates. A running task's bar keeps moving between two answers from the
 * server, at the pace the task itself has shown in its current stage:
 *
 * - the **pace** of the running stage is its progress over the time since it started
 *   (`stage.progress / (updatedAt − stage.startedAt)`, both server timestamps), blended with a
 *   prior while the stage is young: the server's ETA, else the pace of the stages this task has
 *   finished, else the typical duration of its type. A prior is worth `priorWeightMs` of
 *   observation, so after a few seconds in a stage the task's own pace dominates; with no
 *   progress in the stage yet, the prior alone moves the bar (no "0 %" for minutes);
 * - from the moment the numbers were measured (`taskClock.ts`), the stage advances at that pace,
 *   and **never past `stageCap`** of the stage: only the server can finish a stage, so the bar
 *   cannot run into the next stage or reach 100 % before the server says so;
 * - whatever lies beyond the server's own figure is an **estimate** and is reported as such.
 *
 * Pure: the task, the time it was measured, `now`. That the bar never moves backwards (an update
 * that brings less than was extrapolated) is the screen's guard, `monotoneProgress` in
 * progress.ts; freezing while data is stale is the caller passing the moment it froze as `now`.
 */
import type { Stage, Task } from '../api/schemas';
import type { DurationHistory } from './historyEta';
import { taskProgress, totalWeight } from './progress';

export interface ExtrapolationConfig {
  /** how much observation (ms in the stage) a prior pace is worth */
  priorWeightMs: number;
  /** less time in the stage than this says nothing about its pace (rounding, a late heartbeat) */
  minStageMs: number;
  /** the stage is never extrapolated past this share of it */
  stageCap: number;
  /** fewer finished tasks of the type than this: no history prior */
  minHistorySamples: number;
}

export const EXTRAPOLATION_DEFAULTS: Readonly<ExtrapolationConfig> = Object.freeze({
  priorWeightMs: 4_000,
  minStageMs: 1_000,
  stageCap: 0.99,
  minHistorySamples: 3,
});

export interface ExtrapolationInput {
  /** when the task's numbers were true, on the client's clock (`taskMeasuredAt`) */
  measuredAt: number;
  /** the client's clock now (or the moment the screen froze) */
  now: number;
  /** recent durations per type, for a prior pace; optional */
  history?: DurationHistory;
}

export type PaceBasis =
  /** the running stage's own progress over its time */
  | 'stage'
  /** the stage's own pace blended with a prior */
  | 'blended'
  /** too young for its own pace: the prior alone */
  | 'prior';

export interface ExtrapolatedProgress {
  /** overall progress to show, 0..1 */
  value: number;
  /** the server's figure, 0..1 */
  reported: number;
  /** index of the running stage; -1 when the task is not running or has no running stage */
  stageIndex: number;
  /** the running stage's own progress as shown (extrapolated), 0..1 */
  stageFill: number;
  /** `value` is ahead of the server's figure */
  estimated: boolean;
  /** where the pace came from; null when nothing was extrapolated */
  basis: PaceBasis | null;
}

/**
 * The progress to show at `now` for a task measured at `measuredAt`. Tasks that are not running,
 * or give nothing to go on, show the server's figure.
 */
export function extrapolateProgress(
  task: Pick<Task, 'type' | 'status' | 'stages' | 'progress' | 'eta' | 'updatedAt'>,
  input: ExtrapolationInput,
  config: ExtrapolationConfig = EXTRAPOLATION_DEFAULTS,
): ExtrapolatedProgress {
  const reported = taskProgress(task);
  const stageIndex = task.status === 'running' ? task.stages.findIndex((stage) => stage.status === 'running') : -1;
  const stage = task.stages[stageIndex];
  const still: ExtrapolatedProgress = {
    value: reported,
    reported,
    stageIndex,
    stageFill: stage ? clamp01(stage.progress) : 0,
    estimated: false,
    basis: null,
  };
  const total = totalWeight(task.stages);
  if (!stage || total <= 0 || stage.weight <= 0) return still;
  const stageShare = stage.weight / total;
  const pace = stagePace(task, stage, stageShare, input.history, config);
  if (!pace) return still;

  const from = clamp01(stage.progress);
  const cap = Math.max(from, config.stageCap);
  const elapsed = Math.max(0, input.now - input.measuredAt);
  // In steps of a thousandth of the whole: finer is invisible, and a bar that did not visibly
  // move need not render again.
  const advance = Math.floor((Math.min(cap, from + pace.perMs * elapsed) - from) * stageShare * 1000) / 1000;
  const stageFill = from + advance / stageShare;
  // Add the stage's advance to the server's overall figure (which may know better than the stages).
  const value = Math.min(1, reported + advance);
  return { value, reported, stageIndex, stageFill, estimated: advance > 0, basis: pace.basis };
}

interface Pace {
  /** stage progress per ms */
  perMs: number;
  basis: PaceBasis;
}

/** The running stage's pace: its own, a prior, or both blended by how much of each there is. */
function stagePace(
  task: Pick<Task, 'type' | 'stages' | 'progress' | 'eta' | 'updatedAt' | 'status'>,
  stage: Stage,
  stageShare: number,
  history: DurationHistory | undefined,
  config: ExtrapolationConfig,
): Pace | null {
  const measured = Date.parse(task.updatedAt);
  const started = stage.startedAt ? Date.parse(stage.startedAt) : Number.NaN;
  // Both are server timestamps: their difference needs no clock offset.
  const inStage = Number.isFinite(measured) && Number.isFinite(started) ? measured - started : 0;
  const wholeMs = priorWholeMs(task, history, config);
  const prior = wholeMs === null ? null : 1 / (wholeMs * stageShare);
  const progress = clamp01(stage.progress);

  if (inStage >= config.minStageMs && progress > 0) {
    const own = progress / inStage;
    if (prior === null) return { perMs: own, basis: 'stage' };
    // The prior counts as `priorWeightMs` of observation. Blended as time per unit of progress
    // (harmonic), so a prior much faster than the stage loses quickly: a bar that runs ahead and
    // then has to wait for the next update looks worse than one that lags and catches up.
    const weight = config.priorWeightMs / (config.priorWeightMs + inStage);
    const msPerUnit = weight / prior + (1 - weight) / own;
    return { perMs: 1 / msPerUnit, basis: 'blended' };
  }
  return prior === null ? null : { perMs: prior, basis: 'prior' };
}

/**
 * How long the whole task would take at the prior pace (ms for 100 %): from the server's ETA,
 * else from the stages this task has finished, else from the type's recent durations.
 */
function priorWholeMs(
  task: Pick<Task, 'type' | 'stages' | 'progress' | 'eta' | 'status'>,
  history: DurationHistory | undefined,
  config: ExtrapolationConfig,
): number | null {
  const reported = taskProgress(task);
  if (task.eta && task.eta.remainingMs > 0 && reported < 0.99) {
    return task.eta.remainingMs / (1 - reported);
  }
  const total = totalWeight(task.stages);
  let doneMs = 0;
  let doneWeight = 0;
  for (const stage of task.stages) {
    if (stage.status !== 'done' || !stage.startedAt || !stage.finishedAt) continue;
    const ms = Date.parse(stage.finishedAt) - Date.parse(stage.startedAt);
    if (!Number.isFinite(ms) || ms <= 0) continue;
    doneMs += ms;
    doneWeight += Math.max(0, stage.weight);
  }
  if (doneWeight > 0 && total > 0) return doneMs / (doneWeight / total);
  const durations = history?.[task.type] ?? [];
  if (durations.length >= config.minHistorySamples) {
    return durations.reduce((sum, ms) => sum + ms, 0) / durations.length;
  }
  return null;
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
