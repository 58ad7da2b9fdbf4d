/**
 * The render benchmark's figures: samples folded into median and p95, the targets
 * checked against the app's list, and a markdown table that puts every baseline next to the app
 * as a ratio (baseline ÷ app).
 */
import { FRAME_MS, type MountResult, type PollResult, type ScrollResult, type Variant } from './protocol';

export interface Stat {
  median: number;
  p95: number;
  min: number;
  max: number;
  samples: number;
}

type Summary<T> = { [K in keyof T]: Stat };

export interface VariantResult {
  variant: Variant;
  label: string;
  mount: Summary<MountResult>;
  poll: Summary<PollResult> & {
    /** polls whose row renders equalled the changed tasks that had a row in the DOM */
    exactPolls: number;
    /** row renders beyond the changed rows in the DOM, over all polls */
    extraRowRenders: number;
  };
  scroll: Summary<ScrollResult>;
}

export interface SizeResult {
  n: number;
  variants: VariantResult[];
}

export interface TargetVerdict {
  target: string;
  n: number;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
  detail: string;
}

/** Nearest-rank percentile (as in bench/summary.ts, which this browser-side folder cannot import). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** performance.now() in the page has 0.1 ms steps; three decimals keep the JSON readable. */
const round = (value: number) => Math.round(value * 1000) / 1000;

