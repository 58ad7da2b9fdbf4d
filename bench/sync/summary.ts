/** Folds the runs of one live-updates workload × policy into the figures the table shows. */
import { percentile } from '../summary';
import type { SyncRunMetrics } from './run';

export interface SyncSummary {
  policy: string;
  label: string;
  runs: number;
  tasks: number;
  requestsPerTask: number;
  requestsPerMinute: number;
  latencyMeanMs: number;
  latencyP95Ms: number;
  failedLatencyMeanMs: number | null;
  failedLatencyP95Ms: number | null;
  undetected: number;
  /** engine figures (NaN/null for the baselines) */
  extraPolls: number;
  safetyNetPer10Min: number;
  eventsMissed: number;
  reconnectsPerRun: number;
  takeoverMeanMs: number | null;
  takeoverMaxMs: number | null;
  catchUpMeanMs: number | null;
  catchUpP95Ms: number | null;
  outageRequestsPerRun: number | null;
  outageWorstMinute: number | null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length === 0 ? NaN : sum(values) / values.length);
const present = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null);

export function summarizeSync(policy: string, label: string, runs: readonly SyncRunMetrics[]): SyncSummary {
  const tasks = sum(runs.map((r) => r.tasks));
  const latencies = runs.flatMap((r) => r.latenciesMs);
  const failed = runs.flatMap((r) => r.failedLatenciesMs);
  const takeovers = present(runs.map((r) => r.takeoverMs));
  const catchUps = present(runs.map((r) => r.catchUpMs));
  const outage = present(runs.map((r) => r.outageRequests));
  const worst = present(runs.map((r) => r.outageWorstMinute));
  const engine = runs.some((r) => r.extraPolls !== null);
  return {
    policy,
    label,
    runs: runs.length,
    tasks,
    requestsPerTask: sum(runs.map((r) => r.requests)) / tasks,
    requestsPerMinute: sum(runs.map((r) => r.requests)) / (sum(runs.map((r) => r.windowMs)) / 60_000),
    latencyMeanMs: mean(latencies),
    latencyP95Ms: percentile(latencies, 0.95),
    failedLatencyMeanMs: failed.length === 0 ? null : mean(failed),
    failedLatencyP95Ms: failed.length === 0 ? null : percentile(failed, 0.95),
    undetected: sum(runs.map((r) => r.undetected)),
    extraPolls: engine ? sum(present(runs.map((r) => r.extraPolls))) : NaN,
    safetyNetPer10Min: engine ? Math.max(0, ...present(runs.map((r) => r.safetyNetWorst10Min))) : NaN,
    eventsMissed: engine ? sum(present(runs.map((r) => r.eventsMissed))) : NaN,
    reconnectsPerRun: engine ? mean(present(runs.map((r) => r.reconnects))) : NaN,
    takeoverMeanMs: takeovers.length === 0 ? null : mean(takeovers),
    takeoverMaxMs: takeovers.length === 0 ? null : Math.max(...takeovers),
    catchUpMeanMs: catchUps.length === 0 ? null : mean(catchUps),
    catchUpP95Ms: catchUps.length === 0 ? null : percentile(catchUps, 0.95),
    outageRequestsPerRun: outage.length === 0 ? null : mean(outage),
    outageWorstMinute: worst.length === 0 ? null : Math.max(...worst),
  };
}
