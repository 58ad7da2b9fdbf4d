/**
 * Synthetic but realistic tasks for the render benchmark, from a seed: the mock backend's four
 * task types and their stages, a mix of statuses (running with and without a server ETA, queued
 * with a position, failed with retry countdowns, finished with costs), and polls that move tasks
 * on the way a real one does — a new version object per changed task, merged with `applyDelta`.
 * Deliberately not the test factory: the page must not import test code.
 */
import { TASK_KINDS, type TaskKind } from '../../mocks/engine/catalog';
import type { Priority, Stage, Stats, Task, TaskStatus } from '../../src/api/schemas';
import { mulberry32, type Random } from '../../src/lib/random';
import { applyDelta, emptyMirror, type MirrorDelta, type TaskMirror } from '../../src/lib/taskMirror';

const KINDS: readonly TaskKind[] = [...TASK_KINDS.values()];

export const TYPE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  KINDS.map((kind) => [kind.spec.type, kind.spec.label]),
);

/** Shares of the list by status: a busy account where most of the history is finished. */
const STATUS_MIX: readonly (readonly [TaskStatus, number])[] = [
  ['running', 0.14],
  ['queued', 0.1],
  ['succeeded', 0.6],
  ['failed', 0.1],
  ['canceled', 0.06],
];
const PRIORITY_MIX: readonly (readonly [Priority, number])[] = [
  ['urgent', 0.05],
  ['high', 0.2],
  ['medium', 0.5],
  ['low', 0.25],
];
const SUBJECTS = ['red bicycle', 'lighthouse at dusk', 'spring sale banner', 'quarterly churn', 'onboarding email', 'product launch teaser', 'support ticket backlog', 'city skyline timelapse', 'release notes', 'pricing page hero'];
const VERBS = ['Poster of the', 'Summary of the', 'Draft for the', 'Analysis of the', 'Clip of the', 'Variations of the'];
const ERRORS = [
  { code: 'worker_timeout', message: 'The worker stopped answering', retryable: true },
  { code: 'upstream_unavailable', message: 'The model backend is unavailable', retryable: true },
  { code: 'content_policy', message: 'The prompt was rejected by the content policy', retryable: false },
  { code: 'out_of_memory', message: 'The job ran out of GPU memory', retryable: false },
] as const;

const iso = (ms: number) => new Date(ms).toISOString();

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T>(random: Random, mix: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, share] of mix) {
    r -= share;
    if (r < 0) return value;
  }
  const last = mix[mix.length - 1];
  if (!last) throw new Error('empty mix');
  return last[0];
}

/** A duration around `mean`, spread ±40 %. */
const around = (random: Random, mean: number) => Math.round(mean * (0.6 + 0.8 * random()));

function kindOf(task: Task): TaskKind {
  const kind = TASK_KINDS.get(task.type);
  if (!kind) throw new Error(`unknown task type ${task.type}`);
  return kind;
}

/** Stages with those before `index` done, `index` in `status` at `progress`, the rest `rest`. */
function stagesAt(kind: TaskKind, index: number, progress: number, status: Stage['status'], at: number, rest: Stage['status'] = 'pending'): Stage[] {
  return kind.spec.stages.map((spec, i) => ({
    ...spec,
    status: i < index ? 'done' : i === index ? status : rest,
    progress: i < index ? 1 : i === index ? progress : 0,
    startedAt: i <= index ? iso(at) : null,
    finishedAt: i < index ? iso(at) : null,
  }));
}

function serverEta(kind: TaskKind, remainingShare: number, random: Random): Task['eta'] {
  return kind.sendsEta ? { remainingMs: Math.round(around(random, kind.meanDurationMs) * remainingShare), source: 'server' } : null;
}

