/**
 * "Between updates" in the sync benchmark: what the screen shows of a running task between two
 * answers, against the simulated truth. After a run, every task a client received is replayed
 * second by second through the app's own code — `extrapolateProgress` (lib/progressExtrapolation),
 * the screen's `monotoneProgress` guard and `estimateEta` (lib/historyEta) — exactly as a visible
 * row would tick, and compared with the task's true progress at that second.
 *
 * Per run it yields:
 * - the absolute error of the progress on screen, in percentage points, at every second the task
 *   truly runs (start to end), for the app's extrapolated bar and for a bar that only moves when
 *   an answer arrives (the app before, and the reference line);
 * - backward steps of the bar within an attempt (must be 0);
 * - rises of the ETA between two updates, for the history-based ETA and for a server ETA (must be
 *   0; an update may correct it upwards, that is not counted).
 *
 * The simulated server reports overall progress only; the stages a real server would send are
 * read off the same progress curve (the contract's weights 10/70/15/5, each stage's start time
 * where the curve crosses it). Times the client reads carry the run's clock error, as in
 * engineClient.ts. The history is twenty durations of the task's class drawn like the tasks.
 */
import type { Stage, Task } from '../../src/api/schemas';
import { estimateEta, type DurationHistory, type TaskEta } from '../../src/lib/historyEta';
import { monotoneProgress } from '../../src/lib/progress';
import { extrapolateProgress } from '../../src/lib/progressExtrapolation';
import { mulberry32, randomBetween } from '../../src/lib/random';
import { SimServer, type ServerTask } from '../sim/server';
import { SIM_TASKS, TASK_CLASSES, trueProgress, type TaskSpec } from '../sim/tasks';

/** One task as a client received it. */
export interface TaskUpdate {
  /** client time of arrival */
  at: number;
  task: ServerTask;
}

/** Absolute errors in percentage points: their sum and a histogram in tenths of a point (for the p95). */
export interface ErrorTally {
  count: number;
  sumPp: number;
  /** bin i counts errors in [i/10, (i+1)/10) pp; the last bin holds 100 pp */
  tenths: Uint32Array;
}

export function emptyTally(): ErrorTally {
  return { count: 0, sumPp: 0, tenths: new Uint32Array(1001) };
}

function tally(into: ErrorTally, errorPp: number): void {
  into.count += 1;
  into.sumPp += errorPp;
  const bin = Math.min(1000, Math.floor(errorPp * 10));
  into.tenths[bin] = (into.tenths[bin] ?? 0) + 1;
}

export interface BetweenRun {
  /** |shown − true| in percentage points, every second a task truly ran */
  errors: ErrorTally;
  /** the same for a bar that moves only when an answer arrives */
  held: ErrorTally;
  backwardSteps: number;
  /** seconds at which an ETA was shown and compared with the second before */
  etaComparisons: number;
  etaRises: number;
  serverEtaComparisons: number;
  serverEtaRises: number;
}

const SAMPLE_MS = 1_000;
const STAGE_KEYS = ['preprocess', 'inference', 'postprocess', 'upload'];
/** cumulative weight where each stage starts */
const STAGE_STARTS = SIM_TASKS.stageWeights.map((_, i) => SIM_TASKS.stageWeights.slice(0, i).reduce((a, b) => a + b, 0));

/** Twenty past durations per class, drawn like the tasks (nominal × uniform ±spread). */
export function simHistory(seed: number): DurationHistory {
  const random = mulberry32(seed);
  const history: Record<string, number[]> = {};
  for (const cls of TASK_CLASSES) {
    const nominal = SIM_TASKS.nominalMs[cls];
    history[cls] = Array.from({ length: 20 }, () =>
      Math.round(nominal * randomBetween(random, 1 - SIM_TASKS.durationSpread, 1 + SIM_TASKS.durationSpread)),
    );
  }
  return history;
}

/**
 * The task events a healthy push stream delivers: every change the server makes (a progress tick a
 * second, the start, the end), each arriving a one-way trip later. Independent of the client:
 * what any client on a working stream receives.
 */
export function pushFeed(specs: readonly TaskSpec[], seed: number): TaskUpdate[] {
  const random = mulberry32(seed);
  const server = new SimServer(specs);
  const updates: TaskUpdate[] = [];
  for (const spec of specs) {
    const times = [spec.submitAt, spec.startAt];
    for (let t = spec.startAt + SIM_TASKS.progressTickMs; t < spec.endAt; t += SIM_TASKS.progressTickMs) times.push(t);
    times.push(spec.endAt);
    for (const t of times) {
      const task = server.task(spec.id, t);
      if (task) updates.push({ at: t + randomBetween(random, 40, 100), task });
    }
  }
  return updates;
}

