/**
 * Pace-based ETA: how long a running task still needs, estimated from the pace of the progress the
 * client has seen. It drives the polling cadence (when to look next); the ETA a user reads is
 * `../historyEta.ts`.
 *
 * The server's own `eta.remainingMs` wins whenever it sends one. Otherwise the pace comes from
 * progress samples `(time, progress)`, anchored at `startedAt` (so one look at a running task is
 * already a measurement). Interval paces are averaged with weights that favour long and recent
 * intervals: recent because stages run at different speeds than their weights suggest, long
 * because a short interval is mostly reporting noise. With too little progress for a pace, the
 * estimate is a lower bound ("at least"); with no progress at all there is none, and the
 * cadence falls back to its no-ETA schedule.
 *
 * `EtaTracker` keeps the samples per task between polls and turns a poll's tasks into the
 * `ActiveTask` list the scheduler wants.
 */
import type { ActiveTask } from './cadence';

export interface ProgressSample {
  /** client time of the observation (ms) */
  at: number;
  /** overall progress 0..1 */
  progress: number;
}

export interface EtaConfig {
  /** progress covered by the samples below this is too little to measure a pace from */
  minProgress: number;
  /** a lower bound from too little progress is at most this multiple of the time observed */
  maxBoundGrowth: number;
  /** no estimate from samples spanning less time than this */
  minSpanMs: number;
  /** recency weighting: an interval's weight halves every this share of the observed span */
  halfLifeShare: number;
  /** samples kept per task (the anchor at startedAt is extra) */
  maxSamples: number;
}

export const DEFAULT_ETA_CONFIG: Readonly<EtaConfig> = Object.freeze({
  minProgress: 0.05,
  maxBoundGrowth: 20,
  minSpanMs: 1_000,
  halfLifeShare: 0.5,
  maxSamples: 8,
});

export interface EtaInput {
  /** observations in time order */
  samples: readonly ProgressSample[];
  /** when the task started running (client clock), if known: progress 0 at that time */
  startedAt: number | null;
  /** the server's estimate at `now`, if it sent one */
  serverRemainingMs: number | null;
  now: number;
}

export type EtaBasis =
  /** the server's own `eta.remainingMs` */
  | 'server'
  /** the pace of the observed progress */
  | 'pace'
  /** too little progress for a pace, but enough to say the task will take at least this long */
  | 'at-least';

export interface EtaEstimate {
  remainingMs: number;
  basis: EtaBasis;
}

/** Remaining time as of `now`, or null when there is nothing to go on (no progress yet). */
export function estimateRemaining(input: EtaInput, config: EtaConfig = DEFAULT_ETA_CONFIG): EtaEstimate | null {
  if (input.serverRemainingMs !== null) {
    return { remainingMs: Math.max(0, input.serverRemainingMs), basis: 'server' };
  }

  const points = pacePoints(input.samples, input.startedAt);
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || points.length < 2) return null;
  const span = last.at - first.at;
  const covered = last.progress - first.progress;
  if (span < config.minSpanMs || covered <= 0) return null;
  const sinceLast = input.now - last.at;
  if (last.progress >= 1) return { remainingMs: 0, basis: 'pace' };

  if (covered < config.minProgress) {
    // A tenth of a percent in two seconds is mostly rounding, but it does say the pace is below
    // minProgress per span: the rest takes at least (1 - p) × span / minProgress. Capped, since
    // a slow start (loading a model) says little about the rest.
    const bound = Math.min(((1 - last.progress) * span) / config.minProgress, config.maxBoundGrowth * span);
    return { remainingMs: Math.max(0, bound - sinceLast), basis: 'at-least' };
  }

  const halfLife = Math.max(config.halfLifeShare * span, 1);
  let weighted = 0;
  let weights = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    const dt = b.at - a.at;
    if (dt <= 0) continue;
    const age = last.at - (a.at + b.at) / 2;
    const weight = dt * 0.5 ** (age / halfLife);
    weighted += weight * ((b.progress - a.progress) / dt);
    weights += weight;
  }
  const pace = weighted / weights;
  return { remainingMs: Math.max(0, (1 - last.progress) / pace - sinceLast), basis: 'pace' };
}

/** The samples with the start anchor, sorted, with progress forced non-decreasing. */
function pacePoints(samples: readonly ProgressSample[], startedAt: number | null): ProgressSample[] {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  const points: ProgressSample[] = [];
  const firstAt = sorted[0]?.at;
  if (startedAt !== null && (firstAt === undefined || startedAt < firstAt)) {
    points.push({ at: startedAt, progress: 0 });
  }
  let high = 0;
  for (const sample of sorted) {
    // Reported progress can wobble back a little; a pace below zero means nothing.
    high = Math.max(high, Math.min(1, sample.progress));
    points.push({ at: sample.at, progress: high });
  }
  return points;
}

