/**
 * `GET /stats` (and the `stats` of every list answer): queue size by priority, running against
 * the limit, totals, success rate, mean attempts, money and request rate. The per-task part is
 * cached per change sequence, so polling a list of 10,000 tasks does not recount them each time.
 */
import type { Stats } from '../../src/api/schemas';
import { CURRENCY } from './catalog';
import type { EngineState } from './state';
import { roundMoney } from './time';

type TaskStats = Omit<Stats, 'requests' | 'maxConcurrent' | 'paused' | 'cost'> & { committed: number };

const cache = new WeakMap<EngineState, { seq: number; stats: TaskStats }>();

export function computeStats(state: EngineState, requests: Stats['requests']): Stats {
  const tasks = taskStats(state);
  return {
    queued: tasks.queued,
    running: tasks.running,
    maxConcurrent: state.config.maxConcurrent,
    paused: state.paused,
    totals: tasks.totals,
    successRate: tasks.successRate,
    meanAttempts: tasks.meanAttempts,
    cost: { total: tasks.committed, budget: state.config.budget, currency: CURRENCY },
    requests,
  };
}

/**
 * Money committed: what finished tasks cost (`actual`), what active ones are expected to cost
 * (`estimated`), plus what deleted tasks cost. Canceled tasks count with what they spent before
 * they were stopped. This is what the budget is checked against.
 */
export function committedCost(state: EngineState): number {
  return taskStats(state).committed;
}

function taskStats(state: EngineState): TaskStats {
  const cached = cache.get(state);
  if (cached && cached.seq === state.seq) return cached.stats;
  const queued = { urgent: 0, high: 0, medium: 0, low: 0 };
  const totals = { total: 0, succeeded: 0, failed: 0, canceled: 0 };
  let running = 0;
  let attempts = 0;
  let committed = state.spentOnDeleted;
  for (const { task } of state.tasks.values()) {
    totals.total += 1;
    // A task that may still run is expected to cost its estimate (a retried one at least what
    // its earlier attempts spent); a finished one what it spent.
    const active = task.status === 'queued' || task.status === 'running';
    committed += active ? Math.max(task.cost.estimated, task.cost.actual ?? 0) : (task.cost.actual ?? task.cost.estimated);
    switch (task.status) {
      case 'queued':
        queued[task.priority] += 1;
        break;
      case 'running':
        running += 1;
        break;
      case 'succeeded':
      case 'failed':
        totals[task.status] += 1;
        attempts += task.attempt;
        break;
      case 'canceled':
        totals.canceled += 1;
        break;
    }
  }
  const finished = totals.succeeded + totals.failed;
  const stats: TaskStats = {
    queued,
    running,
    totals,
    successRate: finished > 0 ? Math.round((totals.succeeded / finished) * 10_000) / 10_000 : null,
    meanAttempts: finished > 0 ? Math.round((attempts / finished) * 100) / 100 : null,
    committed: roundMoney(committed),
  };
  cache.set(state, { seq: state.seq, stats });
  return stats;
}
