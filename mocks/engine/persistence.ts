/**
 * Saving and restoring the whole engine (tasks, change sequence, tombstones, idempotency
 * records, random streams, config, pause, trimmed logs) in a Web Storage, so that in the browser
 * tasks survive a reload and keep progressing by the wall clock. A stored state that is corrupt,
 * from another format or for unknown task types is ignored (the engine starts fresh).
 */
import * as z from 'zod/mini';
import { mockConfigSchema, type MockConfig } from '../../src/api/mockConfig';
import { attemptSchema, taskSchema, type Task } from '../../src/api/schemas';
import { findTaskKind } from './catalog';
import type { IdempotencyRecord } from './idempotency';
import type { TaskRecord, Tombstone } from './model';
import { Random } from './random';
import { rebuildQueue, scheduleNext } from './scheduler';
import { createState, type EngineState } from './state';
import type { StoredLogLine } from './taskLogs';

export const STORAGE_KEY = 'task-center:mock-engine:v1';
/** 2: cursors name the server lifetime (epoch), attempts are kept per task (contract 1.1) */
const FORMAT = 2;
/** Log lines kept per task in storage (memory keeps LOG_CAP). */
export const PERSISTED_LOG_LINES = 40;

/** The part of the Web Storage API the engine uses (localStorage fits). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const runSchema = z.object({
  stageIndex: z.int(),
  offset: z.number(),
  baseWork: z.number(),
  baseAt: z.number(),
  heartbeat: z.int(),
  checkpoint: z.int(),
  worker: z.string(),
});

const recordSchema = z.object({
  task: taskSchema,
  sim: z.object({
    units: z.number(),
    plan: z.array(z.number()),
    etaBias: z.number(),
    costFactor: z.number(),
    enqueueOrder: z.number(),
    enqueuedAt: z.number(),
    workDone: z.number(),
    attempts: z.array(attemptSchema),
    run: z.nullable(runSchema),
    failure: z.nullable(z.object({ stageIndex: z.int(), position: z.number(), code: z.string() })),
    lastError: z.nullable(z.object({ code: z.string(), stage: z.nullable(z.string()) })),
    backfillLogs: z.boolean(),
  }),
});

const logLineSchema = z.object({
  at: z.number(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  stage: z.nullable(z.string()),
  message: z.string(),
});

const snapshotSchema = z.object({
  format: z.literal(FORMAT),
  savedAt: z.number(),
  clock: z.number(),
  epoch: z.string(),
  tombstoneFloor: z.int(),
  seq: z.int(),
  idCounter: z.int(),
  enqueueCounter: z.int(),
  paused: z.boolean(),
  outageUntil: z.number(),
  spentOnDeleted: z.number(),
  config: mockConfigSchema,
  random: z.object({ simulation: z.number(), transport: z.number() }),
  tasks: z.array(recordSchema),
  tombstones: z.array(z.object({ id: z.string(), seq: z.int(), at: z.number() })),
  idempotency: z.array(
    z.object({
      scope: z.string(),
      key: z.string(),
      fingerprint: z.string(),
      createdAt: z.number(),
      answer: z.nullable(z.object({ status: z.int(), body: z.unknown(), location: z.nullable(z.string()) })),
    }),
  ),
  logs: z.record(z.string(), z.array(logLineSchema)),
});

export interface EngineSnapshot {
  format: typeof FORMAT;
  savedAt: number;
  clock: number;
  epoch: string;
  tombstoneFloor: number;
  seq: number;
  idCounter: number;
  enqueueCounter: number;
  paused: boolean;
  outageUntil: number;
  spentOnDeleted: number;
  config: MockConfig;
  random: { simulation: number; transport: number };
  tasks: TaskRecord[];
  tombstones: Tombstone[];
  idempotency: IdempotencyRecord[];
  logs: Record<string, StoredLogLine[]>;
}

export function snapshotState(state: EngineState, idempotency: IdempotencyRecord[], savedAt: number): EngineSnapshot {
  return {
    format: FORMAT,
    savedAt,
    clock: state.clock,
    epoch: state.epoch,
    tombstoneFloor: state.tombstoneFloor,
    seq: state.seq,
    idCounter: state.idCounter,
    enqueueCounter: state.enqueueCounter,
    paused: state.paused,
    outageUntil: state.outageUntil,
    spentOnDeleted: state.spentOnDeleted,
    config: state.config,
    random: { simulation: state.simulation.snapshot(), transport: state.transport.snapshot() },
    tasks: [...state.tasks.values()],
    tombstones: state.tombstones,
    idempotency,
    logs: state.logs.snapshot(PERSISTED_LOG_LINES),
  };
}

/** Reads and checks a stored snapshot; null when absent, unreadable or of another format. */
export function parseSnapshot(text: string | null): EngineSnapshot | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) return null;
  const snapshot: EngineSnapshot = parsed.data;
  const consistent = snapshot.tasks.every(({ task, sim }) => {
    const kind = findTaskKind(task.type);
    return kind !== undefined && sim.plan.length === task.stages.length && kind.spec.stages.length === task.stages.length;
  });
  return consistent ? snapshot : null;
}

