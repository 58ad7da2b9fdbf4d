/**
 * The scheduler: a priority queue (urgent > high > medium > low, FIFO within a level) feeding at
 * most `maxConcurrent` running tasks, and the lazy clock that moves them. Nothing runs on a
 * timer: `advance(now)` replays, in time order, every event between the last advance and `now`
 * (progress checkpoints, stage ends, failures, completions, and the start of the next queued task
 * at the exact instant a slot frees), then `settle` publishes heartbeats and queue positions.
 */
import type { Priority, Stage } from '../../src/api/schemas';
import { findTaskKind, resolveParams, type TaskKind } from './catalog';
import { describeFailure, rollFailure } from './failures';
import { traceId, workerName } from './ids';
import { checkpointLine, stageStartLine, WARNING_CHANCE, warningLine } from './logLines';
import { HEARTBEAT_MS, type TaskRecord } from './model';
import { checkpointFractions, planTotal, runWork, stageStart, timeAtPosition } from './plan';
import { updateTask, type EngineState } from './state';
import { endAttempt } from './attempts';
import { heartbeatAt, runningFields, weightedProgress } from './taskView';
import { describeDuration, iso } from './time';

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

export function kindOf(record: TaskRecord): TaskKind {
  const kind = findTaskKind(record.task.type);
  if (!kind) throw new Error(`Unknown task type ${record.task.type}`);
  return kind;
}

/** Simulates every event up to `now` (never backwards), then publishes what changed. */
export function advance(state: EngineState, now: number): void {
  const target = Math.max(now, state.clock);
  for (let next = state.timeline.peek(); next && next.at <= target; next = state.timeline.peek()) {
    state.timeline.pop();
    const record = state.tasks.get(next.taskId);
    if (record?.sim.run) handleEvent(state, record);
  }
  state.clock = target;
  settle(state, target);
}

/** Publishes queue positions and heartbeats that changed since the last look. */
export function settle(state: EngineState, at: number): void {
  if (state.queueChanged) {
    state.queueChanged = false;
    state.queue.forEach((taskId, index) => {
      const record = state.tasks.get(taskId);
      if (record && record.task.queuePosition !== index + 1) updateTask(state, record, { queuePosition: index + 1 }, at);
    });
  }
  for (const taskId of state.running) {
    const record = state.tasks.get(taskId);
    const run = record?.sim.run;
    if (record && run && heartbeatAt(record, at, state.config.timeScale) !== run.heartbeat) publishRunning(state, record, at);
  }
}

/** Puts a task at the end of its priority level and starts what can start. */
export function enqueue(state: EngineState, record: TaskRecord, at: number): number {
  record.sim.enqueueOrder = ++state.enqueueCounter;
  record.sim.enqueuedAt = at;
  const rank = PRIORITY_RANK[record.task.priority];
  let low = 0;
  let high = state.queue.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const other = state.tasks.get(state.queue[mid] ?? '');
    if (other && PRIORITY_RANK[other.task.priority] <= rank) low = mid + 1;
    else high = mid;
  }
  state.queue.splice(low, 0, record.task.id);
  state.queueChanged = true;
  return low + 1;
}

/** Rebuilds the queue order from the tasks (after a restore). */
export function rebuildQueue(state: EngineState): void {
  state.queue = [...state.tasks.values()]
    .filter((record) => record.task.status === 'queued')
    .sort(
      (a, b) =>
        PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority] || a.sim.enqueueOrder - b.sim.enqueueOrder,
    )
    .map((record) => record.task.id);
  state.queueChanged = true;
}

/** Starts queued tasks while a slot is free and the queue is not paused. */
export function fillSlots(state: EngineState, at: number): void {
  while (!state.paused && state.running.size < state.config.maxConcurrent && state.queue.length > 0) {
    const record = state.tasks.get(state.queue.shift() ?? '');
    state.queueChanged = true;
    if (record) startAttempt(state, record, at);
  }
}

