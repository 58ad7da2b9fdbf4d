import { describe, expect, it } from 'vitest';
import type { Stage } from '../api/schemas';
import {
  currentStage,
  monotoneProgress,
  stageSegments,
  taskProgress,
  weightedProgress,
} from './progress';

function stage(key: string, weight: number, status: Stage['status'], progress = 0): Stage {
  return { key, label: key, weight, status, progress, startedAt: null, finishedAt: null };
}

const weights = [10, 70, 15, 5] as const;
const keys = ['preprocess', 'inference', 'postprocess', 'upload'] as const;

function stagesAt(index: number, progress: number): Stage[] {
  return keys.map((key, i) =>
    stage(key, weights[i] ?? 0, i < index ? 'done' : i === index ? 'running' : 'pending', i === index ? progress : 0),
  );
}

describe('weightedProgress', () => {
  it('weights each stage by its share', () => {
    expect(weightedProgress(stagesAt(0, 0.5))).toBeCloseTo(0.05);
    expect(weightedProgress(stagesAt(1, 0.5))).toBeCloseTo(0.1 + 0.35);
    expect(weightedProgress(stagesAt(3, 1))).toBeCloseTo(1);
  });

  it('is monotone across stage boundaries', () => {
    let previous = -1;
    for (let index = 0; index < 4; index += 1) {
      for (const p of [0, 0.25, 0.5, 0.75, 1]) {
        const value = weightedProgress(stagesAt(index, p));
        expect(value).toBeGreaterThanOrEqual(previous);
        previous = value;
      }
    }
  });

  it('counts a failed stage by its progress and skipped stages in full', () => {
    const stages = [stage('a', 50, 'skipped'), stage('b', 50, 'failed', 0.4)];
    expect(weightedProgress(stages)).toBeCloseTo(0.7);
  });

  it('is 0 without stages or weights', () => {
    expect(weightedProgress([])).toBe(0);
    expect(weightedProgress([stage('a', 0, 'done')])).toBe(0);
  });
});

describe('taskProgress', () => {
  it('keeps the progress a canceled task had: its skipped stages were never done', () => {
    const stages = [stage('a', 10, 'done', 1), stage('b', 70, 'skipped', 0.5), stage('c', 20, 'skipped', 0)];
    expect(taskProgress({ status: 'canceled', stages, progress: 0.45 })).toBeCloseTo(0.45);
    expect(taskProgress({ status: 'canceled', stages, progress: null })).toBeCloseTo(0.45);
    expect(stageSegments(stages, true).map((segment) => segment.fill)).toEqual([1, 0.5, 0]);
    // Elsewhere a skipped stage is one the task did not need: it counts in full.
    expect(taskProgress({ status: 'succeeded', stages, progress: null })).toBe(1);
    expect(weightedProgress(stages)).toBeCloseTo(1);
  });

  it('prefers the server value but never below finished stages', () => {
    const stages = stagesAt(2, 0.2);
    expect(taskProgress({ status: 'running', stages, progress: 0.9 })).toBeCloseTo(0.9);
    expect(taskProgress({ status: 'running', stages, progress: 0.1 })).toBeCloseTo(0.8);
    expect(taskProgress({ status: 'running', stages, progress: null })).toBeCloseTo(0.83);
  });

  it('is 1 when the task succeeded', () => {
    expect(taskProgress({ status: 'succeeded', stages: stagesAt(3, 0.9), progress: 0.97 })).toBe(1);
  });
});

describe('monotoneProgress', () => {
  it('keeps the highest value within an attempt and restarts on a new attempt', () => {
    const first = monotoneProgress(undefined, 1, 0.5);
    expect(monotoneProgress(first, 1, 0.4)).toEqual({ attempt: 1, value: 0.5 });
    expect(monotoneProgress(first, 1, 0.6)).toEqual({ attempt: 1, value: 0.6 });
    expect(monotoneProgress(first, 2, 0.3)).toEqual({ attempt: 2, value: 0.3 });
  });
});

describe('stageSegments and currentStage', () => {
  it('makes each segment as wide as its weight', () => {
    const segments = stageSegments(stagesAt(1, 0.5));
    expect(segments.map((s) => s.width)).toEqual([0.1, 0.7, 0.15, 0.05]);
    expect(segments.map((s) => s.fill)).toEqual([1, 0.5, 0, 0]);
  });

  it('finds the running or failed stage, else the next pending one', () => {
    expect(currentStage(stagesAt(2, 0.1))?.key).toBe('postprocess');
    expect(currentStage([stage('a', 1, 'done'), stage('b', 1, 'failed')])?.key).toBe('b');
    expect(currentStage([stage('a', 1, 'done'), stage('b', 1, 'pending')])?.key).toBe('b');
    expect(currentStage([stage('a', 1, 'done')])).toBeNull();
  });
});