function makeTask(index: number, random: Random, now: number): Task {
  const kind = pick(random, KINDS);
  const status = weighted(random, STATUS_MIX);
  const createdAt = now - 5_000 - index * 37_000;
  const duration = around(random, kind.meanDurationMs);
  const startedAt = createdAt + Math.round(2_000 + 20_000 * random());
  const stageCount = kind.spec.stages.length;
  const estimated = Math.round((0.02 + 0.5 * random()) * 100) / 100;
  const base: Task = {
    id: `task-${String(index).padStart(5, '0')}`,
    type: kind.spec.type,
    title: `${pick(random, VERBS)} ${pick(random, SUBJECTS)} #${index + 1}`,
    params: { prompt: pick(random, SUBJECTS) },
    priority: weighted(random, PRIORITY_MIX),
    status,
    stages: stagesAt(kind, stageCount, 0, 'done', startedAt),
    progress: null,
    eta: null,
    queuePosition: null,
    attempt: 1,
    error: null,
    cost: { estimated, actual: null, currency: 'USD' },
    createdAt: iso(createdAt),
    startedAt: iso(startedAt),
    updatedAt: iso(startedAt),
    finishedAt: null,
    version: 1 + Math.floor(random() * 40),
  };
  switch (status) {
    case 'running': {
      const stage = Math.floor(random() * stageCount);
      const progress = random();
      const task = { ...base, stages: stagesAt(kind, stage, progress, 'running', startedAt) };
      return { ...task, eta: serverEta(kind, 1 - (stage + progress) / stageCount, random), updatedAt: iso(now - 1_000) };
    }
    case 'queued':
      return { ...base, stages: stagesAt(kind, -1, 0, 'pending', startedAt), startedAt: null, queuePosition: 1 + Math.floor(random() * 60) };
    case 'succeeded': {
      const finishedAt = Math.min(now - 1_000, startedAt + duration);
      const attempt = random() < 0.9 ? 1 : 2;
      return { ...base, attempt, finishedAt: iso(finishedAt), updatedAt: iso(finishedAt), cost: { ...base.cost, actual: estimated } };
    }
    case 'failed': {
      const stage = Math.floor(random() * stageCount);
      const error = pick(random, ERRORS);
      // Some failed minutes ago (a retry countdown is running), most long ago (manual Retry).
      const finishedAt = random() < 0.3 ? now - Math.round(random() * 8_000) : Math.min(now - 1_000, startedAt + duration / 2);
      return {
        ...base,
        stages: stagesAt(kind, stage, random(), 'failed', startedAt),
        attempt: 1 + Math.floor(random() * 3),
        error: { ...error, stage: kind.spec.stages[stage]?.key ?? null, traceId: `trace-${index}` },
        finishedAt: iso(finishedAt),
        updatedAt: iso(finishedAt),
        cost: { ...base.cost, actual: Math.round(estimated * 50) / 100 },
      };
    }
    case 'canceled': {
      const stage = Math.floor(random() * stageCount);
      const finishedAt = Math.min(now - 1_000, startedAt + duration / 3);
      return {
        ...base,
        stages: stagesAt(kind, stage, random(), 'skipped', startedAt, 'skipped'),
        finishedAt: iso(finishedAt),
        updatedAt: iso(finishedAt),
        cost: { ...base.cost, actual: 0 },
      };
    }
  }
}

function statsOf(tasks: readonly Task[]): Stats {
  const count = (status: TaskStatus) => tasks.filter((task) => task.status === status).length;
  const queued = (priority: Priority) => tasks.filter((task) => task.status === 'queued' && task.priority === priority).length;
  const succeeded = count('succeeded');
  const failed = count('failed');
  return {
    queued: { urgent: queued('urgent'), high: queued('high'), medium: queued('medium'), low: queued('low') },
    running: count('running'),
    maxConcurrent: Math.max(8, count('running')),
    paused: false,
    totals: { total: tasks.length, succeeded, failed, canceled: count('canceled') },
    successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed),
    meanAttempts: 1.2,
    cost: { total: tasks.reduce((sum, task) => sum + (task.cost.actual ?? 0), 0), budget: null, currency: 'USD' },
    requests: { lastMinute: 12, limitPerMinute: 600 },
  };
}

/** `n` tasks, newest first in id order, the same for the same seed (times are relative to `now`). */
export function createTasks(n: number, seed: number, now: number): Task[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, index) => makeTask(index, random, now));
}