/** Replays what the screen showed of every task of one run. */
export function replayBetween(specs: readonly TaskSpec[], updates: readonly TaskUpdate[], history: DurationHistory): BetweenRun {
  const run: BetweenRun = {
    errors: emptyTally(),
    held: emptyTally(),
    backwardSteps: 0,
    etaComparisons: 0,
    etaRises: 0,
    serverEtaComparisons: 0,
    serverEtaRises: 0,
  };
  const byTask = new Map<string, TaskUpdate[]>();
  for (const update of updates) {
    const list = byTask.get(update.task.id) ?? [];
    list.push(update);
    byTask.set(update.task.id, list);
  }
  for (const spec of specs) replayTask(spec, (byTask.get(spec.id) ?? []).sort((a, b) => a.at - b.at), history, run);
  return run;
}

function replayTask(spec: TaskSpec, updates: readonly TaskUpdate[], history: DurationHistory, run: BetweenRun): void {
  let next = 0;
  let current: { task: Task; serverEta: Task; measuredAt: number; version: number } | null = null;
  let shown: { attempt: number; value: number } | undefined;
  let held: { attempt: number; value: number } | undefined;
  let previousEta = null as { version: number; value: number } | null;
  let previousServerEta = null as { version: number; value: number } | null;
  for (let t = spec.startAt; t < spec.endAt; t += SAMPLE_MS) {
    while (next < updates.length && (updates[next]?.at ?? Infinity) <= t) {
      const update = updates[next++];
      if (!update) continue;
      const task = taskView(spec, update.task);
      // The client dates the measurement by its own idea of the server's clock (±clock error).
      const measuredAt = Math.min(update.at, update.task.changedAt + spec.startedAtErrorMs);
      current = { task, serverEta: withServerEta(spec, task, update.task), measuredAt, version: next };
    }
    const truth = trueProgress(spec, t - spec.startAt);
    if (!current) {
      tally(run.errors, truth * 100);
      tally(run.held, truth * 100);
      continue;
    }
    const { task, measuredAt, version } = current;
    const extrapolated = extrapolateProgress(task, { measuredAt, now: t, history });
    const before = shown?.value ?? 0;
    shown = monotoneProgress(shown, task.attempt, extrapolated.value);
    if (shown.value < before) run.backwardSteps += 1;
    held = monotoneProgress(held, task.attempt, extrapolated.reported);
    tally(run.errors, Math.abs(shown.value - truth) * 100);
    tally(run.held, Math.abs(held.value - truth) * 100);

    const eta = etaValue(estimateEta(task, { history, now: t, measuredAt, maxConcurrent: 3 }));
    if (eta !== null) {
      if (previousEta?.version === version) {
        run.etaComparisons += 1;
        if (eta > previousEta.value + 0.5) run.etaRises += 1;
      }
      previousEta = { version, value: eta };
    }
    const serverEta = etaValue(estimateEta(current.serverEta, { history, now: t, measuredAt, maxConcurrent: 3 }));
    if (serverEta !== null) {
      if (previousServerEta?.version === version) {
        run.serverEtaComparisons += 1;
        if (serverEta > previousServerEta.value + 0.5) run.serverEtaRises += 1;
      }
      previousServerEta = { version, value: serverEta };
    }
  }
}

/** The figure a user reads: the upper end of a history range, the server's remaining time. */
function etaValue(eta: TaskEta | null): number | null {
  if (!eta) return null;
  return eta.source === 'server' ? eta.remainingMs : eta.highMs;
}

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

/** When the true curve first reaches `progress`, in ms after the start. */
function timeAt(spec: TaskSpec, progress: number): number {
  const { curve } = spec;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1];
    const b = curve[i];
    if (a && b && b.progress >= progress - 1e-9) {
      if (b.progress === a.progress) return a.atMs;
      return a.atMs + ((progress - a.progress) * (b.atMs - a.atMs)) / (b.progress - a.progress);
    }
  }
  return curve[curve.length - 1]?.atMs ?? 0;
}

/** When each stage starts and ends on the server's clock, per task (read off its curve once). */
const stageTimes = new WeakMap<TaskSpec, { start: string; end: string }[]>();

function stageTimesOf(spec: TaskSpec): { start: string; end: string }[] {
  let times = stageTimes.get(spec);
  if (!times) {
    times = SIM_TASKS.stageWeights.map((weight, i) => ({
      start: iso(spec.startAt + timeAt(spec, STAGE_STARTS[i] ?? 0)),
      end: iso(spec.startAt + timeAt(spec, (STAGE_STARTS[i] ?? 0) + weight)),
    }));
    stageTimes.set(spec, times);
  }
  return times;
}

