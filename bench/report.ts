/**
 * The benchmark's verdicts and its table: the issue's targets checked against the summaries,
 * and a markdown table with every figure next to its ratio to the adaptive baseline.
 */
import type { PolicySummary } from './summary';
import type { Workload } from './workloads';

export const ENGINE = 'engine';
export const REFERENCE = 'adaptive';

export interface WorkloadResult {
  workload: Workload;
  policies: PolicySummary[];
}

export interface TargetVerdict {
  workload: string;
  target: string;
  value: number;
  limit: number;
  pass: boolean;
}

/** The issue's targets (item 5). */
export function checkTargets(results: readonly WorkloadResult[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const { workload, policies } of results) {
    const engine = policies.find((p) => p.policy === ENGINE);
    const reference = policies.find((p) => p.policy === REFERENCE);
    if (!engine || !reference) continue;
    const ratio = engine.requestsPerTask / reference.requestsPerTask;
    const add = (target: string, value: number, limit: number) =>
      verdicts.push({ workload: workload.key, target, value, limit, pass: value <= limit });
    switch (workload.kind) {
      case 'single':
        add('requests ≤ 0.6 × adaptive', ratio, 0.6);
        add('mean detection latency ≤ 2.5 s', engine.latencyMeanMs / 1000, 2.5);
        add('every task detected', engine.undetected, 0);
        break;
      case 'concurrent':
        add('requests per task ≤ 0.1 × adaptive', ratio, 0.1);
        add('every task detected', engine.undetected, 0);
        break;
      case 'hidden':
        add('hidden: worst 60 s ≤ 1 request', engine.hiddenWorstMinute ?? Infinity, 1);
        break;
      case 'offline':
        add('offline: requests sent = 0', engine.offlineRequests ?? Infinity, 0);
        break;
      case 'failures':
        add(
          'failed tasks: mean detection ≤ 1.0 × adaptive',
          (engine.failedLatencyMeanMs ?? Infinity) / (reference.failedLatencyMeanMs ?? NaN),
          1,
        );
        add('every task detected', engine.undetected, 0);
        break;
    }
  }
  return verdicts;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const seconds = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function formatTable(results: readonly WorkloadResult[]): string {
  const lines: string[] = [];
  for (const { workload, policies } of results) {
    const reference = policies.find((p) => p.policy === REFERENCE);
    lines.push(`### ${workload.key}: ${workload.label}`, '');
    const head = ['policy', 'requests/task', '× adaptive', 'KB/task', 'latency mean', '× adaptive', 'latency p95'];
    if (workload.kind === 'hidden') head.push('req/min hidden', 'worst 60 s hidden', 'catch-up mean');
    if (workload.kind === 'offline') head.push('requests offline', 'catch-up mean', 'catch-up p95');
    if (workload.kind === 'failures') head.push('failed tasks: latency mean', 'failed tasks: p95');
    lines.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const p of policies) {
      const row = [
        p.policy === ENGINE ? `**${p.label}**` : p.label,
        fixed(p.requestsPerTask, 1),
        reference ? `${fixed(p.requestsPerTask / reference.requestsPerTask, 2)}×` : '—',
        fixed(p.bytesPerTask / 1024, 1),
        seconds(p.latencyMeanMs),
        reference ? `${fixed(p.latencyMeanMs / reference.latencyMeanMs, 2)}×` : '—',
        seconds(p.latencyP95Ms),
      ];
      if (workload.kind === 'hidden') {
        row.push(fixed(p.hiddenRequestsPerMinute ?? NaN, 2), String(p.hiddenWorstMinute ?? '—'), seconds(p.catchUpMeanMs));
      }
      if (workload.kind === 'offline') {
        row.push(String(p.offlineRequests ?? '—'), seconds(p.catchUpMeanMs), seconds(p.catchUpP95Ms));
      }
      if (workload.kind === 'failures') row.push(seconds(p.failedLatencyMeanMs), seconds(p.failedLatencyP95Ms));
      if (p.undetected > 0) row[0] += ` (${p.undetected} never detected)`;
      lines.push(`| ${row.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The issue's own measurements of the baselines: [polls per task, mean detection latency in s]. */
export const ISSUE_BASELINES: Record<string, Record<string, readonly [number, number]>> = {
  'fixed-2s': { 'single-30s': [16.5, 1.0], 'single-2min': [61.6, 1.0], 'single-10min': [301.7, 1.0] },
  'fixed-10s': { 'single-30s': [4.5, 5.1], 'single-2min': [13.5, 5.0], 'single-10min': [61.5, 5.1] },
  adaptive: { 'single-30s': [9.0, 4.9], 'single-2min': [14.8, 11.8], 'single-10min': [30.9, 14.7] },
};

export interface CalibrationRow {
  policy: string;
  workload: string;
  requestsPerTask: number;
  issueRequestsPerTask: number;
  latencyMeanS: number;
  issueLatencyMeanS: number;
}

/** The baselines as simulated here next to the issue's figures: is the simulator comparable? */
export function calibration(results: readonly WorkloadResult[]): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (const [policy, byWorkload] of Object.entries(ISSUE_BASELINES)) {
    for (const [workload, [issueRequests, issueLatency]] of Object.entries(byWorkload)) {
      const summary = results.find((r) => r.workload.key === workload)?.policies.find((p) => p.policy === policy);
      if (!summary) continue;
      rows.push({
        policy,
        workload,
        requestsPerTask: summary.requestsPerTask,
        issueRequestsPerTask: issueRequests,
        latencyMeanS: summary.latencyMeanMs / 1000,
        issueLatencyMeanS: issueLatency,
      });
    }
  }
  return rows;
}

export function formatCalibration(rows: readonly CalibrationRow[]): string {
  const lines = [
    '### Calibration: the baselines here vs the issue\'s table',
    '',
    '| policy | workload | polls/task here | in the issue | latency here | in the issue |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.policy} | ${row.workload} | ${fixed(row.requestsPerTask, 1)} | ${fixed(row.issueRequestsPerTask, 1)} | ${fixed(row.latencyMeanS, 1)} s | ${fixed(row.issueLatencyMeanS, 1)} s |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatVerdicts(verdicts: readonly TargetVerdict[]): string {
  return verdicts
    .map((v) => `${v.pass ? 'PASS' : 'FAIL'}  ${v.workload.padEnd(14)} ${v.target.padEnd(36)} ${fixed(v.value, 2)} (limit ${v.limit})`)
    .join('\n');
}
