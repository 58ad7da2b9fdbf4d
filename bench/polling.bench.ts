/**
 * `npm run bench:polling` (tsx bench/polling.bench.ts [--runs 200] [--seed 20261122]):
 * plays every workload against this project's engine (the real PollScheduler, cadence and ETA
 * code from src/lib/sync) and the three baselines on a simulated clock and server,
 * prints a table with ratios to the adaptive baseline, checks the targets, writes
 * bench/results/polling.json and exits with 1 if a target fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveSeed, mulberry32 } from '../src/lib/random';
import { DEFAULT_SYNC_CONFIG } from '../src/lib/sync/config';
import { DEFAULT_ETA_CONFIG } from '../src/lib/sync/paceEta';
import { replayRuns, summarizeBetween } from './between/betweenUpdates';
import { checkBetweenTargets, formatBetweenTable, pushFeedRow, watchesBetween, type BetweenResult } from './between/report';
import { BASELINES, BaselineClient } from './clients/baselineClients';
import { EngineClient } from './clients/engineClient';
import { calibration, checkTargets, ENGINE, formatCalibration, formatTable, formatVerdicts, type WorkloadResult } from './report';
import { SIM_BYTES } from './sim/server';
import { SIM_TASKS } from './sim/tasks';
import { summarize } from './summary';
import { runOnce, WORKLOADS, type ClientFactory, type RunMetrics } from './workloads';
import { intOption } from './cli';

interface Policy {
  key: string;
  label: string;
  client: ClientFactory;
}

const POLICIES: readonly Policy[] = [
  ...BASELINES.map((baseline) => ({
    key: baseline.key,
    label: baseline.label,
    client: ((clock, server, network, _specs, random) =>
      new BaselineClient(baseline, clock, server, network, random)) satisfies ClientFactory,
  })),
  {
    key: ENGINE,
    label: 'this engine (ETA-aware, one list request)',
    client: (clock, server, network, specs, random) => new EngineClient(clock, server, network, specs, random),
  },
];

async function main(): Promise<void> {
  const runs = intOption('runs', 200);
  const seed = intOption('seed', 20261122);
  const started = performance.now();

  const results: WorkloadResult[] = [];
  const between: BetweenResult[] = [];
  for (const [w, workload] of WORKLOADS.entries()) {
    const perPolicy = new Map<string, RunMetrics[]>(POLICIES.map((p) => [p.key, []]));
    for (let run = 0; run < runs; run++) {
      const runSeed = deriveSeed(seed, w, run);
      const plan = workload.plan(mulberry32(runSeed));
      for (const [p, policy] of POLICIES.entries()) {
        perPolicy.get(policy.key)?.push(await runOnce(plan, policy.client, deriveSeed(runSeed, p)));
      }
    }
    results.push({
      workload,
      policies: POLICIES.map((policy) => summarize(policy.key, policy.label, perPolicy.get(policy.key) ?? [])),
    });
    if (watchesBetween(workload)) {
      between.push({
        workload,
        policies: [
          ...POLICIES.map((policy) => ({
            policy: policy.key,
            label: policy.label,
            summary: summarizeBetween(replayRuns((perPolicy.get(policy.key) ?? []).map((run) => run.between))),
          })),
          pushFeedRow(workload, w, runs, seed),
        ],
      });
    }
  }

  const verdicts = [...checkTargets(results), ...checkBetweenTargets(between)];
  const pass = verdicts.every((v) => v.pass);
  const elapsed = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`# Polling benchmark — ${runs} runs per workload, seed ${seed} (${elapsed} s)\n`);
  const baselineCheck = calibration(results);
  console.log(formatTable(results));
  console.log(formatCalibration(baselineCheck));
  console.log(formatBetweenTable(between, ENGINE));
  console.log(formatVerdicts(verdicts));
  console.log(pass ? '\nAll targets met.' : '\nSome targets FAILED.');

  const out = fileURLToPath(new URL('./results/polling.json', import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  const report = {
    runs,
    seed,
    config: { sync: DEFAULT_SYNC_CONFIG, eta: DEFAULT_ETA_CONFIG },
    simulation: { tasks: SIM_TASKS, bytes: SIM_BYTES },
    workloads: results.map(({ workload, policies }) => ({
      key: workload.key,
      label: workload.label,
      kind: workload.kind,
      policies,
    })),
    calibration: baselineCheck,
    between: between.map(({ workload, policies }) => ({ key: workload.key, policies })),
    targets: verdicts,
    pass,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${out}`);
  if (!pass) process.exitCode = 1;
}

await main();
