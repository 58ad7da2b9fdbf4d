import { describe, expect, it } from 'vitest';
import { ageTasks, pollCadence, recentFailureRate, taskCadence, type ActiveTask } from './cadence';
import { DEFAULT_SYNC_CONFIG, type SyncConfig } from './config';

/** Explicit numbers, so the tests are about the rules and not about today's defaults. */
const config: SyncConfig = {
  ...DEFAULT_SYNC_CONFIG,
  floorMs: 1_000,
  capMs: 120_000,
  approachFactor: 0.75,
  approachLatestFactor: 1,
  aimWithinMs: 10_000,
  aimMarginMs: 1_000,
  aimSlackMs: 5_000,
  overdueFactor: 0.5,
  overdueCapMs: 15_000,
  quickIntervalMs: 4_000,
  quickLatestMs: 8_000,
  quickPhaseMs: 8_000,
  noEtaGrowth: 0.2,
  noEtaMinMs: 5_000,
  noEtaCapMs: 30_000,
  failureCapMs: 12_000,
  failureRateThreshold: 0.1,
};

const task = (remainingMs: number | null, extra: Partial<ActiveTask> = {}): ActiveTask => ({
  id: 'a',
  status: 'running',
  remainingMs,
  observedForMs: 60_000,
  overdueMs: 0,
  ...extra,
});

describe('taskCadence', () => {
  it('looks again soon at a task it knows nothing about yet (quick start)', () => {
    expect(taskCadence(task(null, { observedForMs: 0 }), config)).toMatchObject({ delayMs: 4_000, reason: 'quick-start' });
    expect(taskCadence(task(null, { status: 'queued', observedForMs: 5_000 }), config).delayMs).toBe(4_000);
  });

  it('without an ETA, backs off like the old adaptive schedule: growing, at least 5 s, at most 30 s', () => {
    const at = (observedForMs: number) => taskCadence(task(null, { observedForMs }), config);
    expect(at(10_000)).toMatchObject({ delayMs: 5_000, reason: 'no-eta' });
    expect(at(60_000).delayMs).toBe(12_000);
    expect(at(100_000).delayMs).toBeGreaterThan(at(60_000).delayMs);
    expect(at(600_000).delayMs).toBe(30_000);
  });

  it('ignores an ETA on a queued task (it has not started; the estimate is not a pace)', () => {
    expect(taskCadence(task(5_000, { status: 'queued' }), config).reason).toBe('no-eta');
  });

  it('far from the end, waits a share of the time left: the wait grows with the distance', () => {
    expect(taskCadence(task(40_000), config)).toMatchObject({ delayMs: 30_000, reason: 'approaching' });
    expect(taskCadence(task(100_000), config).delayMs).toBe(75_000);
  });

  it('never waits longer than the cap', () => {
    expect(taskCadence(task(600_000), config).delayMs).toBe(120_000);
    expect(taskCadence(task(null, { observedForMs: 10_000_000 }), { ...config, noEtaCapMs: 500_000 }).delayMs).toBe(
      120_000,
    );
  });

  it('near the estimated end, aims one poll just past it: the interval shrinks as the end nears', () => {
    expect(taskCadence(task(8_000), config)).toMatchObject({ delayMs: 9_000, reason: 'aim' });
    expect(taskCadence(task(3_000), config).delayMs).toBe(4_000);
  });

  it('never goes below the floor', () => {
    expect(taskCadence(task(0), { ...config, aimMarginMs: 200 }).delayMs).toBe(1_000);
  });

  it('past the estimated end, polls at a short interval that grows with how late the task is', () => {
    const late = (overdueMs: number) => taskCadence(task(0, { overdueMs }), config);
    expect(late(1_000).delayMs).toBe(1_000);
    expect(late(6_000)).toMatchObject({ delayMs: 3_000, reason: 'overdue' });
    expect(late(12_000).delayMs).toBe(6_000);
    expect(late(120_000).delayMs).toBe(15_000);
  });

  it('uses a new, larger estimate of a late task rather than the overdue interval', () => {
    expect(taskCadence(task(40_000, { overdueMs: 4_000 }), config)).toMatchObject({ delayMs: 30_000, reason: 'approaching' });
  });

  it('says how long each kind of wish may be stretched to share a look', () => {
    expect(taskCadence(task(40_000), config).latestMs).toBe(40_000);
    expect(taskCadence(task(8_000), config).latestMs).toBe(14_000);
    expect(taskCadence(task(null, { observedForMs: 0 }), config).latestMs).toBe(8_000);
    expect(taskCadence(task(0, { overdueMs: 12_000 }), config).latestMs).toBe(6_000);
  });
});

