/**
 * The mock backend's task engine, free of any HTTP or MSW code: one object the request handlers,
 * the tests and the browser console (`window.__taskCenterMock`) talk to. Every public method
 * first brings the simulation up to `now()` (lazily, event by event), then acts. Time comes from
 * the injected `now`, randomness from seeded streams, so the engine behaves the same under real
 * time, vitest fake timers and Playwright's `page.clock`.
 */
import type { MockConfig, MockConfigPatch } from '../../src/api/mockConfig';
import type {
  BatchCancelResponse,
  LogsResponse,
  QueueState,
  Stats,
  Task,
  TaskDetail,
  TaskListResponse,
  TaskResult,
  TaskType,
} from '../../src/api/schemas';
import { attemptsOf } from './attempts';
import { listTaskTypes } from './catalog';
import { defaultConfig, mergeConfig } from './config';
import { encodeCursor, newEpoch, type CursorScope } from './cursor';
import { applyConfig, setPaused } from './controls';
import { admitRequest, sampleLatency, type Admission } from './gateway';
import { IdempotencyStore } from './idempotency';
import { traceId } from './ids';
import * as lifecycle from './lifecycle';
import { etagMatches, listEtag, listTasks, parseListQuery } from './listing';
import { backfillLog } from './placement';
import {
  continueSequence,
  isQuotaError,
  parseSnapshot,
  restoreState,
  snapshotState,
  STORAGE_KEY,
  type EngineSnapshot,
  type StorageLike,
} from './persistence';
import { ProblemError, taskNotFound } from './problems';
import { RequestWindow } from './rateLimiter';
import { buildResult } from './results';
import { advance, nextChangeAt, settle } from './scheduler';
import { seedDemo, seedTasks } from './seed';
import { shiftIso, shiftLogEntry, shiftTask } from './skew';
import { StreamHub } from './streamHub';
import { createState, nextVersion, type EngineState } from './state';
import { computeStats } from './stats';
import { DAY, iso, parseTime, SECOND } from './time';

export const DEFAULT_SEED = 0x5eed_7a5c;
export const MAX_OUTAGE_SECONDS = 24 * 60 * 60;

export interface EngineOptions {
  /** the clock; default `Date.now` (read on every call, so fake timers apply) */
  now?: () => number;
  /** seed of the random streams */
  seed?: number;
  /** config on top of the defaults; also what `/_mock/reset` returns to */
  config?: MockConfigPatch;
  /** where to persist the state (localStorage in the browser); none by default */
  storage?: StorageLike | null;
  storageKey?: string;
  /** add the demo tasks when starting without a stored state */
  demoSeed?: boolean;
  /** the name of this server lifetime in cursors; drawn at random (a new lifetime) by default */
  epoch?: string;
}

export interface ListAnswer {
  /** null when `If-None-Match` matched: answer 304 */
  body: TaskListResponse | null;
  etag: string;
}

export class TaskEngine {
  private state: EngineState;
  private readonly idempotencyStore = new IdempotencyStore();
  /** the open event streams (`GET /events`), whatever serves them */
  readonly streams = new StreamHub();
  private readonly requests = new RequestWindow();
  private readonly now: () => number;
  private readonly seed: number;
  private readonly epoch: string | undefined;
  private readonly baseConfig: MockConfig;
  private readonly storage: StorageLike | null;
  private readonly storageKey: string;
  private storageWarned = false;
  /** task count at which the storage was full; saving resumes when well below it */
  private storageFullAt: number | null = null;

  constructor(options: EngineOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.seed = options.seed ?? DEFAULT_SEED;
    this.epoch = options.epoch;
    this.baseConfig = mergeConfig(defaultConfig(), options.config ?? {});
    this.storage = options.storage ?? null;
    this.storageKey = options.storageKey ?? STORAGE_KEY;
    const stored = this.storage ? this.readStorage() : null;
    if (stored) {
      this.state = restoreState(stored.snapshot, backfillLog);
      this.idempotencyStore.restore(stored.snapshot.idempotency);
    } else {
      this.state = this.freshState(this.now(), 0, 0);
      if (options.demoSeed) seedDemo(this.state, this.state.clock);
    }
  }

