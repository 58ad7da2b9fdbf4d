/**
 * The engine's own record of a task: the public `Task` (the contract's shape, an immutable
 * snapshot replaced on every change) plus the simulation state a client never sees.
 *
 * Positions are measured in "work" milliseconds along the task's plan: a task of timeScale 1
 * advances one work millisecond per real millisecond, at timeScale 10 ten of them.
 */
import type { Attempt, Task } from '../../src/api/schemas';

export interface TaskRecord {
  task: Task;
  sim: TaskSimulation;
}

export interface TaskSimulation {
  /** billable units (the type's `unitParam`), fixed at submit */
  units: number;
  /** planned work per stage for this task, sampled at submit */
  plan: number[];
  /** how far this task's server ETA is off (a server estimate is never exact) */
  etaBias: number;
  /** actual cost ÷ estimated cost for a complete run, drawn at submit (0.9–1.1) */
  costFactor: number;
  /** FIFO order within a priority: larger = enqueued later */
  enqueueOrder: number;
  /** when the task last entered the queue (epoch ms) */
  enqueuedAt: number;
  /** work done over all attempts */
  workDone: number;
  /** the attempts that have ended, oldest first (the current one is read from the task) */
  attempts: Attempt[];
  /** set while running */
  run: RunState | null;
  /** the failure planned for the current attempt, if any */
  failure: PlannedFailure | null;
  /** the error of the last failed attempt: a final error comes back on a manual retry */
  lastError: { code: string; stage: string | null } | null;
  /** created directly in a state (seed): its log history is written on first demand */
  backfillLogs: boolean;
}

export interface RunState {
  /** index of the running stage */
  stageIndex: number;
  /** plan position where this attempt started (the start of the stage it resumed at) */
  offset: number;
  /** work done in this attempt at `baseAt`; position(t) = offset + baseWork + (t − baseAt) × timeScale */
  baseWork: number;
  baseAt: number;
  /** last heartbeat published to clients: floor(work in this attempt ÷ HEARTBEAT_MS) */
  heartbeat: number;
  /** progress checkpoints of the running stage already logged */
  checkpoint: number;
  /** the worker that runs this attempt, for logs and errors */
  worker: string;
}

export interface PlannedFailure {
  stageIndex: number;
  /** plan position at which the attempt fails */
  position: number;
  /** code from the failure catalog */
  code: string;
}

/** A deleted task, kept so that `since` deltas can report it in `removed`. */
export interface Tombstone {
  id: string;
  seq: number;
  at: number;
}

/** Progress is published on a heartbeat of this much task time. */
export const HEARTBEAT_MS = 1000;
