/**
 * Simulated AI tasks: how long each really takes and how its reported progress moves. The
 * progress is honest about being a poor clock: stages take a different share of the time than
 * their weights say (±30 %), the pace wobbles inside each stage (±20 % per segment), the server
 * updates progress once a second, and the client knows `startedAt` only to within ±0.5 s (clock
 * offset left after correcting with the Date header). So an ETA computed from progress is off by
 * tens of percent early on and a few percent near the end, as in real life.
 */
import { randomBetween, type Random } from '../../src/lib/random';

export type TaskClass = '30s' | '2min' | '10min';

export const TASK_CLASSES: readonly TaskClass[] = ['30s', '2min', '10min'];

export const SIM_TASKS = {
  /** nominal run time of each class */
  nominalMs: { '30s': 30_000, '2min': 120_000, '10min': 600_000 } as Record<TaskClass, number>,
  /** the real run time is the nominal one × uniform [1 - spread, 1 + spread] */
  durationSpread: 0.25,
  /** from submit to running (the queue is empty in these workloads) */
  dispatchMs: [200, 800] as const,
  /** the contract's example stages: preprocess 10, inference 70, postprocess 15, upload 5 */
  stageWeights: [0.1, 0.7, 0.15, 0.05] as const,
  /** a stage's share of the time is its weight × uniform [1 - skew, 1 + skew], renormalised */
  stageSkew: 0.3,
  /** pace inside a stage: each of its segments runs at uniform [1 - wobble, 1 + wobble] */
  paceWobble: 0.2,
  segmentsPerStage: 4,
  /** the server recomputes progress this often */
  progressTickMs: 1_000,
  /** the client's error on startedAt after clock-offset correction: uniform ± this */
  startedAtErrorMs: 500,
};

/** A point of the piecewise-linear progress curve: `progress` reached `atMs` after the start. */
interface CurvePoint {
  atMs: number;
  progress: number;
}

export interface TaskSpec {
  id: string;
  cls: TaskClass;
  submitAt: number;
  startAt: number;
  /** when the server finishes it: succeeds, or fails part-way */
  endAt: number;
  outcome: 'succeeded' | 'failed';
  /** progress over time since startAt; ends at (runMs, 1) */
  curve: CurvePoint[];
  /** how wrong this client's idea of startedAt is */
  startedAtErrorMs: number;
}

/** `failShare`: the chance that the task fails somewhere between 5 % and 95 % of its run. */
export function makeTask(random: Random, id: string, cls: TaskClass, submitAt: number, failShare = 0): TaskSpec {
  const runMs =
    SIM_TASKS.nominalMs[cls] * randomBetween(random, 1 - SIM_TASKS.durationSpread, 1 + SIM_TASKS.durationSpread);
  const startAt = submitAt + randomBetween(random, SIM_TASKS.dispatchMs[0], SIM_TASKS.dispatchMs[1]);

  // Time share of each stage, then of each segment inside it (progress split evenly).
  const stageShares = SIM_TASKS.stageWeights.map(
    (weight) => weight * randomBetween(random, 1 - SIM_TASKS.stageSkew, 1 + SIM_TASKS.stageSkew),
  );
  const stageTotal = stageShares.reduce((a, b) => a + b, 0);
  const curve: CurvePoint[] = [{ atMs: 0, progress: 0 }];
  let at = 0;
  let progress = 0;
  SIM_TASKS.stageWeights.forEach((weight, stage) => {
    const stageMs = (runMs * (stageShares[stage] ?? 0)) / stageTotal;
    const slowness = Array.from({ length: SIM_TASKS.segmentsPerStage }, () =>
      1 / randomBetween(random, 1 - SIM_TASKS.paceWobble, 1 + SIM_TASKS.paceWobble),
    );
    const slownessTotal = slowness.reduce((a, b) => a + b, 0);
    for (const s of slowness) {
      at += (stageMs * s) / slownessTotal;
      progress += weight / SIM_TASKS.segmentsPerStage;
      curve.push({ atMs: at, progress: Math.min(1, progress) });
    }
  });
  const last = curve[curve.length - 1];
  if (last) last.progress = 1;

  // Drawn only when failures are asked for, so workloads without them keep their random stream.
  const failsAt = failShare > 0 && random() < failShare ? randomBetween(random, 0.05, 0.95) : null;

  return {
    id,
    cls,
    submitAt,
    startAt,
    endAt: startAt + runMs * (failsAt ?? 1),
    outcome: failsAt === null ? 'succeeded' : 'failed',
    curve,
    startedAtErrorMs: randomBetween(random, -SIM_TASKS.startedAtErrorMs, SIM_TASKS.startedAtErrorMs),
  };
}

/** The true progress `sinceStartMs` after the start. */
export function trueProgress(spec: TaskSpec, sinceStartMs: number): number {
  if (sinceStartMs <= 0) return 0;
  for (let i = 1; i < spec.curve.length; i++) {
    const a = spec.curve[i - 1];
    const b = spec.curve[i];
    if (a && b && sinceStartMs <= b.atMs) {
      return a.progress + ((b.progress - a.progress) * (sinceStartMs - a.atMs)) / (b.atMs - a.atMs);
    }
  }
  return 1;
}
