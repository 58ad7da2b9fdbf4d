import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/api/schemas';
import { clockedEngine } from '../testSupport';
import { ProblemError } from './problems';

const all = (engine: ReturnType<typeof clockedEngine>['engine']): Task[] =>
  engine.listTasks(new URLSearchParams({ limit: '500' })).body?.items ?? [];

const seconds = (task: Task) => (Date.parse(task.finishedAt ?? '') - Date.parse(task.startedAt ?? '')) / 1000;

describe('demo seed', () => {
  it('gives a new user a living list: finished history, two failures, running and queued tasks', () => {
    const { engine } = clockedEngine({}, { demoSeed: true });
    const tasks = all(engine);
    const count = (status: Task['status']) => tasks.filter((task) => task.status === status).length;
    expect(tasks.length).toBeGreaterThanOrEqual(15);
    expect(count('succeeded')).toBeGreaterThanOrEqual(8);
    expect(count('running')).toBe(3);
    expect(count('queued')).toBe(3);
    const failed = tasks.filter((task) => task.status === 'failed');
    expect(failed.map((task) => task.error?.retryable).sort()).toEqual([false, true]);
    expect(new Set(tasks.filter((task) => task.status === 'succeeded').map((task) => task.type))).toEqual(
      new Set(['image', 'text', 'analysis', 'video']),
    );
    expect(tasks.some((task) => /[\u4e00-\u9fff]/.test(task.title))).toBe(true);
    const queued = tasks.filter((task) => task.status === 'queued').map((task) => task.queuePosition).sort();
    expect(queued).toEqual([1, 2, 3]);
    for (const task of tasks.filter((t) => t.status === 'running')) {
      expect(task.progress).toBeGreaterThan(0);
      expect(task.progress).toBeLessThan(1);
      expect(Date.parse(task.startedAt ?? '')).toBeLessThan(Date.parse(task.updatedAt));
    }
  });

  it('gives finished tasks realistic durations per type', () => {
    const { engine } = clockedEngine({}, { demoSeed: true });
    const succeeded = all(engine).filter((task) => task.status === 'succeeded');
    const ranges: Record<string, [number, number]> = { image: [8, 150], text: [8, 90], analysis: [40, 400], video: [150, 2000] };
    for (const task of succeeded) {
      const [min, max] = ranges[task.type] ?? [0, 0];
      expect(seconds(task)).toBeGreaterThan(min);
      expect(seconds(task)).toBeLessThan(max);
      expect(Date.parse(task.createdAt)).toBeLessThan(Date.parse(task.startedAt ?? ''));
      expect(task.cost.actual).not.toBeNull();
    }
  });

  it('writes a log history for seeded tasks on demand', () => {
    const { engine } = clockedEngine({}, { demoSeed: true });
    const failed = all(engine).find((task) => task.status === 'failed');
    const log = engine.taskLogs(failed?.id ?? '').entries;
    expect(log[0]?.message).toMatch(/^Submitted/);
    expect(log.some((entry) => entry.level === 'error' && entry.message.includes(failed?.error?.code ?? '?'))).toBe(true);
    const times = log.map((entry) => entry.ts);
    expect([...times].sort()).toEqual(times);
  });

  it('lets the seeded running tasks finish and the queue move on', () => {
    const { engine, tick } = clockedEngine({}, { demoSeed: true });
    tick(6 * 3600_000);
    const stats = engine.stats();
    expect(stats.running).toBe(0);
    expect(stats.queued).toEqual({ urgent: 0, high: 0, medium: 0, low: 0 });
  });
});

describe('bulk seed', () => {
  it('creates 10,000 tasks in the asked states', () => {
    const { engine } = clockedEngine();
    const started = performance.now();
    expect(engine.seedTasks({ count: 10_000, statuses: ['succeeded', 'failed'], types: ['image', 'text'] })).toEqual({ created: 10_000 });
    expect(performance.now() - started).toBeLessThan(5_000);
    const stats = engine.stats();
    expect(stats.totals.total).toBe(10_000);
    expect(stats.totals.succeeded + stats.totals.failed).toBe(10_000);
    expect(all(engine).every((task) => task.type === 'image' || task.type === 'text')).toBe(true);
  });

  it('rejects a bad request with 400', () => {
    const { engine } = clockedEngine();
    for (const body of [{}, { count: 0 }, { count: 5, statuses: ['done'] }, { count: 5, types: ['music'] }, { count: 1.5 }]) {
      expect(() => engine.seedTasks(body)).toThrow(ProblemError);
    }
  });
});
