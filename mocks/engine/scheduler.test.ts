import { describe, expect, it } from 'vitest';
import { clockedEngine, submit, T0 } from '../testSupport';

describe('queue', () => {
  it('runs at most maxConcurrent tasks and orders the queue by priority, FIFO within a level', () => {
    const { engine } = clockedEngine({ maxConcurrent: 2 });
    const a = submit(engine, 'video', 'low');
    const b = submit(engine, 'video', 'medium');
    const c = submit(engine, 'video', 'high');
    const d = submit(engine, 'video', 'medium');
    const e = submit(engine, 'video', 'urgent');
    const f = submit(engine, 'video', 'medium');
    const get = (id: string) => engine.getTask(id);

    expect([a, b].map((task) => get(task.id).status)).toEqual(['running', 'running']);
    expect([e, c, d, f].map((task) => get(task.id).queuePosition)).toEqual([1, 2, 3, 4]);
    expect([e, c, d, f].map((task) => get(task.id).status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(get(a.id).queuePosition).toBeNull();
    expect(engine.stats().queued).toEqual({ urgent: 1, high: 1, medium: 2, low: 0 });
    expect(engine.stats().running).toBe(2);
  });

  it('bumps the version of a queued task when its position changes', () => {
    const { engine } = clockedEngine({ maxConcurrent: 1 });
    submit(engine, 'text');
    const second = submit(engine, 'text', 'low');
    expect(second.queuePosition).toBe(1);
    const urgent = submit(engine, 'text', 'urgent');
    const moved = engine.getTask(second.id);
    expect(moved.queuePosition).toBe(2);
    expect(moved.version).toBeGreaterThan(second.version);
    expect(engine.getTask(urgent.id).queuePosition).toBe(1);
  });

  it('starts the next queued task at the exact instant a slot frees', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 1 });
    const first = submit(engine, 'text');
    const second = submit(engine, 'text');
    tick(10 * 60_000);
    const done = engine.getTask(first.id);
    const next = engine.getTask(second.id);
    expect(done.status).toBe('succeeded');
    expect(next.startedAt).toBe(done.finishedAt);
  });

  it('pause starts nothing new but lets running tasks finish; resume starts at once', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 1 });
    const running = submit(engine, 'text');
    const waiting = submit(engine, 'text');
    expect(engine.setPaused(true)).toEqual({ paused: true });
    tick(10 * 60_000);
    expect(engine.getTask(running.id).status).toBe('succeeded');
    expect(engine.getTask(waiting.id).status).toBe('queued');
    expect(engine.stats().paused).toBe(true);
    engine.setPaused(false);
    const started = engine.getTask(waiting.id);
    expect(started.status).toBe('running');
    expect(started.startedAt).toBe(new Date(T0 + 10 * 60_000).toISOString());
  });

  it('starts more tasks at once when maxConcurrent grows', () => {
    const { engine } = clockedEngine({ maxConcurrent: 1 });
    submit(engine, 'analysis');
    submit(engine, 'analysis');
    submit(engine, 'analysis');
    engine.updateConfig({ maxConcurrent: 3 });
    expect(engine.stats().running).toBe(3);
  });
});

