/**
 * The benchmark's workloads and the runner that plays one run of one workload against one
 * client policy on the simulated clock. Every policy in a run sees the same tasks (durations,
 * progress curves) and the same hidden / offline spells, so the comparison is paired.
 */
import { deriveSeed, mulberry32, randomBetween, type Random } from '../src/lib/random';
import type { BetweenInput } from './between/betweenUpdates';
import type { SimClient } from './clients/clientLog';
import { SimNetwork, SimServer, type DownSpell } from './sim/server';
import { SimClock } from './sim/simClock';
import { makeTask, type TaskClass, type TaskSpec } from './sim/tasks';

export type WorkloadKind = 'single' | 'concurrent' | 'hidden' | 'offline' | 'failures';

export interface WorkloadPlan {
  tasks: TaskSpec[];
  /** when the page was opened (before the first submit; the engine's idle polls before it are not counted) */
  openAt: number;
  hidden: DownSpell | null;
  /** `to` is the `online` event; the network itself may only come back at `networkBackAt` */
  offline: (DownSpell & { networkBackAt: number }) | null;
}

export interface Workload {
  key: string;
  label: string;
  kind: WorkloadKind;
  plan(random: Random): WorkloadPlan;
}

const openBefore = (random: Random) => -randomBetween(random, 5_000, 120_000);

function tasksOf(random: Random, classes: readonly TaskClass[], submitWithinMs: number, failShare = 0): TaskSpec[] {
  return classes.map((cls, i) =>
    makeTask(random, `t${i + 1}`, cls, submitWithinMs > 0 ? random() * submitWithinMs : 0, failShare),
  );
}

const single = (cls: TaskClass, label: string): Workload => ({
  key: `single-${cls}`,
  label,
  kind: 'single',
  plan: (random) => ({ openAt: openBefore(random), tasks: tasksOf(random, [cls], 0), hidden: null, offline: null }),
});

/** A mixed batch: 7 short, 7 medium and 6 long tasks, shuffled. */
export const MIXED_20: TaskClass[] = [
  ...Array<TaskClass>(7).fill('30s'),
  ...Array<TaskClass>(7).fill('2min'),
  ...Array<TaskClass>(6).fill('10min'),
];
export const MIXED_5: TaskClass[] = ['30s', '2min', '2min', '10min', '10min'];

export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const WORKLOADS: readonly Workload[] = [
  single('30s', 'one task, ~30 s'),
  single('2min', 'one task, ~2 min'),
  single('10min', 'one task, ~10 min'),
  {
    key: 'concurrent-20',
    label: '20 concurrent mixed tasks (7×30 s, 7×2 min, 6×10 min, submitted within 30 s)',
    kind: 'concurrent',
    plan: (random) => ({
      openAt: openBefore(random),
      tasks: tasksOf(random, shuffled(random, MIXED_20), 30_000),
      hidden: null,
      offline: null,
    }),
  },
  {
    key: 'failures',
    label: 'the 20 mixed tasks, each failing part-way with a 30 % chance',
    kind: 'failures',
    plan: (random) => ({
      openAt: openBefore(random),
      tasks: tasksOf(random, shuffled(random, MIXED_20), 30_000, 0.3),
      hidden: null,
      offline: null,
    }),
  },
  {
    key: 'hidden',
    label: 'hidden spell: 5 mixed tasks, page hidden from 20 s for 10 min',
    kind: 'hidden',
    plan: (random) => ({
      openAt: openBefore(random),
      tasks: tasksOf(random, MIXED_5, 10_000),
      hidden: { from: 20_000, to: 620_000 },
      offline: null,
    }),
  },
  {
    key: 'offline',
    label: 'offline spell: 5 mixed tasks, offline from 40 s for 3 min; in half the runs the network lags the online event by 1–4 s',
    kind: 'offline',
    plan: (random) => {
      const openAt = openBefore(random);
      const tasks = tasksOf(random, MIXED_5, 10_000);
      const lag = random() < 0.5 ? 0 : randomBetween(random, 1_000, 4_000);
      return { openAt, tasks, hidden: null, offline: { from: 40_000, to: 220_000, networkBackAt: 220_000 + lag } };
    },
  },
];

export type ClientFactory = (
  clock: SimClock,
  server: SimServer,
  network: SimNetwork,
  specs: ReadonlyMap<string, TaskSpec>,
  random: Random,
) => SimClient;

export interface RunMetrics {
  tasks: number;
  /** requests sent from the first submit to the last detection */
  requests: number;
  bytes: number;
  /** per task: from the server finishing to the client knowing */
  latenciesMs: number[];
  /** the same, for the tasks that failed part-way */
  failedLatenciesMs: number[];
  undetected: number;
  hiddenRequests: number | null;
  hiddenMinutes: number | null;
  /** most requests sent within any 60 s while hidden */
  hiddenWorstMinute: number | null;
  offlineRequests: number | null;
  /** after the page is shown again / the online event: until the client has fresh news of every task it still watches */
  catchUpMs: number | null;
  /** what the client received, for the between-updates replay (bench/between) */
  between: BetweenInput;
}

