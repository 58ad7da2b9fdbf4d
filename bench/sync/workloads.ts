/**
 * The live-updates benchmark's workloads (`npm run bench:sync`): the push channel healthy, dropped
 * every minute, behind a buffering proxy, and a two-minute server outage with and without push.
 * Each workload says how to plan a run and which targets its figures must meet; the list is the
 * place to add workloads (and their targets) — the runner and the report take any of them.
 */
import { randomBetween, type Random } from '../../src/lib/random';
import type { DownSpell } from '../sim/server';
import { PUSH_OFF, PUSH_ON, type PushSpec } from '../sim/push';
import { makeTask, type TaskClass, type TaskSpec } from '../sim/tasks';
import { MIXED_20, MIXED_5, shuffled } from '../workloads';
import type { SyncSummary } from './summary';

export interface SyncPlan {
  tasks: TaskSpec[];
  /** when the page opened (before the first submit) */
  openAt: number;
  push: PushSpec;
  /** the server unreachable in this spell (not the client's network: no offline event) */
  outage: DownSpell | null;
}

export interface SyncTarget {
  target: string;
  value: (engine: SyncSummary, adaptive: SyncSummary) => number;
  limit: number;
  /** the value must stay below the limit (otherwise at most the limit) */
  strict?: boolean;
}

export interface SyncWorkload {
  key: string;
  label: string;
  plan(random: Random): SyncPlan;
  /** the figures of the engine (with push) that must hold */
  targets: readonly SyncTarget[];
}


function tasksOf(random: Random, classes: readonly TaskClass[], submitWithinMs: number, failShare: number): TaskSpec[] {
  return classes.map((cls, i) => makeTask(random, `t${i + 1}`, cls, random() * submitWithinMs, failShare));
}

const openBefore = (random: Random) => -randomBetween(random, 5_000, 60_000);

/** The 20 mixed tasks of the polling benchmark's failure workload: 30 % fail part-way. */
const failing20 = (random: Random) => tasksOf(random, shuffled(random, MIXED_20), 30_000, 0.3);

/**
 * About two minutes down. The length varies by ±10 s so that the server's return falls anywhere
 * between two of the client's probes (a fixed length would line every run's probes up the same).
 */
function outagePlan(random: Random): Omit<SyncPlan, 'push'> {
  const openAt = openBefore(random);
  const tasks = tasksOf(random, MIXED_5, 10_000, 0);
  return { openAt, tasks, outage: { from: 60_000, to: 60_000 + randomBetween(random, 110_000, 130_000) } };
}

const DETECTION: readonly SyncTarget[] = [
  { target: 'detection mean < 250 ms', value: (e) => e.latencyMeanMs, limit: 250, strict: true },
  { target: 'detection p95 < 1 s', value: (e) => e.latencyP95Ms, limit: 1_000, strict: true },
  { target: 'failed tasks: detection mean < 250 ms', value: (e) => e.failedLatencyMeanMs ?? Infinity, limit: 250, strict: true },
  { target: 'polls beyond the safety net = 0', value: (e) => e.extraPolls, limit: 0 },
  { target: 'safety-net polls ≤ 1 per 10 min', value: (e) => e.safetyNetPer10Min, limit: 1 },
  { target: 'every task detected', value: (e) => e.undetected, limit: 0 },
];

const OUTAGE: readonly SyncTarget[] = [
  { target: 'catch-up after the return p95 ≤ 15 s', value: (e) => e.catchUpP95Ms ?? Infinity, limit: 15_000 },
  { target: 'requests in any minute of it after the first ≤ 4', value: (e) => e.outageWorstMinute ?? Infinity, limit: 4 },
  { target: 'every task detected', value: (e) => e.undetected, limit: 0 },
];

export const SYNC_WORKLOADS: readonly SyncWorkload[] = [
  {
    key: 'push-healthy',
    label: 'push healthy: the 20 mixed tasks, 30 % failing part-way, over a stream that stays up',
    plan: (random) => ({ openAt: openBefore(random), tasks: failing20(random), push: PUSH_ON, outage: null }),
    targets: DETECTION,
  },
  {
    key: 'push-drops',
    label: 'the same, the server dropping every stream every 60 s',
    plan: (random) => ({
      openAt: openBefore(random),
      tasks: failing20(random),
      push: { ...PUSH_ON, dropEveryMs: 60_000 },
      outage: null,
    }),
    targets: [
      { target: 'events missed = 0', value: (e) => e.eventsMissed, limit: 0 },
      { target: 'detection p95 < 1 s', value: (e) => e.latencyP95Ms, limit: 1_000, strict: true },
      { target: 'polls beyond the safety net = 0', value: (e) => e.extraPolls, limit: 0 },
      { target: 'every task detected', value: (e) => e.undetected, limit: 0 },
    ],
  },
  {
    key: 'push-buffered',
    label: 'a buffering proxy: 5 mixed tasks; from 60 s a proxy cuts the stream and holds every later one back',
    plan: (random) => ({
      openAt: openBefore(random),
      tasks: tasksOf(random, MIXED_5, 10_000, 0),
      push: { ...PUSH_ON, bufferedFrom: 60_000 },
      outage: null,
    }),
    targets: [
      { target: 'polling takes over ≤ 15 s (worst run)', value: (e) => e.takeoverMaxMs ?? Infinity, limit: 15_000 },
      { target: 'every task detected', value: (e) => e.undetected, limit: 0 },
    ],
  },
  {
    key: 'outage-push',
    label: 'a 2-minute outage: 5 mixed tasks over push; the server is unreachable from 60 s for 110–130 s',
    plan: (random) => ({ ...outagePlan(random), push: PUSH_ON }),
    targets: OUTAGE,
  },
  {
    key: 'outage-polling',
    label: 'the same outage without push (/events answers 404)',
    plan: (random) => ({ ...outagePlan(random), push: PUSH_OFF }),
    targets: OUTAGE,
  },
];