/** The mirror after the first full page, built the way the sync engine builds it. */
export function initialMirror(tasks: readonly Task[], now: number): TaskMirror {
  return applyDelta(emptyMirror(), { items: tasks, cursor: 'c-0', stats: statsOf(tasks) }, now);
}

/** The next version of a task as a poll would report it: progress moves, queues advance, runs finish. */
export function nextVersion(task: Task, random: Random, now: number): Task {
  const kind = kindOf(task);
  const changed = { ...task, version: task.version + 1, updatedAt: iso(now) };
  const stageCount = kind.spec.stages.length;
  if (task.status === 'running') {
    const index = task.stages.findIndex((stage) => stage.status === 'running');
    const current = task.stages[index];
    if (!current) return changed;
    const progress = current.progress + 0.05 + 0.3 * random();
    if (progress < 1) {
      const stages = task.stages.map((stage, i) => (i === index ? { ...stage, progress } : stage));
      return { ...changed, stages, eta: serverEta(kind, 1 - (index + progress) / stageCount, random) };
    }
    if (index + 1 < stageCount) {
      return { ...changed, stages: stagesAt(kind, index + 1, 0, 'running', now), eta: serverEta(kind, 1 - (index + 1) / stageCount, random) };
    }
    return {
      ...changed,
      status: 'succeeded',
      stages: stagesAt(kind, stageCount, 0, 'done', now),
      eta: null,
      finishedAt: iso(now),
      cost: { ...task.cost, actual: task.cost.estimated },
    };
  }
  if (task.status === 'queued') {
    const position = task.queuePosition ?? 1;
    if (position > 1) return { ...changed, queuePosition: Math.max(1, position - 1 - Math.floor(random() * 3)) };
    return { ...changed, status: 'running', queuePosition: null, startedAt: iso(now), stages: stagesAt(kind, 0, 0, 'running', now), eta: serverEta(kind, 1, random) };
  }
  // A finished task changes too (its cost is settled, a note is added): a new version all the same.
  return { ...changed, cost: { ...task.cost, actual: Math.round((task.cost.actual ?? task.cost.estimated) * 101) / 100 } };
}

/**
 * A poll's answer that changes `k` tasks: about a fifth of them (at least one) among the rows in
 * the DOM, so the row memo is exercised on every poll, the rest among all tasks, active ones
 * first — what a server reports between two polls.
 */
export function pollDelta(mirror: TaskMirror, k: number, random: Random, mountedIds: readonly string[], now: number): { delta: MirrorDelta; changedIds: string[] } {
  const chosen = new Set<string>();
  const isActive = (id: string) => {
    const status = mirror.byId.get(id)?.status;
    return status === 'running' || status === 'queued';
  };
  const draw = (ids: readonly string[], count: number) => {
    const pool = ids.filter((id) => !chosen.has(id));
    for (let i = 0; i < count && pool.length > 0; i += 1) {
      const at = Math.floor(random() * pool.length);
      const [id] = pool.splice(at, 1);
      if (id !== undefined) chosen.add(id);
    }
  };
  draw(mountedIds, Math.min(mountedIds.length, Math.max(1, Math.round(k / 5))));
  draw(mirror.order.filter(isActive), k - chosen.size);
  draw(mirror.order, k - chosen.size);
  const changedIds = [...chosen];
  const items = changedIds.flatMap((id) => {
    const task = mirror.byId.get(id);
    return task ? [nextVersion(task, random, now)] : [];
  });
  const cursor = `c-${now}-${random().toString(36).slice(2, 8)}`;
  return { delta: { items, cursor }, changedIds };
}

/**
 * The baseline without identity-preserving merges: every task becomes a new object with the
 * same content (as if the whole list were parsed and swapped in), so no row memo can hit.
 */
export function withFreshTasks(mirror: TaskMirror, now: number): TaskMirror {
  const fresh = applyDelta(emptyMirror(), { items: [...mirror.byId.values()].map((task) => ({ ...task })), cursor: mirror.cursor ?? 'c-0', stats: mirror.stats }, now);
  return { ...fresh, etag: mirror.etag };
}
