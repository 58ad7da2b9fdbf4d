/**
 * Builders for contract objects in tests: a valid task with sensible defaults, overridable field
 * by field, and stage lists at a given point of execution.
 */
import type { Stage, Task } from '../../src/api/schemas';

export const T0 = Date.parse('2026-11-22T10:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export const IMAGE_STAGES = [
  { key: 'preprocess', label: 'Preprocess', weight: 10 },
  { key: 'inference', label: 'Inference', weight: 70 },
  { key: 'postprocess', label: 'Postprocess', weight: 15 },
  { key: 'upload', label: 'Upload', weight: 5 },
] as const;

/** Stages with every stage before `index` done, `index` in `status` at `progress`, the rest pending. */
export function stagesAt(index: number, progress = 0, status: Stage['status'] = 'running'): Stage[] {
  return IMAGE_STAGES.map((spec, i) => ({
    ...spec,
    status: i < index ? 'done' : i === index ? status : 'pending',
    progress: i < index ? 1 : i === index ? progress : 0,
    startedAt: i <= index ? iso(T0) : null,
    finishedAt: i < index ? iso(T0) : null,
  }));
}

let counter = 0;

export function makeTask(overrides: Partial<Task> = {}): Task {
  counter += 1;
  return {
    id: `task-${counter}`,
    type: 'image',
    title: `Task ${counter}`,
    params: { prompt: 'a lighthouse at dusk' },
    priority: 'medium',
    status: 'running',
    stages: stagesAt(1, 0.5),
    progress: null,
    eta: null,
    queuePosition: null,
    attempt: 1,
    error: null,
    cost: { estimated: 0.04, actual: null, currency: 'USD' },
    createdAt: iso(T0 + counter),
    startedAt: iso(T0 + counter),
    updatedAt: iso(T0 + counter),
    finishedAt: null,
    version: counter,
    ...overrides,
  };
}
