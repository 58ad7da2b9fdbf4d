/**
 * What users do to tasks: submit, cancel (one or many), retry and delete. Each command checks
 * the task's state, answers with the contract's problem when it may not happen (404, 409, 402),
 * and otherwise changes the task through the scheduler.
 */
import type { BatchCancelResponse, Priority, Stage, Task } from '../../src/api/schemas';
import { CURRENCY, estimateCost, type TaskKind, unitsOf } from './catalog';
import { taskId } from './ids';
import type { TaskRecord } from './model';
import { planStages, runPosition, stageStart } from './plan';
import { ProblemError, taskNotFound } from './problems';
import { enqueue, fillSlots, log, stopRun } from './scheduler';
import { nextVersion, updateTask, type EngineState } from './state';
import { committedCost } from './stats';
import { endAttempt } from './attempts';
import { weightedProgress } from './taskView';
import { iso, roundMoney } from './time';
import { validateSubmit } from './validation';

export interface NewTask {
  kind: TaskKind;
  title: string;
  params: Record<string, unknown>;
  priority: Priority;
  createdAt: number;
}

/** A new task record (not queued yet) with its duration plan drawn. */
export function createTaskRecord(state: EngineState, input: NewTask): TaskRecord {
  const { kind, createdAt } = input;
  const random = state.simulation;
  const units = unitsOf(kind, input.params);
  const plan = planStages(kind, units, random);
  const task: Task = {
    id: taskId(++state.idCounter, random),
    type: kind.spec.type,
    title: input.title,
    params: input.params,
    priority: input.priority,
    status: 'queued',
    stages: kind.spec.stages.map((stage) => ({ ...stage, status: 'pending', progress: 0, startedAt: null, finishedAt: null })),
    progress: 0,
    eta: null,
    queuePosition: null,
    attempt: 1,
    error: null,
    cost: { estimated: estimateCost(kind, input.params), actual: null, currency: CURRENCY },
    createdAt: iso(createdAt),
    startedAt: null,
    updatedAt: iso(createdAt),
    finishedAt: null,
    version: nextVersion(state),
  };
  const record: TaskRecord = {
    task,
    sim: {
      units,
      plan,
      etaBias: random.lognormal(1, 0.12),
      costFactor: random.between(0.9, 1.1),
      enqueueOrder: 0,
      enqueuedAt: createdAt,
      workDone: 0,
      attempts: [],
      run: null,
      failure: null,
      lastError: null,
      backfillLogs: false,
    },
  };
  state.tasks.set(task.id, record);
  state.listOrder = null;
  return record;
}

/** `POST /tasks`: validates, checks the budget, queues the task and starts it if a slot is free. */
export function submitTask(state: EngineState, raw: unknown, at: number): TaskRecord {
  const { body, kind } = validateSubmit(raw);
  checkBudget(state, estimateCost(kind, body.params), 'This task');
  const record = createTaskRecord(state, {
    kind,
    title: body.title,
    params: body.params,
    priority: body.priority ?? 'medium',
    createdAt: at,
  });
  const { cost } = record.task;
  const summary = `${kind.spec.label}, ${record.sim.units} unit(s), estimated ${cost.estimated} ${cost.currency}`;
  log(state, record, at, 'info', null, `Submitted: ${summary}`);
  queueWithLog(state, record, at);
  return record;
}

/** `POST /tasks/{id}/cancel`. */
export function cancelTask(state: EngineState, id: string, at: number): TaskRecord {
  const record = state.tasks.get(id);
  if (!record) throw taskNotFound(id);
  const { status } = record.task;
  if (status !== 'queued' && status !== 'running') {
    throw new ProblemError('not_cancelable', `Task ${id} is ${status}; only queued or running tasks can be canceled`);
  }
  let stoppedAt: number | null = null;
  let stoppedProgress = 0;
  let work = 0;
  if (record.sim.run) {
    const { plan } = record.sim;
    const position = runPosition(record.sim.run, at, state.config.timeScale);
    stoppedAt = record.sim.run.stageIndex;
    stoppedProgress = Math.min(0.999, (position - stageStart(plan, stoppedAt)) / (plan[stoppedAt] ?? 1));
    work = stopRun(state, record, at);
  } else {
    state.queue.splice(state.queue.indexOf(id), 1);
    state.queueChanged = true;
  }
  const stages = record.task.stages.map((stage, index): Stage => {
    if (stage.status === 'done') return stage;
    if (index === stoppedAt) {
      return { ...stage, status: 'skipped', progress: Math.round(stoppedProgress * 1000) / 1000, finishedAt: iso(at) };
    }
    return { ...stage, status: 'skipped', progress: 0 };
  });
  const stage = stoppedAt === null ? null : (stages[stoppedAt]?.key ?? null);
  const cost = { ...record.task.cost, actual: endAttempt(record, { status: 'canceled', at, stage, error: null, work }) };
  const progress = weightedProgress(stages);
  updateTask(state, record, { status: 'canceled', stages, progress, eta: null, queuePosition: null, finishedAt: iso(at), cost }, at);
  const where = stoppedAt === null ? 'while queued' : `during ${stages[stoppedAt]?.label ?? 'a stage'}`;
  log(state, record, at, 'warn', null, `Canceled by the user ${where}`);
  if (stoppedAt !== null) fillSlots(state, at);
  return record;
}

