import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockedEngine, submit, T0 } from '../testSupport';
import { TaskEngine } from './engine';
import { STORAGE_KEY, type StorageLike } from './persistence';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const withoutSaveTime = (engine: TaskEngine) => ({ ...engine.snapshot(), savedAt: 0 });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('persistence', () => {
  it('restores the same state from storage, and time keeps running', () => {
    const storage = new MemoryStorage();
    const first = clockedEngine({ taskFailureRate: 0.3 }, { storage });
    const ids = ['image', 'video', 'text', 'analysis'].map((type) => submit(first.engine, type).id);
    first.tick(45_000);
    first.engine.commit();
    expect(storage.items.has(STORAGE_KEY)).toBe(true);

    const second = clockedEngine({}, { storage });
    second.at(45_000);
    expect(withoutSaveTime(second.engine)).toEqual(withoutSaveTime(first.engine));

    first.tick(3600_000);
    second.tick(3600_000);
    for (const id of ids) {
      const a = first.engine.getTask(id);
      const b = second.engine.getTask(id);
      expect(b.status).not.toBe('running');
      expect({ ...b, version: 0, updatedAt: '' }).toEqual({ ...a, version: 0, updatedAt: '' });
    }
  });

  it('keeps the server lifetime across a reload: cursors stay valid; a fresh engine is a new lifetime', () => {
    const storage = new MemoryStorage();
    const first = clockedEngine({}, { storage });
    submit(first.engine, 'text');
    const cursor = first.engine.cursor();
    first.engine.commit();
    const reloaded = clockedEngine({}, { storage });
    expect(reloaded.engine.cursor()).toBe(cursor);
    expect(reloaded.engine.listTasks(new URLSearchParams({ since: cursor })).body?.items).toEqual([]);
    const fresh = clockedEngine();
    expect(fresh.engine.cursor().split('.')[0]).not.toBe(cursor.split('.')[0]);
  });

  it('keeps idempotency records across a reload', () => {
    const storage = new MemoryStorage();
    const { engine } = clockedEngine({}, { storage });
    const ticket = engine.idempotency.begin('POST /tasks', 'key-1', '{"a":1}', T0);
    if (ticket.kind !== 'proceed') throw new Error('expected to proceed');
    engine.idempotency.complete(ticket.ticket, { status: 201, body: { id: 'tsk_1' }, location: '/api/v1/tasks/tsk_1' }, null);
    engine.submitTask({ type: 'text', title: 'x', params: { prompt: 'p' } });
    engine.commit();
    const reloaded = clockedEngine({}, { storage }).engine;
    expect(reloaded.idempotency.begin('POST /tasks', 'key-1', '{"a":1}', T0 + 1000)).toEqual({
      kind: 'replay',
      answer: { status: 201, body: { id: 'tsk_1' }, location: '/api/v1/tasks/tsk_1' },
    });
  });

  it('seeds the demo only on the very first start', () => {
    const storage = new MemoryStorage();
    const first = clockedEngine({}, { storage, demoSeed: true }).engine;
    const count = first.stats().totals.total;
    first.commit();
    const second = clockedEngine({}, { storage, demoSeed: true }).engine;
    expect(second.stats().totals.total).toBe(count);
  });

  it('starts fresh when the stored state is corrupt or from another version', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const stored of ['{not json', JSON.stringify({ format: 99 }), JSON.stringify({ format: 1, tasks: 'x' })]) {
      const storage = new MemoryStorage();
      storage.setItem(STORAGE_KEY, stored);
      const { engine } = clockedEngine({}, { storage, demoSeed: true });
      expect(engine.stats().totals.total).toBeGreaterThan(10);
    }
    expect(warn).toHaveBeenCalled();
  });

  it('keeps working in memory when the storage is full, and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { engine, tick } = clockedEngine({}, { storage: localStorage });
    engine.seedTasks({ count: 10_000 });
    engine.commit();
    tick(1000);
    engine.commit();
    submit(engine, 'text');
    engine.commit();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(engine.stats().totals.total).toBe(10_001);
    // 10,000 tasks serialised twice: slow on a busy machine, not a sign of a hang.
  }, 20_000);

  it('lets a second tab take over the state the first one saved', () => {
    const storage = new MemoryStorage();
    const tabA = clockedEngine({}, { storage });
    const tabB = clockedEngine({}, { storage });
    const task = submit(tabA.engine, 'image');
    tabA.engine.commit();
    expect(tabB.engine.adoptStoredState(storage.getItem(STORAGE_KEY))).toBe(true);
    expect(tabB.engine.getTask(task.id).title).toBe(task.title);
    expect(tabB.engine.adoptStoredState('{broken')).toBe(false);
    expect(tabB.engine.getTask(task.id).id).toBe(task.id);
  });

  it('after taking over another tab\'s save, a cursor this tab gave out still sees the new task and the deletion', () => {
    const storage = new MemoryStorage();
    let now = T0;
    const clock = () => now;
    const tabA = new TaskEngine({ seed: 1, storage, now: clock, config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });
    const old = submit(tabA, 'text');
    now += 3_600_000;
    tabA.advance();
    tabA.commit();
    const tabB = new TaskEngine({ seed: 1, storage, now: clock });
    submit(tabA, 'video');
    tabA.commit();
    expect(tabB.adoptStoredState(storage.getItem(STORAGE_KEY))).toBe(true);
    // Tab A streams a long task closely (no saves): its sequence runs far ahead of tab B's.
    for (let i = 0; i < 120; i++) {
      now += 1_000;
      tabA.advance();
    }
    const cursor = tabA.cursor();
    // Tab B (which never saw A's later changes) deletes the old task and submits a new one.
    tabB.deleteTask(old.id);
    const fresh = submit(tabB, 'image');
    tabB.commit();
    expect(Number(tabB.cursor().split('.')[1])).toBeLessThan(Number(cursor.split('.')[1]));
    expect(tabA.adoptStoredState(storage.getItem(STORAGE_KEY))).toBe(true);
    const delta = tabA.listTasks(new URLSearchParams({ since: cursor })).body;
    expect(delta?.items.map((task) => task.id)).toContain(fresh.id);
    expect(delta?.removed).toContain(old.id);
  });

  it('uses localStorage under its contract key', () => {
    const { engine } = clockedEngine({}, { storage: localStorage });
    submit(engine, 'image');
    engine.commit();
    const stored = JSON.parse(localStorage.getItem('task-center:mock-engine:v1') ?? '{}') as { tasks?: unknown[] };
    expect(stored.tasks).toHaveLength(1);
  });
});
