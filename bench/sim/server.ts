/**
 * The simulated backend: answers the two reads the clients make — the batched list with a
 * `since` cursor (this engine) and one task by id (the baselines) — from the task specs at the
 * moment the request reaches it, and says how many bytes the answer was. Also the network
 * between client and server: round-trip times and spells when it is down.
 */
import { randomBetween, type Random } from '../../src/lib/random';
import { SIM_TASKS, trueProgress, type TaskSpec } from './tasks';

/** Byte sizes of the answers, measured on the mock's JSON for a task with four stages. */
export const SIM_BYTES = {
  /** one task as JSON */
  task: 1_200,
  /** `{ items: [], cursor, nextCursor, stats }` around the items */
  listEnvelope: 180,
  /** status line and headers (ETag, Content-Type, Date, …) of any answer */
  headers: 250,
};

export type ServerStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ServerTask {
  id: string;
  status: ServerStatus;
  /** reported progress: recomputed once per tick, three decimals */
  progress: number;
  /** the server's startedAt (server clock) */
  startedAt: number | null;
  /** when it last changed: the list's cursor compares against this */
  changedAt: number;
}

export interface ListAnswer {
  /** tasks changed since the cursor (all of them without one) */
  items: ServerTask[];
  cursor: number;
  notModified: boolean;
  bytes: number;
}

export class SimServer {
  private readonly byId: Map<string, TaskSpec>;

  constructor(private readonly specs: readonly TaskSpec[]) {
    this.byId = new Map(specs.map((spec) => [spec.id, spec]));
  }

  /** The task as the server reports it at time `at`, or null before it was submitted. */
  task(id: string, at: number): ServerTask | null {
    const spec = this.byId.get(id);
    return spec ? view(spec, at) : null;
  }

  /** GET /tasks/{id}: always the whole task. */
  getTask(id: string, at: number): { task: ServerTask | null; bytes: number } {
    const task = this.task(id, at);
    return { task, bytes: SIM_BYTES.headers + (task ? SIM_BYTES.task : 200) };
  }

  /** GET /tasks?since=cursor: only what changed; 304 when nothing did. */
  list(at: number, since: number | null): ListAnswer {
    const items: ServerTask[] = [];
    for (const spec of this.specs) {
      const task = view(spec, at);
      if (task && (since === null || task.changedAt > since)) items.push(task);
    }
    const notModified = since !== null && items.length === 0;
    const bytes = SIM_BYTES.headers + (notModified ? 0 : SIM_BYTES.listEnvelope + items.length * SIM_BYTES.task);
    return { items, cursor: at, notModified, bytes };
  }
}

function view(spec: TaskSpec, at: number): ServerTask | null {
  if (at < spec.submitAt) return null;
  if (at < spec.startAt) {
    return { id: spec.id, status: 'queued', progress: 0, startedAt: null, changedAt: spec.submitAt };
  }
  const tick = SIM_TASKS.progressTickMs;
  if (at >= spec.endAt) {
    const progress = spec.outcome === 'succeeded' ? 1 : reported(spec, spec.endAt - spec.startAt);
    return { id: spec.id, status: spec.outcome, progress, startedAt: spec.startAt, changedAt: spec.endAt };
  }
  const tickAt = spec.startAt + Math.floor((at - spec.startAt) / tick) * tick;
  return { id: spec.id, status: 'running', progress: reported(spec, tickAt - spec.startAt), startedAt: spec.startAt, changedAt: tickAt };
}

/** Progress as the server reports it: three decimals, rounded down. */
function reported(spec: TaskSpec, sinceStartMs: number): number {
  return Math.floor(trueProgress(spec, sinceStartMs) * 1000) / 1000;
}

export interface DownSpell {
  from: number;
  to: number;
}

/** Round trips and outages. A request sent while the network is down fails after `failMs`. */
export class SimNetwork {
  readonly failMs = 50;

  constructor(
    private readonly random: Random,
    private readonly down: readonly DownSpell[] = [],
    private readonly rttMs: readonly [number, number] = [80, 200],
  ) {}

  rtt(): number {
    return randomBetween(this.random, this.rttMs[0], this.rttMs[1]);
  }

  isUp(at: number): boolean {
    return !this.down.some((spell) => at >= spell.from && at < spell.to);
  }
}
