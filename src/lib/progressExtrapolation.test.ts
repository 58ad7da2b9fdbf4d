import { describe, expect, it } from 'vitest';
import { iso, makeTask, T0 } from '../../test/utils/taskFactory';
import type { Stage, Task } from '../api/schemas';
import { formatPercent } from './format';
import { extrapolateProgress } from './progressExtrapolation';

const WEIGHTS = [10, 70, 15, 5];

/**
 * A running task whose stage `index` started at `stageStart` and reported `progress` at `measured`
 * (server times = client times here; the offset is taskClock's business).
 */
function runningTask(index: number, progress: number, stageStart: number, measured: number, overrides: Partial<Task> = {}): Task {
  const stages: Stage[] = WEIGHTS.map((weight, i) => ({
    key: `s${i}`,
    label: `S${i}`,
    weight,
    status: i < index ? 'done' : i === index ? 'running' : 'pending',
    progress: i < index ? 1 : i === index ? progress : 0,
    startedAt: i < index ? iso(T0 + i * 1_000) : i === index ? iso(stageStart) : null,
    finishedAt: i < index ? iso(T0 + (i + 1) * 1_000) : null,
  }));
  return makeTask({ stages, startedAt: iso(T0), updatedAt: iso(measured), ...overrides });
}

describe('extrapolateProgress', () => {
  it("moves a running stage on at the stage's own pace between updates", () => {
    // Inference started 60 s before the update and had done 20 % of itself: 1/300 of the stage a second.
    const fresh = runningTask(1, 0.2, T0, T0 + 60_000);
    const at = (seconds: number) => extrapolateProgress(fresh, { measuredAt: T0 + 60_000, now: T0 + 60_000 + seconds * 1_000 });
    expect(at(0)).toMatchObject({ value: 0.1 + 0.7 * 0.2, estimated: false, stageIndex: 1 });
    const later = at(30);
    // Mostly its own pace (a prior from the finished first stage weighs in a little).
    expect(later.stageFill).toBeGreaterThan(0.29);
    expect(later.stageFill).toBeLessThan(0.31);
    expect(later.value).toBeCloseTo(0.1 + 0.7 * later.stageFill, 10);
    expect(later.estimated).toBe(true);
    // Every second a little further.
    let previous = 0;
    for (let s = 0; s <= 120; s++) {
      const { value } = at(s);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
    expect(at(2).value - at(1).value).toBeGreaterThan(0.001);
  });

  it('never passes the end of the running stage, however long no update comes', () => {
    const task = runningTask(1, 0.5, T0, T0 + 10_000);
    const { stageFill, value } = extrapolateProgress(task, { measuredAt: T0 + 10_000, now: T0 + 3_600_000 });
    expect(stageFill).toBe(0.99);
    expect(value).toBeLessThan(0.8); // inference ends at 10 + 70 = 80 %
  });

  it('never shows 100 % before the server says so', () => {
    const task = runningTask(3, 0.9, T0, T0 + 5_000);
    const { value } = extrapolateProgress(task, { measuredAt: T0 + 5_000, now: T0 + 600_000 });
    expect(value).toBeLessThan(1);
    expect(formatPercent(value, 'en')).toBe('99%');
    const done = makeTask({ status: 'succeeded', stages: task.stages.map((s) => ({ ...s, status: 'done', progress: 1 })) });
    expect(formatPercent(extrapolateProgress(done, { measuredAt: T0, now: T0 }).value, 'en')).toBe('100%');
  });

  it('starts a young stage at the pace of the stages this task finished (no 0 % for minutes)', () => {
    // Stage 0 (weight 10) took 1 s: the whole task would take 10 s at that pace; inference (70) 7 s.
    const task = runningTask(1, 0, T0 + 1_000, T0 + 1_000);
    const p = extrapolateProgress(task, { measuredAt: T0 + 1_000, now: T0 + 2_000 });
    expect(p.basis).toBe('prior');
    expect(p.stageFill).toBeCloseTo(1 / 7, 2);
  });

  it("uses the server's ETA as the prior when it sends one", () => {
    // 10 % done, 90 s left: 100 s for the whole task; inference (70 %) takes 70 s.
    const task = runningTask(1, 0, T0 + 1_000, T0 + 1_000, { eta: { remainingMs: 90_000, source: 'server' } });
    const p = extrapolateProgress(task, { measuredAt: T0 + 1_000, now: T0 + 8_000 });
    expect(p.stageFill).toBeCloseTo(0.1, 2);
  });

  it("uses the type's recent durations when nothing else is known", () => {
    const stages = runningTask(0, 0, T0, T0).stages;
    const task = makeTask({ type: 'video', stages, startedAt: iso(T0), updatedAt: iso(T0) });
    const history = { video: [400_000, 390_000, 380_000] }; // 6.5 min
    const p = extrapolateProgress(task, { measuredAt: T0, now: T0 + 13_000, history });
    // Preprocess is 10 % of 390 s = 39 s: a third of it after 13 s.
    expect(p.stageFill).toBeCloseTo(1 / 3, 2);
    expect(p.value).toBeGreaterThan(0.03);
  });

  it('blends the prior away as the stage shows its own pace', () => {
    // The first stage ran at "10 s for the task" but inference is 4× slower than that.
    const slow = (seconds: number) => runningTask(1, (seconds / 28) * 1, T0 + 1_000, T0 + 1_000 + seconds * 1_000);
    const young = slow(1);
    const old = slow(14);
    const pace = (task: Task, measured: number) =>
      extrapolateProgress(task, { measuredAt: measured, now: measured + 1_000 }).stageFill - task.stages[1]!.progress;
    expect(pace(young, T0 + 2_000)).toBeGreaterThan(1 / 28 * 1.5); // still mostly the prior
    expect(pace(old, T0 + 15_000)).toBeLessThan(1 / 28 * 1.3); // mostly its own
    expect(extrapolateProgress(old, { measuredAt: T0 + 15_000, now: T0 + 16_000 }).basis).toBe('blended');
  });

  it('does not guess without anything to go on', () => {
    const stages = runningTask(0, 0, T0, T0).stages;
    const task = makeTask({ type: 'video', stages, startedAt: iso(T0), updatedAt: iso(T0) });
    expect(extrapolateProgress(task, { measuredAt: T0, now: T0 + 30_000 })).toMatchObject({ value: 0, estimated: false, basis: null });
  });

  it('leaves tasks that do not run at what the server said', () => {
    const queued = makeTask({ status: 'queued', stages: runningTask(0, 0, T0, T0).stages.map((s) => ({ ...s, status: 'pending' })) });
    expect(extrapolateProgress(queued, { measuredAt: T0, now: T0 + 60_000 })).toMatchObject({ value: 0, stageIndex: -1, estimated: false });
    const failed = runningTask(1, 0.4, T0, T0 + 10_000, { status: 'failed' });
    expect(extrapolateProgress(failed, { measuredAt: T0 + 10_000, now: T0 + 60_000 }).value).toBeCloseTo(0.1 + 0.7 * 0.4, 10);
  });
});
