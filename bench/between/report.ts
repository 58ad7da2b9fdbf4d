/**
 * The "between updates" rows of the sync benchmark: a table per workload (every policy's screen,
 * extrapolated and held, against the truth) and the issue's targets on this engine's rows:
 * mean absolute error of the progress on screen ≤ 5 percentage points, no step backwards, no ETA
 * rising between two updates.
 */
import { deriveSeed, mulberry32 } from '../../src/lib/random';
import type { TargetVerdict } from '../report';
import type { Workload } from '../workloads';
import { BETWEEN_RUNS, pushFeed, replayBetween, simHistory, summarizeBetween, type BetweenSummary } from './betweenUpdates';

/** The pseudo-policy of a healthy push stream: the server's own events, as any client receives them. */
export const PUSH_FEED = 'push-feed';

export const BETWEEN_TARGETS = {
  meanAbsErrorPp: 5,
  backwardSteps: 0,
  etaRises: 0,
} as const;

export interface BetweenResult {
  workload: Workload;
  policies: { policy: string; label: string; summary: BetweenSummary }[];
}

/** Workloads whose screen is watched throughout (hidden and offline spells freeze it by design). */
export function watchesBetween(workload: Workload): boolean {
  return workload.kind === 'single' || workload.kind === 'concurrent' || workload.kind === 'failures';
}

/**
 * The screen fed by a healthy push stream for the same runs (the plans are derived from the seed
 * exactly as the main loop derives them).
 */
export function pushFeedRow(workload: Workload, workloadIndex: number, runs: number, seed: number) {
  const replays = [];
  for (let run = 0; run < Math.min(runs, BETWEEN_RUNS); run++) {
    const runSeed = deriveSeed(seed, workloadIndex, run);
    const plan = workload.plan(mulberry32(runSeed));
    replays.push(replayBetween(plan.tasks, pushFeed(plan.tasks, deriveSeed(runSeed, 7)), simHistory(deriveSeed(runSeed, 8))));
  }
  return { policy: PUSH_FEED, label: 'push stream (every server event, one-way delay)', summary: summarizeBetween(replays) };
}

/**
 * The targets. The progress error is held to ≤ 5 pp where the screen gets the updates the design
 * counts on — the push stream; on the polling fallback the bar has to stop at the end of a stage
 * until the next look, so its error there is reported, not a target. Backward steps and rising
 * ETAs are held to 0 for every policy and workload: they are the screen's own guarantees.
 */
export function checkBetweenTargets(results: readonly BetweenResult[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const { workload, policies } of results) {
    const add = (target: string, value: number, limit: number) =>
      verdicts.push({ workload: workload.key, target, value, limit, pass: value <= limit });
    const push = policies.find((p) => p.policy === PUSH_FEED)?.summary;
    if (push && workload.kind !== 'failures') add('between (push): progress MAE ≤ 5 pp', push.meanAbsErrorPp, BETWEEN_TARGETS.meanAbsErrorPp);
    add('between: steps backwards = 0', sum(policies.map((p) => p.summary.backwardSteps)), BETWEEN_TARGETS.backwardSteps);
    add('between: ETA rises = 0', sum(policies.map((p) => p.summary.etaRises + p.summary.serverEtaRises)), BETWEEN_TARGETS.etaRises);
  }
  return verdicts;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function formatBetweenTable(results: readonly BetweenResult[], engine: string): string {
  const lines = ['## Between updates: progress on screen vs the true progress, ETAs between updates', ''];
  lines.push(
    'Every second a task truly runs, the bar the app would show (extrapolated at the task\'s own pace, ' +
      'never backwards, never past its stage) against the simulated truth; "held" is a bar that only ' +
      'moves when an answer arrives. ETA rises are counted between two updates only. ' +
      `Replayed: the first ${BETWEEN_RUNS} runs of each workload.`,
    '',
  );
  for (const { workload, policies } of results) {
    lines.push(`### ${workload.key}`, '');
    lines.push(
      '| policy | seconds | MAE extrapolated | p95 | MAE held | p95 held | steps back | ETA rises (history / server) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const { policy, label, summary: s } of policies) {
      lines.push(
        `| ${policy === engine ? `**${label}**` : label} | ${s.samples} | ${fixed(s.meanAbsErrorPp, 2)} pp | ${fixed(s.p95AbsErrorPp, 1)} pp | ` +
          `${fixed(s.heldMeanAbsErrorPp, 2)} pp | ${fixed(s.heldP95AbsErrorPp, 1)} pp | ${s.backwardSteps} | ` +
          `${s.etaRises} of ${s.etaComparisons} / ${s.serverEtaRises} of ${s.serverEtaComparisons} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
