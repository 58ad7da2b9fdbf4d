/**
 * Putting a new task directly into a state, as if it had lived through it: finished tasks get
 * stage timestamps that follow their planned durations (so a client's duration history is
 * realistic), running ones start in the past and sit mid-stage, queued ones join the queue.
 * Their log history is written only when first read (`backfillLog`).
 */
import type { Stage, TaskStatus } from '../../src/api/schemas';
import { resolveParams } from './catalog';
import { describeFailure, rollFailure } from './failures';
import { traceId, workerName } from './ids';
import { checkpointLine, stageStartLine } from './logLines';
import { HEARTBEAT_MS, type TaskRecord } from './model';
import { checkpointFractions, planTotal, stageAt, stageStart } from './plan';
import { Random, hashString } from './random';
import { enqueue, kindOf, scheduleNext } from './scheduler';
import { updateTask, type EngineState } from './state';
import type { StoredLogLine } from './taskLogs';
import { spentSoFar, workCost } from './attempts';
import { runningFields, weightedProgress } from './taskView';
import { describeDuration, iso } from './time';

type Finished = Extract<TaskStatus, 'succeeded' | 'failed' | 'canceled'>;

/** Finishes `record` at `finishedAt`; a failed one fails with `failureCode` when given. */
export function placeFinished(
  state: EngineState,
  record: TaskRecord,
  status: Finished,
  finishedAt: number,
  failureCode?: string,
): void {
  const { sim } = record;
  const kind = kindOf(record);
  const scale = state.config.timeScale;
  const random = state.simulation;
  const total = planTotal(sim.plan);
  let stopAt = total;
  let failure = null;
  if (status === 'failed') {
    failure = rollFailure(kind, sim.plan, 0, 1, random, null);
    if (failure && failureCode) failure = { ...failure, code: failureCode };
    stopAt = failure?.position ?? total * 0.5;
  } else if (status === 'canceled') {
    stopAt = total * random.between(0.05, 0.9);
  }
  const stopIndex = status === 'succeeded' ? sim.plan.length - 1 : stageAt(sim.plan, stopAt);
  const startedAt = finishedAt - stopAt / scale;
  const stages = pastStages(record, startedAt, scale, stopAt, status === 'succeeded' ? 'done' : status === 'failed' ? 'failed' : 'skipped');
  sim.workDone = stopAt;
  const worker = workerName(random);
  let error = null;
  if (failure) {
    const stageKey = kind.spec.stages[stopIndex]?.key ?? null;
    error = describeFailure(failure, {
      type: kind.spec.type,
      stage: stageKey ?? '',
      worker,
      taskId: record.task.id,
      random,
      traceId: traceId(random),
      attempt: 1,
    }).error;
    sim.lastError = { code: error.code, stage: stageKey };
  }
  const createdAt = startedAt - random.between(2_000, 90_000);
  sim.backfillLogs = true;
  sim.attempts.push({
    attempt: 1,
    status,
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
    stage: kind.spec.stages[stopIndex]?.key ?? null,
    error,
    cost: workCost(record, stopAt),
  });
  updateTask(state, record, {
    status,
    stages,
    progress: status === 'succeeded' ? 1 : weightedProgress(stages),
    error,
    createdAt: iso(createdAt),
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
    cost: { ...record.task.cost, actual: spentSoFar(record) },
  }, finishedAt);
}

/** Starts `record` `elapsedMs` (real time) before `now`, mid-stage, and keeps it running. */
export function placeRunning(state: EngineState, record: TaskRecord, elapsedMs: number, now: number): void {
  const { sim } = record;
  const kind = kindOf(record);
  const scale = state.config.timeScale;
  const position = Math.min(elapsedMs * scale, planTotal(sim.plan) * 0.97);
  const stageIndex = stageAt(sim.plan, position);
  const startedAt = now - position / scale;
  const fractionInStage = (position - stageStart(sim.plan, stageIndex)) / (sim.plan[stageIndex] ?? 1);
  sim.run = {
    stageIndex,
    offset: 0,
    baseWork: position,
    baseAt: now,
    heartbeat: Math.floor(position / HEARTBEAT_MS),
    checkpoint: checkpointFractions(sim.plan[stageIndex] ?? 0).filter((fraction) => fraction <= fractionInStage).length,
    worker: workerName(state.simulation),
  };
  const failure = rollFailure(kind, sim.plan, stageIndex, state.config.taskFailureRate, state.simulation, null);
  sim.failure = failure && failure.position > position ? failure : null;
  sim.backfillLogs = true;
  state.running.add(record.task.id);
  const stages = pastStages(record, startedAt, scale, position, 'running');
  updateTask(state, record, {
    status: 'running',
    createdAt: iso(startedAt - state.simulation.between(1_000, 30_000)),
    startedAt: iso(startedAt),
    ...runningFields(record, kind, stages, sim.run.heartbeat, scale),
  }, now);
  scheduleNext(state, record);
}