/** The task as a contract server would send it at this snapshot: stages read off the curve. */
export function taskView(spec: TaskSpec, snapshot: ServerTask): Task {
  const p = snapshot.progress;
  const running = snapshot.status === 'running';
  let index = STAGE_STARTS.length - 1;
  while (index > 0 && (STAGE_STARTS[index] ?? 0) > p + 1e-9) index -= 1;
  const times = stageTimesOf(spec);
  const stages: Stage[] = SIM_TASKS.stageWeights.map((weight, i) => {
    const start = times[i]?.start ?? null;
    const end = times[i]?.end ?? null;
    const base = { key: STAGE_KEYS[i] ?? `s${i}`, label: STAGE_KEYS[i] ?? `s${i}`, weight: weight * 100 };
    if (snapshot.status === 'queued') return { ...base, status: 'pending', progress: 0, startedAt: null, finishedAt: null };
    if (snapshot.status === 'succeeded' || i < index) {
      return { ...base, status: 'done', progress: 1, startedAt: start, finishedAt: end };
    }
    if (i === index) {
      const progress = Math.min(1, Math.max(0, (p - (STAGE_STARTS[i] ?? 0)) / weight));
      return { ...base, status: running ? 'running' : 'failed', progress, startedAt: start, finishedAt: running ? null : iso(snapshot.changedAt) };
    }
    return { ...base, status: 'pending', progress: 0, startedAt: null, finishedAt: null };
  });
  return {
    id: spec.id,
    type: spec.cls,
    title: spec.id,
    params: {},
    priority: 'medium',
    status: snapshot.status,
    stages,
    progress: p,
    eta: null,
    queuePosition: snapshot.status === 'queued' ? 1 : null,
    attempt: 1,
    error: null,
    cost: { estimated: 0, actual: null, currency: 'USD' },
    createdAt: iso(spec.submitAt),
    startedAt: snapshot.startedAt === null ? null : iso(snapshot.startedAt),
    updatedAt: iso(snapshot.changedAt),
    finishedAt: running || snapshot.status === 'queued' ? null : iso(snapshot.changedAt),
    version: Math.round(snapshot.changedAt),
  };
}

/** The same task from a server that sends its own ETA: the true time left at the snapshot, ±10 %. */
function withServerEta(spec: TaskSpec, task: Task, snapshot: ServerTask): Task {
  if (task.status !== 'running') return task;
  const noise = 0.9 + 0.2 * ((Math.sin(snapshot.changedAt) + 1) / 2);
  const remainingMs = Math.max(0, (spec.endAt - snapshot.changedAt) * noise);
  return { ...task, eta: { remainingMs, source: 'server' } };
}

/** One run as the workload runner hands it over: the tasks, what the client received, a seed. */
export interface BetweenInput {
  specs: readonly TaskSpec[];
  updates: readonly TaskUpdate[];
  seed: number;
}

/**
 * Runs replayed per workload and policy. The replay calls the app's code every simulated second
 * of every task, which costs far more than the polling simulation itself; 50 runs give hundreds of
 * thousands of samples per policy on the concurrent workloads and keep the benchmark quick.
 */
export const BETWEEN_RUNS = 50;

/** Replays the first `BETWEEN_RUNS` runs. */
export function replayRuns(inputs: readonly BetweenInput[]): BetweenRun[] {
  return inputs.slice(0, BETWEEN_RUNS).map((input) => replayBetween(input.specs, input.updates, simHistory(input.seed)));
}

export interface BetweenSummary {
  samples: number;
  meanAbsErrorPp: number;
  p95AbsErrorPp: number;
  heldMeanAbsErrorPp: number;
  heldP95AbsErrorPp: number;
  backwardSteps: number;
  etaComparisons: number;
  etaRises: number;
  serverEtaComparisons: number;
  serverEtaRises: number;
}

export function summarizeBetween(runs: readonly BetweenRun[]): BetweenSummary {
  const errors = merge(runs.map((run) => run.errors));
  const held = merge(runs.map((run) => run.held));
  const total = (pick: (run: BetweenRun) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
  return {
    samples: errors.count,
    meanAbsErrorPp: errors.count === 0 ? 0 : errors.sumPp / errors.count,
    p95AbsErrorPp: p95(errors),
    heldMeanAbsErrorPp: held.count === 0 ? 0 : held.sumPp / held.count,
    heldP95AbsErrorPp: p95(held),
    backwardSteps: total((run) => run.backwardSteps),
    etaComparisons: total((run) => run.etaComparisons),
    etaRises: total((run) => run.etaRises),
    serverEtaComparisons: total((run) => run.serverEtaComparisons),
    serverEtaRises: total((run) => run.serverEtaRises),
  };
}

function merge(tallies: readonly ErrorTally[]): ErrorTally {
  const merged = emptyTally();
  for (const t of tallies) {
    merged.count += t.count;
    merged.sumPp += t.sumPp;
    for (let i = 0; i < t.tenths.length; i++) merged.tenths[i] = (merged.tenths[i] ?? 0) + (t.tenths[i] ?? 0);
  }
  return merged;
}

/** The 95th percentile, to the upper edge of its tenth of a point. */
function p95(t: ErrorTally): number {
  if (t.count === 0) return 0;
  const rank = Math.ceil(0.95 * t.count);
  let seen = 0;
  for (let i = 0; i < t.tenths.length; i++) {
    seen += t.tenths[i] ?? 0;
    if (seen >= rank) return (i + 1) / 10;
  }
  return 100;
}
