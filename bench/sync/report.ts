/** The live-updates benchmark's table (every figure next to its ratio to the adaptive baseline) and verdicts. */
import type { TargetVerdict } from '../report';
import type { SyncSummary } from './summary';
import type { SyncWorkload } from './workloads';

export const SYNC_ENGINE = 'engine';
const REFERENCE = 'adaptive';

export interface SyncResult {
  workload: SyncWorkload;
  policies: SyncSummary[];
}

export function checkSyncTargets(results: readonly SyncResult[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const { workload, policies } of results) {
    const engine = policies.find((p) => p.policy === SYNC_ENGINE);
    const reference = policies.find((p) => p.policy === REFERENCE);
    if (!engine || !reference) continue;
    for (const { target, value, limit, strict } of workload.targets) {
      const measured = value(engine, reference);
      const pass = strict ? measured < limit : measured <= limit;
      verdicts.push({ workload: workload.key, target, value: measured, limit, pass });
    }
  }
  return verdicts;
}

const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits));
const time = (ms: number | null) => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
};
const ratio = (value: number | null, reference: number | null) =>
  value === null || reference === null || !Number.isFinite(value / reference) ? '—' : `${(value / reference).toFixed(2)}×`;

export function formatSyncTable(results: readonly SyncResult[]): string {
  const lines: string[] = [];
  for (const { workload, policies } of results) {
    const ref = policies.find((p) => p.policy === REFERENCE) ?? null;
    const outage = workload.key.startsWith('outage');
    lines.push(`### ${workload.key}: ${workload.label}`, '');
    const head = ['policy', 'requests/min', '× adaptive', 'detection mean', '× adaptive', 'p95', 'failed: mean', 'failed: p95'];
    if (outage) head.push('requests in the outage', 'worst minute after the first', 'catch-up mean', 'catch-up p95');
    else head.push('polls beyond the safety net', 'reconnects/run', 'events missed', 'polling took over (mean / worst)');
    lines.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const p of policies) {
      const row = [
        p.policy === SYNC_ENGINE ? `**${p.label}**` : p.label,
        fixed(p.requestsPerMinute, 2),
        ratio(p.requestsPerMinute, ref?.requestsPerMinute ?? null),
        time(p.latencyMeanMs),
        ratio(p.latencyMeanMs, ref?.latencyMeanMs ?? null),
        time(p.latencyP95Ms),
        time(p.failedLatencyMeanMs),
        time(p.failedLatencyP95Ms),
      ];
      if (outage) {
        row.push(fixed(p.outageRequestsPerRun, 1), fixed(p.outageWorstMinute, 0), time(p.catchUpMeanMs), time(p.catchUpP95Ms));
      } else {
        const takeover = p.takeoverMeanMs === null ? '—' : `${time(p.takeoverMeanMs)} / ${time(p.takeoverMaxMs)}`;
        row.push(fixed(p.extraPolls, 0), fixed(p.reconnectsPerRun, 1), fixed(p.eventsMissed, 0), takeover);
      }
      if (p.undetected > 0) row[0] += ` (${p.undetected} never detected)`;
      lines.push(`| ${row.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
