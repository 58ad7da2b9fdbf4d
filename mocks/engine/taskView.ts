/**
 * What a client sees of a task: weighted progress, the stages of a running task at its last
 * heartbeat, the server ETA and the actual cost. Running progress is quantised to the heartbeat
 * (HEARTBEAT_MS of task time), so a poll 10 ms after the previous one sees the same task and the
 * same version.
 */
import type { Eta, Stage, Task } from '../../src/api/schemas';
import type { TaskKind } from './catalog';
import { HEARTBEAT_MS, type TaskRecord } from './model';
import { planTotal, runWork, stageStart } from './plan';
import { hashUnit } from './random';

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Overall progress: the stages' progress weighted by their weights (0..1). */
export function weightedProgress(stages: readonly Stage[]): number {
  let total = 0;
  let done = 0;
  for (const stage of stages) {
    total += stage.weight;
    done += stage.weight * (stage.status === 'done' ? 1 : stage.progress);
  }
  return total > 0 ? Math.min(1, round3(done / total)) : 0;
}

/** The heartbeat a running attempt has reached at `at`. */
export function heartbeatAt(record: TaskRecord, at: number, timeScale: number): number {
  const run = record.sim.run;
  return run ? Math.floor(runWork(run, at, timeScale) / HEARTBEAT_MS + 1e-9) : 0;
}

/**
 * Stages, progress and ETA of a running task as published at heartbeat `heartbeat`: stages before
 * the running one are done, the running one shows the work up to the heartbeat, later ones are
 * pending. `stages` carries the timestamps to keep.
 */
export function runningFields(
  record: TaskRecord,
  kind: TaskKind,
  stages: readonly Stage[],
  heartbeat: number,
  timeScale: number,
): Pick<Task, 'stages' | 'progress' | 'eta'> {
  const run = record.sim.run;
  if (!run) return { stages: [...stages], progress: weightedProgress(stages), eta: null };
  const plan = record.sim.plan;
  const current = run.stageIndex;
  const start = stageStart(plan, current);
  const visible = Math.max(start, run.offset + heartbeat * HEARTBEAT_MS);
  const stageProgress = Math.min(0.999, Math.max(0, (visible - start) / (plan[current] ?? 1)));
  const published = stages.map((stage, index): Stage => {
    if (index < current) return stage.status === 'done' ? stage : { ...stage, status: 'done', progress: 1 };
    if (index === current) return { ...stage, status: 'running', progress: round3(stageProgress) };
    return stage.status === 'pending' && stage.progress === 0 ? stage : { ...stage, status: 'pending', progress: 0 };
  });
  return {
    stages: published,
    progress: weightedProgress(published),
    eta: kind.sendsEta ? serverEta(record, visible, heartbeat, timeScale) : null,
  };
}

/**
 * The server's own estimate: remaining planned work at the heartbeat, in real milliseconds (what
 * the client will wait), off by the task's bias and a little noise per heartbeat, like an
 * estimate from a real scheduler.
 */
function serverEta(record: TaskRecord, position: number, heartbeat: number, timeScale: number): Eta {
  const remaining = Math.max(0, planTotal(record.sim.plan) - position) / timeScale;
  const noise = 1 + 0.08 * (hashUnit(`${record.task.id}:${heartbeat}`) - 0.5);
  return { remainingMs: Math.round((remaining * record.sim.etaBias * noise) / 100) * 100, source: 'server' };
}