  get idempotency(): IdempotencyStore {
    return this.idempotencyStore;
  }

  /** Simulates everything up to `now` and returns the engine's time. */
  advance(now: number = this.now()): number {
    advance(this.state, now);
    const horizon = this.state.clock - DAY;
    const { tombstones } = this.state;
    const stale = tombstones.findIndex((stone) => stone.at > horizon);
    if (stale !== 0 && tombstones.length > 0) {
      const forgotten = tombstones.splice(0, stale === -1 ? tombstones.length : stale);
      // A cursor before the newest forgotten deletion could no longer learn of it: expired.
      this.state.tombstoneFloor = Math.max(this.state.tombstoneFloor, forgotten[forgotten.length - 1]?.seq ?? 0);
      this.state.changed = true;
    }
    return this.state.clock;
  }

  /** The engine's time as this server's clock shows it (`clockSkewMs` ahead), epoch ms. */
  serverNow(): number {
    return this.advance() + this.state.config.clockSkewMs;
  }

  /** The global change sequence (the second half of a cursor). */
  sequence(): number {
    this.advance();
    return this.state.seq;
  }

  /** When the next change happens without a request (a stage end, a progress heartbeat); null when idle. */
  nextChangeAt(): number | null {
    this.advance();
    return nextChangeAt(this.state);
  }

  /** The list cursor now: `<epoch>.<sequence>`. */
  cursor(): string {
    this.advance();
    return encodeCursor(this.state.epoch, this.state.seq);
  }

  /** What cursor checks need: lifetime, sequence, deletion horizon (see cursor.ts). */
  cursorScope(): CursorScope {
    const { epoch, seq, tombstoneFloor } = this.state;
    return { epoch, seq, tombstoneFloor };
  }

  /** The clock skew to apply to everything sent (ms). */
  get skew(): number {
    return this.state.config.clockSkewMs;
  }

  // ── reading ────────────────────────────────────────────────────────────

  taskTypes(): TaskType[] {
    this.advance();
    return listTaskTypes();
  }

  /** `GET /tasks`; `ifNoneMatch` is the request's `If-None-Match` header. */
  listTasks(search: URLSearchParams, ifNoneMatch: string | null = null): ListAnswer {
    this.advance();
    const query = parseListQuery(search, this.cursorScope());
    const etag = listEtag(this.state, query);
    const page = listTasks(this.state, query);
    if (etagMatches(ifNoneMatch, etag)) return { body: null, etag };
    const items = this.skew === 0 ? page.items : page.items.map((task) => shiftTask(task, this.skew));
    return { body: { ...page, items, stats: this.stats(), serverTime: iso(this.serverNow()) }, etag };
  }

  /** `GET /tasks/{id}`: the task with its attempt history (contract 1.1). */
  getTask(id: string): TaskDetail {
    this.advance();
    const record = this.state.tasks.get(id);
    if (!record) throw taskNotFound(id);
    return shiftTask({ ...record.task, attempts: attemptsOf(record) }, this.skew);
  }

  /** The task as lists and stream events show it (no attempts), on this server's clock. */
  publicTask(task: Task): Task {
    return shiftTask(task, this.skew);
  }

  /** Every task and tombstone changed after `seq`, for the event feed (see eventFeed.ts). */
  changesAfter(seq: number): { tasks: Task[]; removed: { id: string; seq: number }[] } {
    this.advance();
    const tasks: Task[] = [];
    for (const { task } of this.state.tasks.values()) if (task.version > seq) tasks.push(task);
    tasks.sort((a, b) => a.version - b.version);
    const removed = this.state.tombstones.filter((stone) => stone.seq > seq).map(({ id, seq: at }) => ({ id, seq: at }));
    return { tasks, removed };
  }