/** Gives up on a run this long after the last task ended (a policy that never notices). */
const RUN_LIMIT_AFTER_END_MS = 30 * 60_000;

export async function runOnce(plan: WorkloadPlan, makeClient: ClientFactory, seed: number): Promise<RunMetrics> {
  const clock = new SimClock(plan.openAt);
  const server = new SimServer(plan.tasks);
  const down = plan.offline ? [{ from: plan.offline.from, to: plan.offline.networkBackAt }] : [];
  const network = new SimNetwork(mulberry32(deriveSeed(seed, 1)), down);
  const specs = new Map(plan.tasks.map((task) => [task.id, task]));
  const client = makeClient(clock, server, network, specs, mulberry32(deriveSeed(seed, 2)));

  const at = (time: number, fn: () => void) => clock.setTimeout(fn, time - clock.now());
  at(plan.openAt, () => client.open());
  for (const task of plan.tasks) at(task.submitAt, () => client.submit(task.id));
  if (plan.hidden) {
    at(plan.hidden.from, () => client.setVisible(false));
    at(plan.hidden.to, () => client.setVisible(true));
  }
  if (plan.offline) {
    at(plan.offline.from, () => client.setOnline(false));
    at(plan.offline.to, () => client.setOnline(true));
  }

  const { requests, counted, latenciesMs, failedLatenciesMs } = await runUntilDetected(plan.tasks, client, clock);

  const sentIn = (spell: DownSpell) => requests.filter((r) => r.sentAt >= spell.from && r.sentAt < spell.to);
  const hiddenSent = plan.hidden ? sentIn(plan.hidden) : null;
  const event = plan.hidden?.to ?? plan.offline?.to ?? null;

  return {
    tasks: plan.tasks.length,
    requests: counted.length,
    bytes: counted.reduce((sum, r) => sum + r.bytes, 0),
    latenciesMs,
    failedLatenciesMs,
    undetected: plan.tasks.length - latenciesMs.length,
    hiddenRequests: hiddenSent ? hiddenSent.length : null,
    hiddenMinutes: plan.hidden ? (plan.hidden.to - plan.hidden.from) / 60_000 : null,
    hiddenWorstMinute: hiddenSent ? worstWindow(hiddenSent.map((r) => r.sentAt), 60_000) : null,
    offlineRequests: plan.offline ? sentIn(plan.offline).length : null,
    catchUpMs: event === null ? null : catchUp(event, plan.tasks, client),
    between: { specs: plan.tasks, updates: client.log.updates, seed: deriveSeed(seed, 3) },
  };
}

/** The most timestamps inside any window of `windowMs` (half-open). */
export function worstWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    // 1 ms of slack: a poll planned exactly one interval after the last may land a rounding error early.
    while (sorted[end]! - sorted[start]! >= windowMs - 1) start++;
    worst = Math.max(worst, end - start + 1);
  }
  return worst;
}

/**
 * Time from `event` until the client has fresh news of every task it was still watching at the
 * event: an answer sent after it (a list answer covers all tasks), or the news that the task
 * finished. Null when no task was being watched.
 */
export function catchUp(event: number, tasks: readonly TaskSpec[], client: SimClient): number | null {
  const { requests, detectedAt } = client.log;
  const watched = tasks.filter((task) => task.submitAt <= event && !((detectedAt.get(task.id) ?? Infinity) <= event));
  if (watched.length === 0) return null;
  let latest = event;
  for (const task of watched) {
    const answer = requests.find((r) => r.ok && r.sentAt >= event && (r.taskId === null || r.taskId === task.id));
    const known = Math.min(answer?.doneAt ?? Infinity, detectedAt.get(task.id) ?? Infinity);
    latest = Math.max(latest, known);
  }
  return latest - event;
}

/**
 * Runs the clock until the client has seen every task end (or 30 minutes past the last end), then
 * what it saw: its requests from the first submit to the last detection, and how late each task's
 * end reached it (all tasks, and the failed ones).
 */
export async function runUntilDetected(tasks: readonly TaskSpec[], client: SimClient, clock: SimClock) {
  const lastEnd = Math.max(...tasks.map((task) => task.endAt));
  const allDetected = () => client.log.detectedAt.size === tasks.length;
  await clock.runUntil(lastEnd + RUN_LIMIT_AFTER_END_MS, allDetected);

  const { requests, detectedAt } = client.log;
  const firstSubmit = Math.min(...tasks.map((task) => task.submitAt));
  const windowEnd = allDetected() ? Math.max(...detectedAt.values()) : clock.now();
  const counted = requests.filter((r) => r.sentAt >= firstSubmit && r.sentAt <= windowEnd);
  const latenciesMs: number[] = [];
  const failedLatenciesMs: number[] = [];
  for (const task of tasks) {
    const seen = detectedAt.get(task.id);
    if (seen === undefined) continue;
    latenciesMs.push(seen - task.endAt);
    if (task.outcome === 'failed') failedLatenciesMs.push(seen - task.endAt);
  }
  return { requests, firstSubmit, windowEnd, counted, latenciesMs, failedLatenciesMs };
}