function startAttempt(state: EngineState, record: TaskRecord, at: number): void {
  const kind = kindOf(record);
  const { sim, task } = record;
  const resume = Math.max(0, task.stages.findIndex((stage) => stage.status !== 'done'));
  const worker = workerName(state.simulation);
  const offset = stageStart(sim.plan, resume);
  sim.run = { stageIndex: resume, offset, baseWork: 0, baseAt: at, heartbeat: 0, checkpoint: 0, worker };
  sim.failure = rollFailure(kind, sim.plan, resume, state.config.taskFailureRate, state.simulation, sim.lastError);
  const stages = task.stages.map((stage, index): Stage => {
    if (index < resume) return stage;
    if (index === resume) return { ...stage, status: 'running', progress: 0, startedAt: iso(at), finishedAt: null };
    return { ...stage, status: 'pending', progress: 0, startedAt: null, finishedAt: null };
  });
  state.running.add(task.id);
  const resumed = resume > 0 ? `, resuming at ${kind.spec.stages[resume]?.label}` : '';
  log(state, record, at, 'info', null, `Attempt ${task.attempt} started on ${worker}${resumed}`);
  const waited = describeDuration(Math.max(0, at - sim.enqueuedAt));
  log(state, record, at, 'debug', null, `Worker ${worker}: 23.69 GiB GPU memory free, waited ${waited} in the queue`);
  logStageStart(state, record, kind, resume, at);
  const published = runningFields(record, kind, stages, 0, state.config.timeScale);
  updateTask(state, record, { status: 'running', startedAt: iso(at), queuePosition: null, ...published }, at);
  scheduleNext(state, record);
}

type EventKind = 'checkpoint' | 'stage_end' | 'failure';

/** The next thing that happens to a running task, and when. */
function nextEvent(state: EngineState, record: TaskRecord): { at: number; kind: EventKind; position: number } {
  const { run, plan, failure } = record.sim;
  if (!run) throw new Error('nextEvent needs a running task');
  const index = run.stageIndex;
  const start = stageStart(plan, index);
  const length = plan[index] ?? 0;
  let position = start + length;
  let kind: EventKind = 'stage_end';
  if (failure && failure.stageIndex === index && failure.position < position) {
    position = failure.position;
    kind = 'failure';
  }
  const fraction = checkpointFractions(length)[run.checkpoint];
  if (fraction !== undefined && start + fraction * length < position) {
    position = start + fraction * length;
    kind = 'checkpoint';
  }
  return { at: timeAtPosition(run, position, state.config.timeScale), kind, position };
}

/**
 * When the next change a client could see happens without any request: the next agenda event
 * (stage end, failure, checkpoint) or the next progress heartbeat of a running task. Null when
 * nothing runs. The event stream sleeps until then (see eventFeed.ts).
 */
export function nextChangeAt(state: EngineState): number | null {
  let next = state.timeline.peek()?.at ?? Infinity;
  const scale = state.config.timeScale;
  for (const taskId of state.running) {
    const run = state.tasks.get(taskId)?.sim.run;
    if (!run) continue;
    const at = run.baseAt + ((run.heartbeat + 1) * HEARTBEAT_MS - run.baseWork) / scale;
    if (at < next) next = at;
  }
  return next === Infinity ? null : next;
}

export function scheduleNext(state: EngineState, record: TaskRecord): void {
  state.timeline.schedule(record.task.id, nextEvent(state, record).at);
}

function handleEvent(state: EngineState, record: TaskRecord): void {
  const run = record.sim.run;
  if (!run) return;
  const event = nextEvent(state, record);
  run.baseWork = event.position - run.offset;
  run.baseAt = event.at;
  const kind = kindOf(record);
  if (event.kind === 'checkpoint') {
    logCheckpoint(state, record, kind, event.at);
    run.checkpoint += 1;
    scheduleNext(state, record);
  } else if (event.kind === 'stage_end') {
    finishStage(state, record, kind, event.at);
  } else {
    failAttempt(state, record, event.at);
  }
}

function finishStage(state: EngineState, record: TaskRecord, kind: TaskKind, at: number): void {
  const run = record.sim.run;
  if (!run) return;
  const index = run.stageIndex;
  const stages = [...record.task.stages];
  const stage = stages[index];
  if (!stage) return;
  stages[index] = { ...stage, status: 'done', progress: 1, finishedAt: iso(at) };
  const took = at - (Date.parse(stage.startedAt ?? '') || at);
  log(state, record, at, 'info', stage.key, `Stage ${stage.label} finished in ${describeDuration(took)}`);
  if (index === stages.length - 1) {
    completeTask(state, record, stages, at);
    return;
  }
  const next = stages[index + 1];
  if (next) stages[index + 1] = { ...next, status: 'running', progress: 0, startedAt: iso(at), finishedAt: null };
  run.stageIndex = index + 1;
  run.checkpoint = 0;
  logStageStart(state, record, kind, index + 1, at);
  run.heartbeat = heartbeatAt(record, at, state.config.timeScale);
  updateTask(state, record, runningFields(record, kind, stages, run.heartbeat, state.config.timeScale), at);
  scheduleNext(state, record);
}