describe('pollCadence', () => {
  it('does not poll when nothing is active', () => {
    expect(pollCadence([], config)).toEqual({ delayMs: null, reason: 'idle', taskId: null });
  });

  it('follows the most urgent task of the list', () => {
    const list = [task(600_000, { id: 'long' }), task(6_000, { id: 'soon' }), task(null, { id: 'new', observedForMs: 100_000 })];
    expect(pollCadence(list, config)).toEqual({ delayMs: 7_000, reason: 'aim', taskId: 'soon' });
  });

  it('lets a task that can wait ride along with a look another task needs anyway', () => {
    // 'far' alone would poll at 9 s (0.75 × 12 s) and could wait until 12 s; 'near' aims at 11 s.
    const list = [task(12_000, { id: 'far' }), task(10_000, { id: 'near' })];
    expect(taskCadence(list[0]!, config).delayMs).toBe(9_000);
    expect(pollCadence(list, config)).toMatchObject({ delayMs: 11_000, taskId: 'near' });
  });

  it('never makes a task wait past the latest it accepts', () => {
    // 'soon' aims at 2 s and accepts up to 7 s; 'later' wants 9 s: no sharing, 'soon' goes first.
    const list = [task(1_000, { id: 'soon' }), task(8_000, { id: 'later' })];
    expect(pollCadence(list, config)).toMatchObject({ delayMs: 2_000, taskId: 'soon' });
  });
});

describe('ageTasks', () => {
  it('moves the estimates forward in time', () => {
    const [aged] = ageTasks([task(10_000, { observedForMs: 1_000 })], 4_000);
    expect(aged).toMatchObject({ remainingMs: 6_000, observedForMs: 5_000, overdueMs: 0 });
  });

  it('turns a passed estimate into lateness, and keeps lateness growing', () => {
    expect(ageTasks([task(3_000)], 5_000)[0]).toMatchObject({ remainingMs: 0, overdueMs: 2_000 });
    expect(ageTasks([task(0, { overdueMs: 4_000 })], 1_000)[0]?.overdueMs).toBe(5_000);
    expect(ageTasks([task(null)], 5_000)[0]).toMatchObject({ remainingMs: null, overdueMs: 0 });
  });
});

describe('failure watch', () => {
  it('caps a running task far from its end while tasks often fail part-way', () => {
    expect(taskCadence(task(400_000), config, 0)).toMatchObject({ delayMs: 120_000, reason: 'approaching' });
    expect(taskCadence(task(400_000), config, 0.05)).toMatchObject({ delayMs: 120_000 });
    expect(taskCadence(task(400_000), config, 0.3)).toEqual({ delayMs: 12_000, latestMs: 12_000, reason: 'failure-watch' });
    // Near the end the aimed look is sooner anyway.
    expect(taskCadence(task(4_000), config, 0.3)).toMatchObject({ delayMs: 5_000, reason: 'aim' });
  });

  it('leaves queued tasks alone: nothing runs that could fail', () => {
    const queued = task(null, { status: 'queued', observedForMs: 600_000 });
    expect(taskCadence(queued, config, 1)).toMatchObject({ delayMs: 30_000, reason: 'no-eta' });
  });

  it('the list follows the capped task', () => {
    expect(pollCadence([task(400_000), task(900_000, { id: 'b' })], config, 0.3).delayMs).toBe(12_000);
  });

  it('the failure rate is the share of the newest finished tasks that failed', () => {
    const statuses = ['running', 'failed', 'succeeded', 'canceled', 'succeeded', 'failed', 'succeeded'];
    expect(recentFailureRate(statuses.map((status) => ({ status })))).toBeCloseTo(2 / 5);
    expect(recentFailureRate(statuses.map((status) => ({ status })), 2)).toBe(0.5);
    expect(recentFailureRate([{ status: 'running' }])).toBe(0);
  });
});
