/**
 * Seeded tasks. The demo seed runs on the very first start in a browser (no stored state), so a
 * new user sees a living list at once: finished tasks of every type (their durations form the
 * ETA history), two failures (one retryable, one not), three running mid-stage and three queued.
 * `seedTasks` (`POST /_mock/seed`) bulk-creates tasks in given states for e2e tests and render
 * benchmarks (10,000 tasks and more).
 */
import { TASK_STATUSES, type Priority, type TaskStatus } from '../../src/api/schemas';
import { findTaskKind, listTaskTypes, type TaskKind } from './catalog';
import { paramsFor, randomIdea } from './demoContent';
import { createTaskRecord } from './lifecycle';
import type { TaskRecord } from './model';
import { placeFinished, placeQueued, placeRunning } from './placement';
import { fillSlots, settle } from './scheduler';
import { ProblemError } from './problems';
import type { EngineState } from './state';
import { HOUR, MINUTE, SECOND } from './time';

export const MAX_SEED_COUNT = 50_000;

interface DemoTask {
  type: string;
  title: string;
  subject: string;
  priority: Priority;
  status: TaskStatus;
  /** finished: minutes ago it finished; running: seconds since it started; queued: seconds ago it was submitted */
  ago: number;
  failure?: string;
}

const DEMO: readonly DemoTask[] = [
  { type: 'image', title: '产品海报 · 春季系列', subject: 'Spring product poster, pastel flowers around a white sneaker', priority: 'high', status: 'succeeded', ago: 170 },
  { type: 'text', title: 'Release notes draft v2.3', subject: 'Write release notes for version 2.3: batch cancel, faster search', priority: 'medium', status: 'succeeded', ago: 150 },
  { type: 'analysis', title: 'Churn drivers — Q1 cohort', subject: 's3://analytics/cohorts/2026-q1.parquet', priority: 'medium', status: 'succeeded', ago: 131 },
  { type: 'text', title: 'Translate onboarding emails to German', subject: 'Translate the three onboarding emails into friendly, formal German', priority: 'low', status: 'succeeded', ago: 124 },
  { type: 'video', title: 'Launch teaser 8s', subject: 'Fast cuts of the product on a turntable, ends on the logo', priority: 'high', status: 'succeeded', ago: 118 },
  { type: 'analysis', title: 'Support ticket topics', subject: 's3://support/tickets-2026-02.jsonl', priority: 'low', status: 'succeeded', ago: 104 },
  { type: 'image', title: 'Blog header — autumn forest', subject: 'Wide shot of an autumn forest at dawn, mist, warm light', priority: 'low', status: 'succeeded', ago: 96 },
  { type: 'text', title: '客服对话摘要 · 三月', subject: '总结三月份的客服对话，列出最常见的五个问题', priority: 'medium', status: 'succeeded', ago: 80 },
  { type: 'analysis', title: '销售数据分析 · 华东区', subject: 's3://sales/east-china/2026-03.csv', priority: 'high', status: 'succeeded', ago: 62 },
  { type: 'image', title: 'App icon variations', subject: 'Minimal app icon, a paper plane folded from a task list', priority: 'medium', status: 'succeeded', ago: 45 },
  { type: 'video', title: '品牌片头 · Logo 动效', subject: 'The logo assembles from floating paper shapes', priority: 'medium', status: 'succeeded', ago: 33 },
  { type: 'image', title: 'Banner A/B · variant B (old copy)', subject: 'Hero banner for a summer sale, beach towels', priority: 'low', status: 'canceled', ago: 27 },
  { type: 'video', title: 'Product walkthrough 30s', subject: 'Screen recording style walkthrough of creating a task', priority: 'high', status: 'failed', ago: 18, failure: 'gpu_oom' },
  { type: 'text', title: 'Social post: competitor parody', subject: 'A parody post about a competitor, using their logo', priority: 'low', status: 'failed', ago: 9, failure: 'content_policy' },
  { type: 'analysis', title: 'Weekly KPI anomaly scan', subject: 'warehouse://kpi/daily_metrics', priority: 'medium', status: 'running', ago: 50 },
  { type: 'video', title: 'Tutorial intro · 720p', subject: 'Friendly animated intro with the title "Getting started"', priority: 'high', status: 'running', ago: 140 },
  { type: 'image', title: '团队合影风格化', subject: 'Team photo restyled as a watercolour illustration', priority: 'medium', status: 'running', ago: 12 },
  { type: 'text', title: 'Incident summary for the status page', subject: 'Summarise the 14:02 API incident for customers', priority: 'urgent', status: 'queued', ago: 20 },
  { type: 'analysis', title: 'A/B test readout — checkout flow', subject: 'warehouse://experiments/checkout_v7', priority: 'high', status: 'queued', ago: 15 },
  { type: 'image', title: 'Wallpaper set · 4K', subject: 'Abstract flowing gradients in teal and coral', priority: 'low', status: 'queued', ago: 8 },
];

