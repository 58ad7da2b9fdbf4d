/**
 * One run of one live-updates workload against one client on the simulated clock: the same tasks,
 * stream behaviour and outage for every policy of a run (paired comparison). The baselines poll
 * each task on their own and know nothing of push; the engine is PushEngineClient.
 */
import { deriveSeed, mulberry32, type Random } from '../../src/lib/random';
import { BaselineClient, type BaselinePolicy } from '../clients/baselineClients';
import type { SimClient } from '../clients/clientLog';
import { PushEngineClient } from '../clients/pushClient';
import { SimPushServer } from '../sim/push';
import { SimNetwork, SimServer } from '../sim/server';
import { SimClock } from '../sim/simClock';
import { catchUp, runUntilDetected, worstWindow } from '../workloads';
import type { SyncPlan } from './workloads';

export interface SyncRunMetrics {
  tasks: number;
  /** every request (polls, stream connections, probes) from the first submit to the last detection */
  requests: number;
  windowMs: number;
  latenciesMs: number[];
  failedLatenciesMs: number[];
  undetected: number;
  /** engine only: list polls after the stream first delivered, other than the safety net */
  extraPolls: number | null;
  /** engine only: the most safety-net polls in any 10 minutes */
  safetyNetWorst10Min: number | null;
  /** engine only: status changes after the stream first delivered that never came over it */
  eventsMissed: number | null;
  /** engine only: stream connections after the first */
  reconnects: number | null;
  /** buffering proxy: from the cut to the first list poll */
  takeoverMs: number | null;
  /** outage: from the server's return until fresh news of every watched task */
  catchUpMs: number | null;
  /** outage: requests sent while the server was away */
  outageRequests: number | null;
  /** outage: the most requests in any 60 s of it after its first minute */
  outageWorstMinute: number | null;
}

export type SyncClientFactory = (ctx: {
  clock: SimClock;
  server: SimServer;
  network: SimNetwork;
  push: SimPushServer;
  plan: SyncPlan;
  random: Random;
  streamRandom: Random;
}) => SimClient;

export const engineFactory: SyncClientFactory = ({ clock, server, network, push, plan, random, streamRandom }) =>
  new PushEngineClient(clock, server, network, new Map(plan.tasks.map((t) => [t.id, t])), random, push, streamRandom);

export const baselineFactory =
  (policy: BaselinePolicy): SyncClientFactory =>
  ({ clock, server, network, random }) =>
    new BaselineClient(policy, clock, server, network, random);

const POLL_REASONS_OF_THE_STREAM = new Set(['stream', 'probe']);

export async function runSyncOnce(plan: SyncPlan, makeClient: SyncClientFactory, seed: number): Promise<SyncRunMetrics> {
  const clock = new SimClock(plan.openAt);
  const server = new SimServer(plan.tasks);
  const network = new SimNetwork(mulberry32(deriveSeed(seed, 1)), plan.outage ? [plan.outage] : []);
  const push = new SimPushServer(clock, server, plan.tasks, network, mulberry32(deriveSeed(seed, 3)), plan.push, plan.outage);
  const client = makeClient({
    clock,
    server,
    network,
    push,
    plan,
    random: mulberry32(deriveSeed(seed, 2)),
    streamRandom: mulberry32(deriveSeed(seed, 4)),
  });

  const at = (time: number, fn: () => void) => clock.setTimeout(fn, time - clock.now());
  at(plan.openAt, () => client.open());
  for (const task of plan.tasks) at(task.submitAt, () => client.submit(task.id));

  const { requests, firstSubmit, windowEnd, counted, latenciesMs, failedLatenciesMs } = await runUntilDetected(plan.tasks, client, clock);

  const engine = client instanceof PushEngineClient ? client : null;
  const polls = requests.filter((r) => !POLL_REASONS_OF_THE_STREAM.has(r.reason));
  const liveAt = engine?.firstLiveAt ?? null;
  const { bufferedFrom } = plan.push;
  // Behind a buffering proxy polling takes over by design: push is judged until the proxy comes.
  const pushEnd = Math.min(windowEnd, bufferedFrom ?? Infinity);
  let eventsMissed: number | null = null;
  if (engine && liveAt !== null) {
    eventsMissed = 0;
    for (const task of plan.tasks) {
      const seen = engine.streamSeen.get(task.id) ?? -Infinity;
      for (const change of [task.submitAt, task.startAt, task.endAt]) if (change > liveAt && change <= pushEnd && seen < change) eventsMissed += 1;
    }
  }
  const outage = plan.outage;
  const sentIn = (from: number, to: number) => requests.filter((r) => r.sentAt >= from && r.sentAt < to);

  return {
    tasks: plan.tasks.length,
    requests: counted.length,
    windowMs: Math.max(1, windowEnd - firstSubmit),
    latenciesMs,
    failedLatenciesMs,
    undetected: plan.tasks.length - latenciesMs.length,
    extraPolls: engine
      ? polls.filter((r) => liveAt !== null && r.sentAt > liveAt && r.sentAt < pushEnd && r.reason !== 'safety-net').length
      : null,
    safetyNetWorst10Min: engine ? worstWindow(polls.filter((r) => r.reason === 'safety-net').map((r) => r.sentAt), 600_000) : null,
    eventsMissed,
    reconnects: engine ? engine.policy.getState().reconnects : null,
    takeoverMs:
      engine && bufferedFrom !== null ? (polls.find((r) => r.sentAt >= bufferedFrom)?.sentAt ?? Infinity) - bufferedFrom : null,
    catchUpMs: outage ? catchUp(outage.to, plan.tasks, client) : null,
    outageRequests: outage ? sentIn(outage.from, outage.to).length : null,
    outageWorstMinute: outage
      ? worstWindow(
          sentIn(outage.from + 60_000, outage.to).map((r) => r.sentAt),
          60_000,
        )
      : null,
  };
}
