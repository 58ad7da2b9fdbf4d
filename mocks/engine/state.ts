/**
 * The engine's whole mutable state in one plain object, and the one way a task changes:
 * `updateTask`, which replaces the task's snapshot and gives it the next version from the global
 * sequence. The sequence also moves on changes that are not a task's (pause, config), so that a
 * list's `cursor` and `ETag` change whenever its `stats` do.
 */
import type { MockConfig } from '../../src/api/mockConfig';
import type { Task } from '../../src/api/schemas';
import type { TaskRecord, Tombstone } from './model';
import { Random } from './random';
import { TaskLogs, type StoredLogLine } from './taskLogs';
import { Timeline } from './timeline';
import { iso } from './time';

export interface EngineState {
  config: MockConfig;
  /** the name of this server lifetime, the first part of every cursor (see cursor.ts) */
  epoch: string;
  /** sequence of the newest deletion forgotten (older than a day); earlier cursors are expired */
  tombstoneFloor: number;
  /** the instant the simulation has reached (epoch ms); it never goes back */
  clock: number;
  /** the global change sequence: the last version given out */
  seq: number;
  /** counter inside task ids; never reset */
  idCounter: number;
  /** FIFO counter for the queue */
  enqueueCounter: number;
  paused: boolean;
  /** epoch ms until which every API request gets 503 (`/_mock/outage`) */
  outageUntil: number;
  /** money spent on tasks that were deleted since (still counts against the budget) */
  spentOnDeleted: number;
  tasks: Map<string, TaskRecord>;
  /** ids of queued tasks in start order */
  queue: string[];
  /** ids of running tasks */
  running: Set<string>;
  tombstones: Tombstone[];
  simulation: Random;
  transport: Random;
  logs: TaskLogs;
  timeline: Timeline;
  /** queue order changed: positions must be republished */
  queueChanged: boolean;
  /** something persistable changed since the last save */
  changed: boolean;
  /** task ids sorted for listing (createdAt desc, id asc); null when stale */
  listOrder: string[] | null;
}

export function createState(
  config: MockConfig,
  seed: number,
  clock: number,
  epoch: string,
  backfill: (state: EngineState, taskId: string) => StoredLogLine[] | null,
): EngineState {
  const state: EngineState = {
    config,
    epoch,
    tombstoneFloor: 0,
    clock,
    seq: 0,
    idCounter: 0,
    enqueueCounter: 0,
    paused: false,
    outageUntil: 0,
    spentOnDeleted: 0,
    tasks: new Map(),
    queue: [],
    running: new Set(),
    tombstones: [],
    simulation: new Random(seed),
    transport: new Random(seed ^ 0x9e3779b9),
    logs: new TaskLogs((taskId) => backfill(state, taskId)),
    timeline: new Timeline(),
    queueChanged: false,
    changed: true,
    listOrder: null,
  };
  return state;
}

/** Replaces the task's snapshot with `patch` applied, a new version and `updatedAt`. */
export function updateTask(state: EngineState, record: TaskRecord, patch: Partial<Task>, at: number): Task {
  const updatedAt = iso(Math.max(at, Date.parse(record.task.updatedAt) || 0));
  record.task = { ...record.task, ...patch, version: nextVersion(state), updatedAt };
  return record.task;
}

/** Moves the global sequence on; returns the new value. */
export function nextVersion(state: EngineState): number {
  state.seq += 1;
  state.changed = true;
  return state.seq;
}