/** A live engine state from a snapshot: queue order, running set and agenda rebuilt. */
export function restoreState(
  snapshot: EngineSnapshot,
  backfill: (state: EngineState, taskId: string) => StoredLogLine[] | null,
): EngineState {
  const state = createState(snapshot.config, 0, snapshot.clock, snapshot.epoch, backfill);
  Object.assign(state, {
    tombstoneFloor: snapshot.tombstoneFloor,
    seq: snapshot.seq,
    idCounter: snapshot.idCounter,
    enqueueCounter: snapshot.enqueueCounter,
    paused: snapshot.paused,
    outageUntil: snapshot.outageUntil,
    spentOnDeleted: snapshot.spentOnDeleted,
    tombstones: snapshot.tombstones,
    simulation: new Random(snapshot.random.simulation),
    transport: new Random(snapshot.random.transport),
    changed: false,
  });
  for (const record of snapshot.tasks) state.tasks.set(record.task.id, record);
  state.logs.restore(snapshot.logs);
  rebuildQueue(state);
  for (const record of state.tasks.values()) {
    if (record.task.status === 'running' && record.sim.run) {
      state.running.add(record.task.id);
      scheduleNext(state, record);
    }
  }
  return state;
}

/**
 * Makes an adopted state (another tab's save) a continuation of `previous` for this tab's
 * clients: each tab's engine numbers its own changes, so the other tab's sequence may be behind
 * the cursors this tab already gave out. Every task that differs from what this tab had, and every
 * task that vanished, gets a change number above both sequences — a `since` query or an event
 * stream resumed from an old cursor of this tab then sees it. Same lifetime only; a state of
 * another lifetime is taken as it is (its cursors expire anyway).
 */
export function continueSequence(previous: EngineState, adopted: EngineState, at: number): void {
  if (previous.epoch !== adopted.epoch) return;
  adopted.seq = Math.max(previous.seq, adopted.seq);
  const content = (task: Task) => JSON.stringify({ ...task, version: 0, updatedAt: '' });
  for (const record of adopted.tasks.values()) {
    const before = previous.tasks.get(record.task.id);
    if (!before || content(before.task) !== content(record.task)) {
      adopted.seq += 1;
      record.task = { ...record.task, version: adopted.seq };
    }
  }
  // Deletions the other tab made while this one still had the task: news for this tab's clients.
  for (const stone of adopted.tombstones) {
    if (previous.tasks.has(stone.id)) {
      adopted.seq += 1;
      stone.seq = adopted.seq;
    }
  }
  const buried = new Set(adopted.tombstones.map((stone) => stone.id));
  for (const id of previous.tasks.keys()) {
    if (adopted.tasks.has(id) || buried.has(id)) continue;
    adopted.seq += 1;
    adopted.tombstones.push({ id, seq: adopted.seq, at });
  }
  adopted.tombstoneFloor = Math.max(previous.tombstoneFloor, adopted.tombstoneFloor);
}

/** Whether a storage write failed because the storage is full. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}