function completeTask(state: EngineState, record: TaskRecord, stages: Stage[], at: number): void {
  const work = stopRun(state, record, at);
  record.sim.lastError = null;
  const actual = endAttempt(record, { status: 'succeeded', at, stage: stages[stages.length - 1]?.key ?? null, error: null, work });
  const cost = { ...record.task.cost, actual };
  updateTask(state, record, { status: 'succeeded', stages, progress: 1, eta: null, finishedAt: iso(at), cost }, at);
  const took = at - (Date.parse(record.task.startedAt ?? '') || at);
  log(state, record, at, 'info', null, `Succeeded in ${describeDuration(took)}; actual cost ${cost.actual} ${cost.currency}`);
  fillSlots(state, at);
}

function failAttempt(state: EngineState, record: TaskRecord, at: number): void {
  const { run, failure, plan } = record.sim;
  if (!run || !failure) return;
  const index = run.stageIndex;
  const stages = [...record.task.stages];
  const stage = stages[index];
  if (!stage) return;
  const stageProgress = (failure.position - stageStart(plan, index)) / (plan[index] ?? 1);
  stages[index] = { ...stage, status: 'failed', progress: Math.round(stageProgress * 1000) / 1000, finishedAt: iso(at) };
  const described = describeFailure(failure, {
    type: record.task.type,
    stage: stage.key,
    worker: run.worker,
    taskId: record.task.id,
    random: state.simulation,
    traceId: traceId(state.simulation),
    attempt: record.task.attempt,
  });
  const work = stopRun(state, record, at);
  record.sim.lastError = { code: described.error.code, stage: stage.key };
  const actual = endAttempt(record, { status: 'failed', at, stage: stage.key, error: described.error, work });
  const cost = { ...record.task.cost, actual };
  const progress = weightedProgress(stages);
  updateTask(state, record, { status: 'failed', stages, progress, eta: null, error: described.error, finishedAt: iso(at), cost }, at);
  for (const line of described.logLines) log(state, record, at, 'error', stage.key, line);
  const next = described.error.retryable ? 'a retry will likely succeed' : 'retrying will not help until the input changes';
  log(state, record, at, 'warn', null, `Attempt ${record.task.attempt} failed at ${stage.label} (${described.error.code}); ${next}`);
  fillSlots(state, at);
}

/** Takes a task off its worker: books the work done, frees the slot, drops its events. Returns the work of this run. */
export function stopRun(state: EngineState, record: TaskRecord, at: number): number {
  const run = record.sim.run;
  let work = 0;
  if (run) {
    const left = planTotal(record.sim.plan) - run.offset;
    work = Math.min(runWork(run, at, state.config.timeScale), left);
    record.sim.workDone += work;
  }
  record.sim.run = null;
  record.sim.failure = null;
  state.running.delete(record.task.id);
  state.timeline.cancel(record.task.id);
  return work;
}

/** Republishes a running task at its current heartbeat (progress, stage progress, ETA). */
export function publishRunning(state: EngineState, record: TaskRecord, at: number): void {
  const run = record.sim.run;
  if (!run) return;
  run.heartbeat = heartbeatAt(record, at, state.config.timeScale);
  updateTask(state, record, runningFields(record, kindOf(record), record.task.stages, run.heartbeat, state.config.timeScale), at);
}

function logStageStart(state: EngineState, record: TaskRecord, kind: TaskKind, index: number, at: number): void {
  const stage = kind.spec.stages[index];
  if (!stage) return;
  const params = resolveParams(kind, record.task.params);
  log(state, record, at, 'info', stage.key, stageStartLine(kind.spec.type, stage.key, stage.label, params));
}

function logCheckpoint(state: EngineState, record: TaskRecord, kind: TaskKind, at: number): void {
  const run = record.sim.run;
  const stage = run ? kind.spec.stages[run.stageIndex] : undefined;
  if (!run || !stage) return;
  const fraction = checkpointFractions(record.sim.plan[run.stageIndex] ?? 0)[run.checkpoint] ?? 0.5;
  const params = resolveParams(kind, record.task.params);
  log(state, record, at, 'info', stage.key, checkpointLine(stage.key, stage.label, { type: kind.spec.type, params, fraction }));
  if (state.simulation.chance(WARNING_CHANCE)) {
    const warning = warningLine(kind.spec.type, state.simulation);
    if (warning) log(state, record, at, 'warn', stage.key, warning);
  }
}

export function log(
  state: EngineState,
  record: TaskRecord,
  at: number,
  level: 'debug' | 'info' | 'warn' | 'error',
  stage: string | null,
  message: string,
): void {
  state.logs.append(record.task.id, at, level, stage, message);
  state.changed = true;
}