/** Queues `record` as submitted at `createdAt` (it waits behind the running tasks). */
export function placeQueued(state: EngineState, record: TaskRecord, createdAt: number): void {
  record.sim.backfillLogs = true;
  updateTask(state, record, { createdAt: iso(createdAt) }, createdAt);
  enqueue(state, record, createdAt);
}

/** Stages with timestamps from the plan, up to plan position `stopAt`. */
function pastStages(record: TaskRecord, startedAt: number, scale: number, stopAt: number, stopStatus: Stage['status']): Stage[] {
  const { plan } = record.sim;
  const stopIndex = stageAt(plan, Math.min(stopAt, planTotal(plan) - 1e-6));
  return record.task.stages.map((stage, index): Stage => {
    const start = startedAt + stageStart(plan, index) / scale;
    if (index < stopIndex || (index === stopIndex && stopStatus === 'done')) {
      return { ...stage, status: 'done', progress: 1, startedAt: iso(start), finishedAt: iso(start + (plan[index] ?? 0) / scale) };
    }
    if (index === stopIndex) {
      const progress = Math.round(((stopAt - stageStart(plan, index)) / (plan[index] ?? 1)) * 1000) / 1000;
      const finishedAt = stopStatus === 'running' ? null : iso(startedAt + stopAt / scale);
      return { ...stage, status: stopStatus, progress: Math.min(0.999, progress), startedAt: iso(start), finishedAt };
    }
    return { ...stage, status: stopStatus === 'skipped' ? 'skipped' : 'pending', progress: 0 };
  });
}

/** The log a placed task would have written so far, rebuilt from its timestamps. */
export function backfillLog(state: EngineState, taskId: string): StoredLogLine[] | null {
  const record = state.tasks.get(taskId);
  if (!record?.sim.backfillLogs) return null;
  record.sim.backfillLogs = false;
  const { task } = record;
  const kind = kindOf(record);
  const params = resolveParams(kind, task.params);
  const random = new Random(hashString(task.id));
  const lines: StoredLogLine[] = [];
  const add = (at: number, level: StoredLogLine['level'], stage: string | null, message: string) =>
    lines.push({ at: Math.max(Math.round(at), (lines[lines.length - 1]?.at ?? -Infinity) + 1), level, stage, message });
  const created = Date.parse(task.createdAt);
  add(created, 'info', null, `Submitted: ${kind.spec.label}, estimated ${task.cost.estimated} ${task.cost.currency}`);
  add(created, 'info', null, `Queued with priority ${task.priority}`);
  if (task.startedAt) add(Date.parse(task.startedAt), 'info', null, `Attempt ${task.attempt} started on ${workerName(random)}`);
  for (const stage of task.stages) {
    if (!stage.startedAt) continue;
    const start = Date.parse(stage.startedAt);
    const end = stage.finishedAt ? Date.parse(stage.finishedAt) : state.clock;
    add(start, 'info', stage.key, stageStartLine(kind.spec.type, stage.key, stage.label, params));
    const reached = stage.status === 'done' ? 1 : stage.progress;
    const length = record.sim.plan[task.stages.indexOf(stage)] ?? 0;
    for (const fraction of checkpointFractions(length).filter((value) => value <= reached)) {
      const at = start + ((end - start) * fraction) / Math.max(reached, 1e-3);
      add(at, 'info', stage.key, checkpointLine(stage.key, stage.label, { type: kind.spec.type, params, fraction }));
    }
    if (stage.status === 'done') add(end, 'info', stage.key, `Stage ${stage.label} finished in ${describeDuration(end - start)}`);
  }
  const finished = task.finishedAt ? Date.parse(task.finishedAt) : null;
  if (finished !== null && task.status === 'succeeded') add(finished, 'info', null, `Succeeded; actual cost ${task.cost.actual} ${task.cost.currency}`);
  if (finished !== null && task.status === 'canceled') add(finished, 'warn', null, 'Canceled by the user');
  if (finished !== null && task.error) {
    add(finished, 'error', task.error.stage, `${task.error.code}: ${task.error.message}`);
    add(finished, 'error', task.error.stage, `trace_id=${task.error.traceId ?? '-'} attempt=${task.attempt}`);
  }
  return lines;
}
