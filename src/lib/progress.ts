/**
 * Weighted stage progress. A task's overall progress is the weight-normalised sum of its stages'
 * progress: done and skipped stages count in full, the running (or failed) stage by its own
 * progress, pending stages not at all. Because stages run in order, this is monotone across stage
 * boundaries within one attempt.
 *
 * A canceled task is the exception: its unfinished stages are marked skipped, but they were never
 * done, so there a skipped stage counts by its own progress — a canceled task keeps the progress
 * it had (contract 1.1) instead of showing 100 %.
 */
import type { Stage, Task } from '../api/schemas';

export function totalWeight(stages: readonly Pick<Stage, 'weight'>[]): number {
  return stages.reduce((sum, stage) => sum + Math.max(0, stage.weight), 0);
}

/** How much of one stage counts towards the task's progress, 0..1 (`canceled`: the task's). */
export function stageCompletion(stage: Pick<Stage, 'status' | 'progress'>, canceled = false): number {
  switch (stage.status) {
    case 'done':
      return 1;
    case 'skipped':
      return canceled ? clamp01(stage.progress) : 1;
    case 'running':
    case 'failed':
      return clamp01(stage.progress);
    case 'pending':
      return 0;
  }
}

/** Overall progress 0..1 computed from the stages; 0 when there are none or all weigh nothing. */
export function weightedProgress(stages: readonly Pick<Stage, 'weight' | 'status' | 'progress'>[], canceled = false): number {
  const total = totalWeight(stages);
  if (total <= 0) return 0;
  const done = stages.reduce((sum, stage) => sum + Math.max(0, stage.weight) * stageCompletion(stage, canceled), 0);
  return clamp01(done / total);
}

/**
 * The progress to show for a task: 1 when it succeeded, the server's `progress` when it sends one
 * (it may know better inside a stage), else the weighted sum of the stages. Never below the
 * weighted sum of finished stages, so a lagging server value cannot undo a completed stage.
 */
export function taskProgress(task: Pick<Task, 'status' | 'stages' | 'progress'>): number {
  if (task.status === 'succeeded') return 1;
  const canceled = task.status === 'canceled';
  const fromStages = weightedProgress(task.stages, canceled);
  if (task.progress == null) return fromStages;
  return clamp01(Math.max(task.progress, finishedWeightShare(task.stages, canceled)));
}

/** Share of the total weight in stages that are done or skipped (only done ones when `canceled`). */
export function finishedWeightShare(stages: readonly Pick<Stage, 'weight' | 'status'>[], canceled = false): number {
  const total = totalWeight(stages);
  if (total <= 0) return 0;
  const finished = stages
    .filter((stage) => stage.status === 'done' || (stage.status === 'skipped' && !canceled))
    .reduce((sum, stage) => sum + Math.max(0, stage.weight), 0);
  return finished / total;
}

/** Remaining share of the work, 0..1: what an ETA scales by. */
export function remainingWeightShare(task: Pick<Task, 'status' | 'stages' | 'progress'>): number {
  return 1 - taskProgress(task);
}

/** The stage a task is in now (running or failed), else the first pending one, else null. */
export function currentStage<S extends Pick<Stage, 'status'>>(stages: readonly S[]): S | null {
  return (
    stages.find((stage) => stage.status === 'running' || stage.status === 'failed') ??
    stages.find((stage) => stage.status === 'pending') ??
    null
  );
}

/**
 * Screen-side guard: progress shown for one attempt never moves backwards, even if an answer
 * arrives out of order. A new attempt (a retry) starts a new series.
 */
export function monotoneProgress(
  previous: { attempt: number; value: number } | undefined,
  attempt: number,
  value: number,
): { attempt: number; value: number } {
  if (previous && previous.attempt === attempt && previous.value > value) return previous;
  return { attempt, value };
}

export interface StageSegment {
  key: string;
  label: string;
  status: Stage['status'];
  /** share of the bar's width, 0..1 */
  width: number;
  /** how much of this segment is filled, 0..1 */
  fill: number;
}

/** The segments of a stage bar: each as wide as its weight, filled by its completion. */
export function stageSegments(stages: readonly Stage[], canceled = false): StageSegment[] {
  const total = totalWeight(stages);
  return stages.map((stage) => ({
    key: stage.key,
    label: stage.label,
    status: stage.status,
    width: total > 0 ? Math.max(0, stage.weight) / total : 1 / Math.max(1, stages.length),
    fill: stageCompletion(stage, canceled),
  }));
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
