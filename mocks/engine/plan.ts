/**
 * How long a task takes and where it is: per-task duration sampling, the split of that duration
 * over the stages, and the position arithmetic the scheduler uses to find the next event.
 */
import type { Random } from './random';
import { defaultUnitsOf, type TaskKind } from './catalog';
import type { RunState } from './model';

const DURATION_CV = 0.25;
const STAGE_NOISE_CV = 0.2;
const MIN_STAGE_MS = 300;

/**
 * Planned work per stage: the type's mean duration, scaled mildly (square root) with the number
 * of units, drawn log-normally (CV 0.25), then split by stage weight with some noise per stage.
 */
export function planStages(kind: TaskKind, units: number, random: Random): number[] {
  const unitFactor = Math.sqrt(Math.max(units, 0.1) / defaultUnitsOf(kind));
  const total = random.lognormal(kind.meanDurationMs * unitFactor, DURATION_CV);
  const weights = kind.spec.stages.map((stage) => stage.weight);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return weights.map((weight) =>
    Math.max(MIN_STAGE_MS, Math.round((total * weight) / weightSum * random.lognormal(1, STAGE_NOISE_CV))),
  );
}

export function planTotal(plan: readonly number[]): number {
  return plan.reduce((sum, ms) => sum + ms, 0);
}

/** Plan position at which stage `index` starts. */
export function stageStart(plan: readonly number[], index: number): number {
  let start = 0;
  for (let i = 0; i < index; i++) start += plan[i] ?? 0;
  return start;
}

/** The stage that contains plan position `position` (the last stage for the very end). */
export function stageAt(plan: readonly number[], position: number): number {
  let end = 0;
  for (let i = 0; i < plan.length; i++) {
    end += plan[i] ?? 0;
    if (position < end) return i;
  }
  return plan.length - 1;
}

/** Work done in the current attempt at real time `at`. */
export function runWork(run: RunState, at: number, timeScale: number): number {
  return run.baseWork + Math.max(0, at - run.baseAt) * timeScale;
}

/** Plan position of a running attempt at real time `at`. */
export function runPosition(run: RunState, at: number, timeScale: number): number {
  return run.offset + runWork(run, at, timeScale);
}

/** Real time at which a running attempt reaches plan position `position`. */
export function timeAtPosition(run: RunState, position: number, timeScale: number): number {
  return run.baseAt + Math.max(0, position - run.offset - run.baseWork) / timeScale;
}

/** Fractions of a stage at which a progress line is logged: more for longer stages. */
export function checkpointFractions(stageMs: number): readonly number[] {
  if (stageMs >= 8000) return [0.25, 0.5, 0.75];
  if (stageMs >= 2500) return [0.5];
  return [];
}