/** What one poll saw of a task, in client time. */
export interface TaskObservation {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
  /** overall progress 0..1; null when the server sent none and it cannot be computed */
  progress: number | null;
  /** when it started running, if it has */
  startedAt: number | null;
  /**
   * when the server measured `progress` (its `updatedAt`); defaults to the observation time. A
   * server that recomputes progress once a second reports a value up to a second old, which
   * matters when the task has only run for two.
   */
  progressAt?: number | null;
  /** `eta.remainingMs` from the server, if present */
  serverRemainingMs: number | null;
}

interface TrackedTask {
  firstSeenAt: number;
  /** the latest observation and when it arrived */
  last: TaskObservation;
  lastAt: number;
  samples: ProgressSample[];
  /** where the last estimate put the end; to notice a task running late */
  expectedEndAt: number | null;
  /** when the task went past an expected end without finishing */
  lateSince: number | null;
}

export class EtaTracker {
  private readonly tasks = new Map<string, TrackedTask>();
  private readonly config: EtaConfig;

  constructor(config: Partial<EtaConfig> = {}) {
    this.config = { ...DEFAULT_ETA_CONFIG, ...config };
  }

  /**
   * Records one poll's view of every task the client knows (`now` = when the answer arrived) and
   * returns the active ones for the scheduler. Finished or absent tasks are forgotten.
   */
  update(observations: readonly TaskObservation[], now: number): ActiveTask[] {
    const seen = new Set<string>();
    const active: ActiveTask[] = [];
    for (const observation of observations) {
      const task = this.observe(observation, now);
      if (task) {
        active.push(task);
        seen.add(task.id);
      }
    }
    for (const id of [...this.tasks.keys()]) if (!seen.has(id)) this.tasks.delete(id);
    return active;
  }

  /**
   * Records one fresh observation of one task (a poll answer, the answer to a submit); returns
   * it as an ActiveTask, or null (and forgets it) once it is finished.
   */
  observe(observation: TaskObservation, now: number): ActiveTask | null {
    if (observation.status !== 'queued' && observation.status !== 'running') {
      this.tasks.delete(observation.id);
      return null;
    }
    let tracked = this.tasks.get(observation.id);
    if (!tracked) {
      tracked = { firstSeenAt: now, last: observation, lastAt: now, samples: [], expectedEndAt: null, lateSince: null };
      this.tasks.set(observation.id, tracked);
    }
    tracked.last = observation;
    tracked.lastAt = now;
    if (observation.status === 'running' && observation.progress !== null) {
      const at = Math.min(now, observation.progressAt ?? now);
      const previous = tracked.samples[tracked.samples.length - 1];
      // The same measurement seen twice (no change since) is one sample, not two.
      if (previous?.at !== at) tracked.samples.push({ at, progress: observation.progress });
      if (tracked.samples.length > this.config.maxSamples) tracked.samples.shift();
    }

    const remainingMs = this.remaining(tracked, now);
    // Still running at or after the end we expected at the previous look: it is late. The
    // lateness runs from the first missed end until a look lands before the expected end again.
    if (tracked.expectedEndAt !== null && now >= tracked.expectedEndAt) {
      tracked.lateSince ??= tracked.expectedEndAt;
    } else {
      tracked.lateSince = null;
    }
    tracked.expectedEndAt = remainingMs === null ? null : now + remainingMs;
    return this.toActive(tracked, remainingMs, now);
  }

  /**
   * Every tracked task as of `now`, from what was seen so far (records nothing). For
   * `PollScheduler.setActive` after a change outside a poll, such as a submit.
   */
  active(now: number): ActiveTask[] {
    return [...this.tasks.values()].map((tracked) => this.toActive(tracked, this.remaining(tracked, now), now));
  }

  /** The current estimate for one task (for the UI's "about 2 min left"), or null. */
  estimate(id: string, now: number): EtaEstimate | null {
    const tracked = this.tasks.get(id);
    return tracked ? this.estimateTracked(tracked, now) : null;
  }

  forget(id: string): void {
    this.tasks.delete(id);
  }

  private remaining(tracked: TrackedTask, now: number): number | null {
    return this.estimateTracked(tracked, now)?.remainingMs ?? null;
  }

  private estimateTracked(tracked: TrackedTask, now: number): EtaEstimate | null {
    const { last } = tracked;
    if (last.status !== 'running') return null;
    const server = last.serverRemainingMs === null ? null : last.serverRemainingMs - (now - tracked.lastAt);
    return estimateRemaining(
      { samples: tracked.samples, startedAt: last.startedAt, serverRemainingMs: server, now },
      this.config,
    );
  }

  private toActive(tracked: TrackedTask, remainingMs: number | null, now: number): ActiveTask {
    const lateSince =
      tracked.lateSince ??
      (tracked.expectedEndAt !== null && now > tracked.expectedEndAt ? tracked.expectedEndAt : null);
    return {
      id: tracked.last.id,
      status: tracked.last.status === 'running' ? 'running' : 'queued',
      remainingMs,
      observedForMs: now - tracked.firstSeenAt,
      overdueMs: lateSince === null ? 0 : now - lateSince,
    };
  }
}