  taskLogs(id: string, after: string | null = null): LogsResponse {
    this.advance();
    if (!this.state.tasks.has(id)) throw taskNotFound(id);
    let afterMs: number | null = null;
    if (after !== null && after !== '') {
      afterMs = parseTime(after);
      if (afterMs === null) throw new ProblemError('invalid_query', 'after: must be an ISO 8601 timestamp');
      // The client read `ts` on this server's (skewed) clock; the log is kept in real time.
      afterMs -= this.skew;
    }
    return { entries: this.state.logs.list(id, afterMs).map((entry) => shiftLogEntry(entry, this.skew)) };
  }

  taskResult(id: string): TaskResult {
    const task = this.getTask(id);
    if (task.status !== 'succeeded') {
      throw new ProblemError('not_ready', `Task ${id} is ${task.status}; a result exists only once it has succeeded`);
    }
    return buildResult(task);
  }

  stats(): Stats {
    const at = this.advance();
    const lastMinute = this.requests.count(at);
    return computeStats(this.state, { lastMinute, limitPerMinute: this.state.config.rateLimitPerMinute });
  }

  // ── commands ───────────────────────────────────────────────────────────

  submitTask(body: unknown): Task {
    return this.publicTask(this.command((at) => lifecycle.submitTask(this.state, body, at)).task);
  }

  retryTask(id: string): Task {
    return this.publicTask(this.command((at) => lifecycle.retryTask(this.state, id, at)).task);
  }

  cancelTask(id: string): Task {
    return this.publicTask(this.command((at) => lifecycle.cancelTask(this.state, id, at)).task);
  }

  cancelTasks(body: unknown): BatchCancelResponse {
    const ids: unknown = body && typeof body === 'object' ? (body as { ids?: unknown }).ids : undefined;
    if (!Array.isArray(ids) || ids.length > 1000 || ids.some((id) => typeof id !== 'string')) {
      throw new ProblemError('validation_failed', 'ids: must be an array of at most 1000 task ids');
    }
    return { results: this.command((at) => lifecycle.cancelTasks(this.state, ids as string[], at)) };
  }

  deleteTask(id: string): void {
    this.command((at) => lifecycle.deleteTask(this.state, id, at));
  }

  setPaused(paused: boolean): QueueState {
    return this.command((at) => {
      setPaused(this.state, paused, at);
      return { paused: this.state.paused };
    });
  }

  // ── mock controls ──────────────────────────────────────────────────────

  config(): MockConfig {
    return this.state.config;
  }

  /** Merges a partial config; a new timeScale applies from now on, running tasks keep their progress. */
  updateConfig(patch: unknown): MockConfig {
    const next = mergeConfig(this.state.config, patch);
    this.command((at) => applyConfig(this.state, next, at));
    if (next.push === 'off') this.streams.dropAll();
    this.streams.wakeAll();
    return next;
  }

  /** `POST /_mock/events/drop`: closes every open event stream now. */
  dropStreams(): { dropped: number } {
    return { dropped: this.streams.dropAll() };
  }

  /** Empty engine, the start config, no demo tasks. The change sequence goes on: old tasks show up in `removed`. */
  reset(): void {
    const at = this.advance();
    const old = this.state;
    // Same lifetime: the sequence and the epoch go on, so clients see every old task in `removed`.
    const state = this.freshState(at, old.seq, old.idCounter, old.epoch);
    state.tombstoneFloor = old.tombstoneFloor;
    for (const taskId of old.tasks.keys()) state.tombstones.push({ id: taskId, seq: nextVersion(state), at });
    this.state = state;
    this.idempotencyStore.clear();
    this.requests.clear();
  }