export function stat(values: readonly number[]): Stat {
  return {
    median: round(percentile(values, 0.5)),
    p95: round(percentile(values, 0.95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    samples: values.length,
  };
}

/** Every field of the records as a Stat. */
export function summarize<T extends object>(records: readonly T[]): Summary<T> {
  const first = records[0];
  if (!first) throw new Error('no samples');
  const keys = Object.keys(first) as (keyof T & string)[];
  return Object.fromEntries(keys.map((key) => [key, stat(records.map((record) => Number(record[key])))])) as Summary<T>;
}

export function summarizePolls(polls: readonly PollResult[]): VariantResult['poll'] {
  return {
    ...summarize(polls),
    exactPolls: polls.filter((p) => p.rowRenders === p.changedMounted).length,
    extraRowRenders: polls.reduce((sum, p) => sum + Math.max(0, p.rowRenders - p.changedMounted), 0),
  };
}

export const TARGETS = {
  firstRenderMs: 100,
  pollCommitMs: 16,
  pollChanged: 50,
  firstRenderSize: 10_000,
} as const;

const app = (size: SizeResult) => size.variants.find((v) => v.variant === 'app');

/**
 * The targets, on the app's list: first render of 10,000 tasks < 100 ms and the 50-task
 * poll < 16 ms (medians; p95 printed next to them), and every poll re-rendering exactly the
 * changed rows that were in the DOM.
 */
export function checkTargets(sizes: readonly SizeResult[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const size of sizes) {
    const result = app(size);
    if (!result) continue;
    if (size.n === TARGETS.firstRenderSize) {
      const { median, p95 } = result.mount.commitMs;
      verdicts.push({
        target: `first render of ${size.n.toLocaleString('en')} tasks < ${TARGETS.firstRenderMs} ms`,
        n: size.n,
        value: median,
        limit: TARGETS.firstRenderMs,
        unit: 'ms',
        pass: median < TARGETS.firstRenderMs,
        detail: `median ${ms(median)}, p95 ${ms(p95)}`,
      });
    }
    const { median, p95 } = result.poll.commitMs;
    verdicts.push({
      target: `${TARGETS.pollChanged}-task poll commits < ${TARGETS.pollCommitMs} ms (${size.n.toLocaleString('en')} tasks)`,
      n: size.n,
      value: median,
      limit: TARGETS.pollCommitMs,
      unit: 'ms',
      pass: median < TARGETS.pollCommitMs,
      detail: `median ${ms(median)}, p95 ${ms(p95)}`,
    });
    const polls = result.poll.rowRenders.samples;
    verdicts.push({
      target: `poll re-renders only the changed rows (${size.n.toLocaleString('en')} tasks)`,
      n: size.n,
      value: result.poll.extraRowRenders,
      limit: 0,
      unit: 'extra row renders',
      pass: result.poll.exactPolls === polls,
      detail: `${result.poll.exactPolls}/${polls} polls exact, ${result.poll.extraRowRenders} extra row renders`,
    });
  }
  return verdicts;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 100) return `${Math.round(value).toLocaleString('en')} ms`;
  return `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

function count(value: number): string {
  return Number.isFinite(value) ? (Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1)) : '—';
}

function ratio(value: number, reference: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return value === 0 && reference === 0 ? '1×' : '—';
  const r = value / reference;
  return `${r >= 100 ? Math.round(r).toLocaleString('en') : r.toFixed(r >= 10 ? 1 : 2)}×`;
}

interface Row {
  label: string;
  value: (v: VariantResult) => number;
  show: (v: VariantResult) => string;
}

const timing = (label: string, pick: (v: VariantResult) => Stat): Row => ({
  label,
  value: (v) => pick(v).median,
  show: (v) => `${ms(pick(v).median)} (${ms(pick(v).p95)})`,
});

export function formatTable(sizes: readonly SizeResult[], config: { changed: number; scrollMs: number; pxPerSecond: number }): string {
  const scroll = `scroll ${config.scrollMs / 1000} s at ${config.pxPerSecond.toLocaleString('en')} px/s`;
  const rows: Row[] = [
    timing('first render: commit', (v) => v.mount.commitMs),
    timing('first render: Profiler actualDuration', (v) => v.mount.profilerMs),
    timing('first render: to painted frame', (v) => v.mount.paintMs),
    { label: 'first render: rows in the DOM', value: (v) => v.mount.rowsMounted.median, show: (v) => count(v.mount.rowsMounted.median) },
    timing(`poll of ${config.changed}: commit (wall)`, (v) => v.poll.commitMs),
    timing(`poll of ${config.changed}: Profiler actualDuration`, (v) => v.poll.profilerMs),
    timing(`poll of ${config.changed}: to painted frame`, (v) => v.poll.paintMs),
    {
      label: `poll of ${config.changed}: rows re-rendered / changed rows in the DOM`,
      value: (v) => v.poll.rowRenders.median,
      show: (v) => `${count(v.poll.rowRenders.median)} / ${count(v.poll.changedMounted.median)}`,
    },
    {
      label: `${scroll}: frames painted (of ${Math.round(config.scrollMs / FRAME_MS)})`,
      value: (v) => v.scroll.frames.median,
      show: (v) => count(v.scroll.frames.median),
    },
    { label: `${scroll}: dropped frames`, value: (v) => v.scroll.droppedFrames.median, show: (v) => count(v.scroll.droppedFrames.median) },
    timing(`${scroll}: longest frame`, (v) => v.scroll.maxGapMs),
    timing(`${scroll}: Profiler actualDuration`, (v) => v.scroll.profilerMs),
  ];
  const lines: string[] = [];
  for (const size of sizes) {
    const reference = app(size);
    const baselines = size.variants.filter((v) => v.variant !== 'app');
    lines.push(`### ${size.n.toLocaleString('en')} tasks`, '');
    const head = ['measure (median, p95 in brackets)', 'app', ...baselines.flatMap((b) => [b.variant === 'naive' ? 'naive list' : 'no row memo', '÷ app'])];
    lines.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of rows) {
      const cells = [row.label, reference ? row.show(reference) : '—'];
      for (const baseline of baselines) {
        cells.push(row.show(baseline), reference ? ratio(row.value(baseline), row.value(reference)) : '—');
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function formatVerdicts(verdicts: readonly TargetVerdict[]): string {
  return verdicts.map((v) => `${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(52)} ${v.detail}`).join('\n');
}