/** `POST /tasks/batch-cancel`: one result per id, in the order given. */
export function cancelTasks(state: EngineState, ids: readonly string[], at: number): BatchCancelResponse['results'] {
  const results: BatchCancelResponse['results'] = {};
  for (const id of ids) {
    if (id in results) continue;
    const record = state.tasks.get(id);
    if (!record) results[id] = 'not_found';
    else if (record.task.status !== 'queued' && record.task.status !== 'running') results[id] = 'not_cancelable';
    else {
      cancelTask(state, id, at);
      results[id] = 'canceled';
    }
  }
  return results;
}

/**
 * `POST /tasks/{id}/retry`: only from `failed`. The task goes through the queue again with
 * attempt + 1; done stages stay done, the failed stage starts again from 0. A final
 * (non-retryable) error may be retried too — the user's call — but it comes back.
 */
export function retryTask(state: EngineState, id: string, at: number): TaskRecord {
  const record = state.tasks.get(id);
  if (!record) throw taskNotFound(id);
  const { task } = record;
  if (task.status !== 'failed') {
    throw new ProblemError('not_retryable_state', `Task ${id} is ${task.status}; only failed tasks can be retried`);
  }
  checkBudget(state, task.cost.estimated - (task.cost.actual ?? 0), 'Retrying this task');
  const stages = task.stages.map((stage): Stage =>
    stage.status === 'done' ? stage : { ...stage, status: 'pending', progress: 0, startedAt: null, finishedAt: null },
  );
  updateTask(state, record, {
    status: 'queued',
    attempt: task.attempt + 1,
    error: null,
    stages,
    progress: weightedProgress(stages),
    eta: null,
    startedAt: null,
    finishedAt: null,
  }, at);
  log(state, record, at, 'info', null, `Retry requested: attempt ${record.task.attempt}`);
  queueWithLog(state, record, at);
  return record;
}

/** `DELETE /tasks/{id}`: only finished tasks; leaves a tombstone for `since` deltas. */
export function deleteTask(state: EngineState, id: string, at: number): void {
  const record = state.tasks.get(id);
  if (!record) throw taskNotFound(id);
  const { status } = record.task;
  if (status === 'queued' || status === 'running') {
    throw new ProblemError('not_deletable', `Task ${id} is ${status}; cancel it first or wait until it finishes`);
  }
  state.tasks.delete(id);
  state.logs.delete(id);
  state.spentOnDeleted = roundMoney(state.spentOnDeleted + (record.task.cost.actual ?? 0));
  state.tombstones.push({ id, seq: nextVersion(state), at });
  state.listOrder = null;
}

function queueWithLog(state: EngineState, record: TaskRecord, at: number): void {
  const position = enqueue(state, record, at);
  const ahead = position - 1;
  const paused = state.paused ? '; the queue is paused' : '';
  const running = `${state.running.size}/${state.config.maxConcurrent} running`;
  log(state, record, at, 'info', null, `Queued with priority ${record.task.priority}: ${ahead} task(s) ahead, ${running}${paused}`);
  fillSlots(state, at);
}

/** 402 when `extra` on top of the committed cost would pass the budget. */
function checkBudget(state: EngineState, extra: number, what: string): void {
  const budget = state.config.budget;
  if (budget === null) return;
  const committed = committedCost(state);
  if (committed + extra > budget + 1e-9) {
    const remaining = roundMoney(Math.max(0, budget - committed));
    throw new ProblemError(
      'budget_exceeded',
      `${what} is estimated at ${roundMoney(extra)} ${CURRENCY}, but only ${remaining} ${CURRENCY} of the ${budget} ${CURRENCY} budget remain`,
    );
  }
}