  /** Every API request gets 503 for `seconds` (0 ends a spell). */
  startOutage(seconds: unknown): { outageUntil: string | null; seconds: number } {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_OUTAGE_SECONDS) {
      throw new ProblemError('validation_failed', `seconds: must be a number from 0 to ${MAX_OUTAGE_SECONDS}`);
    }
    const at = this.advance();
    this.state.outageUntil = seconds > 0 ? at + seconds * SECOND : 0;
    this.state.changed = true;
    // A server that is down holds no connections either.
    if (seconds > 0) this.streams.dropAll();
    return { outageUntil: seconds > 0 ? shiftIso(iso(this.state.outageUntil), this.skew) : null, seconds };
  }

  seedTasks(body: unknown): { created: number } {
    return { created: this.command((at) => seedTasks(this.state, body, at)) };
  }

  // ── the transport's helpers ────────────────────────────────────────────

  /** Outage, rate limit and injected faults for one API request (see gateway.ts). */
  admit(): Admission {
    const at = this.advance();
    const { config, outageUntil } = this.state;
    return admitRequest({ now: at, config, outageUntil, requests: this.requests, random: this.state.transport });
  }

  latency(): number {
    return sampleLatency(this.state.config, this.state.transport);
  }

  newTraceId(): string {
    return traceId(this.state.transport);
  }

  // ── persistence ────────────────────────────────────────────────────────

  snapshot(): EngineSnapshot {
    return snapshotState(this.state, this.idempotencyStore.snapshot(), this.state.clock);
  }

  /** Saves the state if anything changed since the last save (called after every request). */
  commit(): void {
    this.streams.wakeAll();
    if (!this.storage || !(this.state.changed || this.idempotencyStore.dirty)) return;
    if (this.storageFullAt !== null && this.state.tasks.size > this.storageFullAt * 0.8) return;
    try {
      this.storage.setItem(this.storageKey, JSON.stringify(this.snapshot()));
      this.state.changed = false;
      this.idempotencyStore.dirty = false;
      this.storageFullAt = null;
    } catch (error) {
      if (isQuotaError(error)) this.storageFullAt = this.state.tasks.size;
      if (!this.storageWarned) {
        this.storageWarned = true;
        console.warn(
          `[mock] Could not save the mock state (${this.state.tasks.size} tasks) to storage; it keeps working in memory.`,
          error,
        );
      }
    }
  }

  /**
   * Takes over a state another tab saved (the browser's `storage` event), so that tabs sharing
   * one localStorage show the same tasks. Requests this tab is still processing keep their
   * Idempotency-Key marks. Returns false (and keeps the current state) for an unusable value.
   */
  adoptStoredState(text: string | null): boolean {
    const snapshot = parseSnapshot(text);
    if (!snapshot) return false;
    const previous = this.state;
    const adopted = restoreState(snapshot, backfillLog);
    advance(adopted, previous.clock);
    continueSequence(previous, adopted, previous.clock);
    this.state = adopted;
    this.idempotencyStore.restore(snapshot.idempotency, { keepInProgress: true });
    this.streams.wakeAll();
    return true;
  }

  private command<T>(action: (at: number) => T): T {
    const at = this.advance();
    const result = action(at);
    settle(this.state, at);
    return result;
  }

  private freshState(clock: number, seq: number, idCounter: number, epoch = this.epoch ?? newEpoch(clock)): EngineState {
    const config = { ...this.baseConfig, faults: { ...this.baseConfig.faults } };
    const state = createState(config, this.seed, clock, epoch, backfillLog);
    state.seq = seq;
    state.idCounter = idCounter;
    return state;
  }

  private readStorage(): { snapshot: EngineSnapshot } | null {
    let text: string | null;
    try {
      text = this.storage?.getItem(this.storageKey) ?? null;
    } catch {
      return null;
    }
    const snapshot = parseSnapshot(text);
    if (text !== null && !snapshot) console.warn('[mock] Ignoring a stored mock state that is corrupt or from another version.');
    return snapshot ? { snapshot } : null;
  }
}
