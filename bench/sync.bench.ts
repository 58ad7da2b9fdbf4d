/**
 * `npm run bench:sync` (tsx bench/sync.bench.ts [--runs 200] [--seed 20261129]): live updates —
 * the engine with its push channel (the real StreamPolicy and PollScheduler on a simulated clock,
 * stream and server, bench/sim/push.ts) against the three polling baselines on the same tasks:
 * push healthy, dropped every minute, behind a buffering proxy, and a two-minute outage with and
 * without push. Prints the tables with ratios to the adaptive baseline, checks the targets of
 * each workload (bench/sync/workloads.ts), writes bench/results/sync.json and exits with 1 if a
 * target fails. Push absent (polling only) is `npm run bench:polling`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveSeed, mulberry32 } from '../src/lib/random';
import { DEFAULT_SYNC_CONFIG } from '../src/lib/sync/config';
import { DEFAULT_STREAM_CONFIG } from '../src/lib/sync/streamConfig';
import { BASELINES } from './clients/baselineClients';
import { formatVerdicts } from './report';
import { SIM_PUSH } from './sim/push';
import { baselineFactory, engineFactory, runSyncOnce, type SyncClientFactory, type SyncRunMetrics } from './sync/run';
import { checkSyncTargets, formatSyncTable, SYNC_ENGINE, type SyncResult } from './sync/report';
import { summarizeSync } from './sync/summary';
import { SYNC_WORKLOADS } from './sync/workloads';
import { intOption } from './cli';

const POLICIES: readonly { key: string; label: string; client: SyncClientFactory }[] = [
  ...BASELINES.map((baseline) => ({ key: baseline.key, label: baseline.label, client: baselineFactory(baseline) })),
  { key: SYNC_ENGINE, label: 'this engine (push, polling as the fallback)', client: engineFactory },
];

async function main(): Promise<void> {
  const runs = intOption('runs', 200);
  const seed = intOption('seed', 20261129);
  const started = performance.now();
  const results: SyncResult[] = [];
  for (const [w, workload] of SYNC_WORKLOADS.entries()) {
    const perPolicy = new Map<string, SyncRunMetrics[]>(POLICIES.map((p) => [p.key, []]));
    for (let run = 0; run < runs; run++) {
      const runSeed = deriveSeed(seed, w, run);
      const plan = workload.plan(mulberry32(runSeed));
      for (const [p, policy] of POLICIES.entries()) {
        perPolicy.get(policy.key)?.push(await runSyncOnce(plan, policy.client, deriveSeed(runSeed, p)));
      }
    }
    results.push({ workload, policies: POLICIES.map((p) => summarizeSync(p.key, p.label, perPolicy.get(p.key) ?? [])) });
  }
  const verdicts = checkSyncTargets(results);
  const pass = verdicts.every((v) => v.pass);
  const elapsed = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`# Live updates benchmark — ${runs} runs per workload, seed ${seed} (${elapsed} s)\n`);
  console.log(formatSyncTable(results));
  console.log(formatVerdicts(verdicts));
  console.log(pass ? '\nAll targets met.' : '\nSome targets FAILED.');

  const out = fileURLToPath(new URL('./results/sync.json', import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  const report = {
    runs,
    seed,
    config: { sync: DEFAULT_SYNC_CONFIG, stream: DEFAULT_STREAM_CONFIG, simulatedPush: SIM_PUSH },
    workloads: results.map(({ workload, policies }) => ({ key: workload.key, label: workload.label, policies })),
    targets: verdicts,
    pass,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${out}`);
  if (!pass) process.exitCode = 1;
}

await main();
