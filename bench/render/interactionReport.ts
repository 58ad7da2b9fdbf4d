/**
 * The render benchmark's interaction figures (issue 8): sort, filter and search at 10,000 tasks,
 * from the input event to the painted rows (median and p95) and the longest main-thread task; the
 * selection alone against the naive baseline, as a ratio; the list at a phone's width. Targets:
 * each kind of input p95 ≤ 100 ms to the painted rows, and no task over 100 ms while typing.
 */
import type { InteractionResult, SelectTiming } from './protocol';
import { stat, summarize, summarizePolls, type Stat, type TargetVerdict, type VariantResult } from './report';

export const INTERACTION_TARGETS = { toPaintP95Ms: 100, longestTaskMs: 100 } as const;

export type InteractionKind = 'sort' | 'filter' | 'search';

export interface InteractionSummary {
  kind: InteractionKind;
  label: string;
  toPaintMs: Stat;
  longestTaskMs: Stat;
}

export interface SelectSummary {
  filters: string;
  app: Stat;
  naive: Stat;
}

export interface PhoneResult {
  viewport: { width: number; height: number };
  n: number;
  mount: VariantResult['mount'];
  poll: VariantResult['poll'];
  scroll: VariantResult['scroll'];
}

const LABELS: Record<InteractionKind, string> = {
  sort: 'sort (each of 9 orders)',
  filter: 'filter (status, type)',
  search: 'search, per keystroke (typing)',
};

export function summarizeInteractions(samples: Record<InteractionKind, InteractionResult[]>): InteractionSummary[] {
  return (Object.keys(LABELS) as InteractionKind[]).map((kind) => ({
    kind,
    label: LABELS[kind],
    toPaintMs: stat(samples[kind].map((s) => s.toPaintMs)),
    longestTaskMs: stat(samples[kind].map((s) => s.longestTaskMs)),
  }));
}

export function summarizeSelects(timings: readonly SelectTiming[]): SelectSummary[] {
  return timings.map((t) => ({ filters: t.filters, app: stat(t.appMs), naive: stat(t.naiveMs) }));
}

export function summarizePhone(viewport: PhoneResult['viewport'], n: number, raw: { mounts: object[]; polls: Parameters<typeof summarizePolls>[0]; scrolls: object[] }): PhoneResult {
  return {
    viewport,
    n,
    mount: summarize(raw.mounts) as VariantResult['mount'],
    poll: summarizePolls(raw.polls),
    scroll: summarize(raw.scrolls) as VariantResult['scroll'],
  };
}

export function checkInteractionTargets(interactions: readonly InteractionSummary[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const interaction of interactions) {
    const { median, p95 } = interaction.toPaintMs;
    verdicts.push({
      target: `${interaction.kind} at 10,000 tasks: p95 to painted rows ≤ ${INTERACTION_TARGETS.toPaintP95Ms} ms`,
      n: 10_000,
      value: p95,
      limit: INTERACTION_TARGETS.toPaintP95Ms,
      unit: 'ms',
      pass: p95 <= INTERACTION_TARGETS.toPaintP95Ms,
      detail: `median ${ms(median)}, p95 ${ms(p95)}`,
    });
  }
  const typing = interactions.find((interaction) => interaction.kind === 'search');
  if (typing) {
    verdicts.push({
      target: `no main-thread task over ${INTERACTION_TARGETS.longestTaskMs} ms while typing`,
      n: 10_000,
      value: typing.longestTaskMs.max,
      limit: INTERACTION_TARGETS.longestTaskMs,
      unit: 'ms',
      pass: typing.longestTaskMs.max <= INTERACTION_TARGETS.longestTaskMs,
      detail: `longest ${ms(typing.longestTaskMs.max)} over ${typing.longestTaskMs.samples} keystrokes`,
    });
  }
  return verdicts;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  if (value >= 100) return `${Math.round(value).toLocaleString('en')} ms`;
  return `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

function ratio(value: number, reference: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference <= 0) return '—';
  const r = value / reference;
  return `${r >= 100 ? Math.round(r).toLocaleString('en') : r.toFixed(r >= 10 ? 1 : 2)}×`;
}

export function formatInteractions(interactions: readonly InteractionSummary[], selects: readonly SelectSummary[], phone: PhoneResult | null): string {
  const lines = ['### 10,000 tasks: sort, filter, search (the real task region, TasksPanel)', ''];
  lines.push('| input → painted rows | samples | median | p95 | longest main-thread task (max) |', '|---|---:|---:|---:|---:|');
  for (const i of interactions) {
    lines.push(`| ${i.label} | ${i.toPaintMs.samples} | ${ms(i.toPaintMs.median)} | ${ms(i.toPaintMs.p95)} | ${i.longestTaskMs.max === 0 ? 'none ≥ 50 ms' : ms(i.longestTaskMs.max)} |`);
  }
  lines.push('', '| the selection alone (filter, search, sort of 10,000 tasks) | app: median (max) | naive: median (max) | naive ÷ app |', '|---|---:|---:|---:|');
  for (const s of selects) {
    lines.push(`| ${s.filters} | ${ms(s.app.median)} (${ms(s.app.max)}) | ${ms(s.naive.median)} (${ms(s.naive.max)}) | ${ratio(s.naive.median, s.app.median)} |`);
  }
  if (phone) {
    lines.push('', `### ${phone.n.toLocaleString('en')} tasks on a phone (${phone.viewport.width} × ${phone.viewport.height}, touch; rows are cards)`, '');
    lines.push('| measure | median | p95 |', '|---|---:|---:|');
    const row = (label: string, s: Stat) => lines.push(`| ${label} | ${ms(s.median)} | ${ms(s.p95)} |`);
    row('first render: to painted frame', phone.mount.paintMs);
    lines.push(`| first render: rows in the DOM | ${phone.mount.rowsMounted.median} | |`);
    row('poll of 50: commit (wall)', phone.poll.commitMs);
    lines.push(`| poll of 50: rows re-rendered / changed rows in the DOM | ${phone.poll.rowRenders.median} / ${phone.poll.changedMounted.median} | |`);
    lines.push(`| scroll 2 s at 3,000 px/s: frames painted (of 120) | ${phone.scroll.frames.median} | |`);
    lines.push(`| scroll 2 s at 3,000 px/s: dropped frames | ${phone.scroll.droppedFrames.median} | |`);
    row('scroll: longest frame', phone.scroll.maxGapMs);
  }
  return lines.join('\n');
}