describe('progress', () => {
  it('moves through the stages in order with weighted progress, then succeeds', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'image');
    let last = -1;
    const seenRunning = new Set<string>();
    for (let i = 0; i < 400; i++) {
      tick(250);
      const now = engine.getTask(task.id);
      const progress = now.progress ?? 0;
      expect(progress).toBeGreaterThanOrEqual(last);
      last = progress;
      const weights = now.stages.reduce((sum, stage) => sum + stage.weight, 0);
      const weighted = now.stages.reduce((sum, stage) => sum + stage.weight * stage.progress, 0) / weights;
      expect(progress).toBeCloseTo(weighted, 2);
      const runningIndex = now.stages.findIndex((stage) => stage.status === 'running');
      if (runningIndex >= 0) {
        seenRunning.add(now.stages[runningIndex]?.key ?? '');
        expect(now.stages.slice(0, runningIndex).every((stage) => stage.status === 'done')).toBe(true);
        expect(now.stages.slice(runningIndex + 1).every((stage) => stage.status === 'pending')).toBe(true);
      }
      if (now.status === 'succeeded') break;
    }
    const done = engine.getTask(task.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.stages.every((stage) => stage.status === 'done' && stage.startedAt && stage.finishedAt)).toBe(true);
    expect(seenRunning).toEqual(new Set(['preprocess', 'inference', 'postprocess', 'upload']));
    expect(done.cost.actual).toBeGreaterThanOrEqual(done.cost.estimated * 0.9 - 1e-9);
    expect(done.cost.actual).toBeLessThanOrEqual(done.cost.estimated * 1.1 + 1e-9);
    const took = Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt ?? '');
    expect(took).toBeGreaterThan(8_000);
    expect(took).toBeLessThan(90_000);
  });

  it('publishes progress on a 1 s heartbeat: a poll 10 ms later sees the same version', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'video');
    tick(5_000);
    const before = engine.getTask(task.id);
    tick(10);
    const soon = engine.getTask(task.id);
    expect(soon.version).toBe(before.version);
    expect(soon).toEqual(before);
    tick(1_000);
    const later = engine.getTask(task.id);
    expect(later.version).toBeGreaterThan(before.version);
    expect(later.progress ?? 0).toBeGreaterThan(before.progress ?? 0);
  });

  it('sends a server ETA for image and video only, in real milliseconds', () => {
    const { engine, tick } = clockedEngine({ maxConcurrent: 4 });
    const video = submit(engine, 'video');
    const text = submit(engine, 'text');
    tick(30_000);
    const running = engine.getTask(video.id);
    expect(running.eta?.source).toBe('server');
    expect(engine.getTask(text.id).eta).toBeNull();
    const first = running.eta?.remainingMs ?? 0;
    expect(first).toBeGreaterThan(60_000);
    tick(60_000);
    expect(engine.getTask(video.id).eta?.remainingMs).toBeLessThan(first);
    engine.updateConfig({ maxConcurrent: 1 });
    const queued = submit(engine, 'image', 'low');
    expect(engine.getTask(queued.id).status).toBe('queued');
    expect(engine.getTask(queued.id).eta).toBeNull();
  });

  it('timeScale 10 runs the same task ten times faster', () => {
    const finish = (timeScale: number) => {
      const { engine, tick } = clockedEngine({ timeScale });
      const task = submit(engine, 'analysis');
      tick(24 * 3600_000);
      const done = engine.getTask(task.id);
      return Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt ?? '');
    };
    expect(finish(1) / finish(10)).toBeCloseTo(10, 1);
  });

  it('keeps progress when timeScale changes mid-run and divides the ETA by it', () => {
    const { engine, tick } = clockedEngine();
    const task = submit(engine, 'video');
    tick(120_000);
    const before = engine.getTask(task.id);
    engine.updateConfig({ timeScale: 10 });
    const after = engine.getTask(task.id);
    expect(after.progress).toBeCloseTo(before.progress ?? 0, 2);
    expect(after.eta?.remainingMs ?? 0).toBeLessThan((before.eta?.remainingMs ?? 0) / 5);
  });
});

describe('long gaps', () => {
  it('advances 1,000 tasks over a day event by event, fast', () => {
    const { engine, tick } = clockedEngine({ timeScale: 10, maxConcurrent: 5, taskFailureRate: 0.1 });
    const types = ['image', 'text', 'analysis', 'video'];
    for (let i = 0; i < 1000; i++) submit(engine, types[i % 4] ?? 'text', i % 7 === 0 ? 'high' : 'medium');
    const started = performance.now();
    tick(24 * 3600_000);
    const stats = engine.stats();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stats.running + stats.queued.high + stats.queued.medium).toBe(0);
    expect(stats.totals.succeeded + stats.totals.failed).toBe(1000);
    expect(stats.successRate).toBeGreaterThan(0.8);
  });

  it('does not depend on how often it is polled', () => {
    const outcome = (step: number) => {
      const { engine, tick } = clockedEngine({ taskFailureRate: 0.3, maxConcurrent: 2 });
      const ids = ['image', 'text', 'video', 'analysis', 'image'].map((type) => submit(engine, type).id);
      for (let t = 0; t < 3 * 3600_000; t += step) tick(step);
      return ids.map((id) => {
        const { status, finishedAt, error, cost, stages } = engine.getTask(id);
        return { status, finishedAt, error, cost, stages: stages.map((stage) => [stage.status, stage.finishedAt]) };
      });
    };
    expect(outcome(997)).toEqual(outcome(3600_000));
  });
});
