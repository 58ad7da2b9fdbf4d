/** Folds the runs of one workload × policy into the figures the table shows. */
import type { RunMetrics } from './workloads';

export interface PolicySummary {
  policy: string;
  label: string;
  runs: number;
  tasks: number;
  requestsPerTask: number;
  bytesPerTask: number;
  latencyMeanMs: number;
  latencyP95Ms: number;
  /** detection latency of the tasks that failed part-way (null when none did) */
  failedLatencyMeanMs: number | null;
  failedLatencyP95Ms: number | null;
  /** tasks the policy never noticed before the run limit */
  undetected: number;
  hiddenRequestsPerMinute: number | null;
  /** the worst 60 s while hidden, over all runs */
  hiddenWorstMinute: number | null;
  /** requests sent while offline, over all runs */
  offlineRequests: number | null;
  catchUpMeanMs: number | null;
  catchUpP95Ms: number | null;
}

export function summarize(policy: string, label: string, runs: readonly RunMetrics[]): PolicySummary {
  const tasks = sum(runs.map((r) => r.tasks));
  const latencies = runs.flatMap((r) => r.latenciesMs);
  const failed = runs.flatMap((r) => r.failedLatenciesMs);
  const hidden = runs.filter((r) => r.hiddenRequests !== null);
  const offline = runs.filter((r) => r.offlineRequests !== null);
  const catchUps = runs.map((r) => r.catchUpMs).filter((ms): ms is number => ms !== null);
  return {
    policy,
    label,
    runs: runs.length,
    tasks,
    requestsPerTask: sum(runs.map((r) => r.requests)) / tasks,
    bytesPerTask: sum(runs.map((r) => r.bytes)) / tasks,
    latencyMeanMs: mean(latencies),
    latencyP95Ms: percentile(latencies, 0.95),
    failedLatencyMeanMs: failed.length === 0 ? null : mean(failed),
    failedLatencyP95Ms: failed.length === 0 ? null : percentile(failed, 0.95),
    undetected: sum(runs.map((r) => r.undetected)),
    hiddenRequestsPerMinute:
      hidden.length === 0
        ? null
        : sum(hidden.map((r) => r.hiddenRequests ?? 0)) / sum(hidden.map((r) => r.hiddenMinutes ?? 0)),
    hiddenWorstMinute: hidden.length === 0 ? null : Math.max(...hidden.map((r) => r.hiddenWorstMinute ?? 0)),
    offlineRequests: offline.length === 0 ? null : sum(offline.map((r) => r.offlineRequests ?? 0)),
    catchUpMeanMs: catchUps.length === 0 ? null : mean(catchUps),
    catchUpP95Ms: catchUps.length === 0 ? null : percentile(catchUps, 0.95),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}