/** Adds the demo tasks as of `now`. */
export function seedDemo(state: EngineState, now: number): void {
  for (const demo of DEMO) {
    const kind = findTaskKind(demo.type);
    if (!kind) continue;
    const params = paramsFor(demo.type, demo.subject, state.simulation);
    const record = newRecord(state, kind, demo.title, params, demo.priority);
    place(state, record, demo.status, now, demo.ago, demo.failure);
  }
  fillSlots(state, now);
  settle(state, now);
}

export interface SeedRequest {
  count: number;
  statuses?: TaskStatus[];
  types?: string[];
}

/** Default mix of a bulk seed when no statuses are given. */
const STATUS_MIX: readonly [TaskStatus, number][] = [
  ['succeeded', 0.7],
  ['failed', 0.1],
  ['canceled', 0.05],
  ['running', 0.03],
  ['queued', 0.12],
];

/** `POST /_mock/seed`: creates `count` tasks directly in the given states. */
export function seedTasks(state: EngineState, raw: unknown, now: number): number {
  const request = parseSeedRequest(raw);
  const types = request.types ?? listTaskTypes().map((type) => type.type);
  const random = state.simulation;
  const span = Math.max(HOUR, request.count * 20 * SECOND);
  const queued: { record: TaskRecord; ago: number }[] = [];
  for (let i = 0; i < request.count; i++) {
    const status = request.statuses ? random.pick(request.statuses) : random.weighted(STATUS_MIX, ([, share]) => share)[0];
    const kind = findTaskKind(random.pick(types));
    if (!kind) continue;
    const idea = randomIdea(kind.spec.type, random);
    const priority = random.weighted<Priority>(['urgent', 'high', 'medium', 'low'], (p) => (p === 'urgent' ? 1 : p === 'medium' ? 5 : 2));
    const record = newRecord(state, kind, `${idea.title} #${state.idCounter + 1}`, idea.params, priority);
    // seconds for running and queued tasks, minutes for finished ones (see `place`)
    const ago =
      status === 'running' ? random.between(5, 120) : status === 'queued' ? random.between(1, 600) : random.between(1, span / MINUTE);
    if (status === 'queued') queued.push({ record, ago });
    else place(state, record, status, now, ago);
  }
  // Queued tasks join the queue in the order they were submitted (FIFO within a priority).
  queued.sort((a, b) => b.ago - a.ago).forEach(({ record, ago }) => place(state, record, 'queued', now, ago));
  fillSlots(state, now);
  settle(state, now);
  return request.count;
}

function parseSeedRequest(raw: unknown): SeedRequest {
  if (raw === null || typeof raw !== 'object') throw new ProblemError('validation_failed', 'The body must be { count, statuses?, types? }');
  const { count, statuses, types } = raw as Record<string, unknown>;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SEED_COUNT) {
    throw new ProblemError('validation_failed', `count: must be an integer from 1 to ${MAX_SEED_COUNT}`);
  }
  const list = (value: unknown, field: string, allowed: readonly string[]): string[] | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.length === 0) throw new ProblemError('validation_failed', `${field}: must be a non-empty array`);
    const bad = (value as unknown[]).find((item) => typeof item !== 'string' || !allowed.includes(item));
    if (bad !== undefined) throw new ProblemError('validation_failed', `${field}: ${JSON.stringify(bad)} is not one of ${allowed.join(', ')}`);
    return value as string[];
  };
  return {
    count,
    statuses: list(statuses, 'statuses', TASK_STATUSES) as TaskStatus[] | undefined,
    types: list(types, 'types', listTaskTypes().map((type) => type.type)),
  };
}

function newRecord(state: EngineState, kind: TaskKind, title: string, params: Record<string, unknown>, priority: Priority): TaskRecord {
  return createTaskRecord(state, { kind, title, params, priority, createdAt: 0 });
}

/** `ago`: minutes for finished tasks, seconds for running and queued ones. */
function place(state: EngineState, record: TaskRecord, status: TaskStatus, now: number, ago: number, failure?: string): void {
  switch (status) {
    case 'succeeded':
    case 'failed':
    case 'canceled':
      placeFinished(state, record, status, now - ago * MINUTE, failure);
      break;
    case 'running':
      placeRunning(state, record, ago * SECOND, now);
      break;
    case 'queued':
      placeQueued(state, record, now - ago * SECOND);
      break;
  }
}
