/**
 * Arithmetic behind the stats panel, kept out of the component: bar lengths of the queue by
 * priority, the budget's warning level, the mean ETA error, and a percentage that — unlike
 * formatPercent, which is for progress — may pass 100 % (an ETA can be off by more than the run).
 */
import { PRIORITIES, type Priority } from '../api/schemas';

/** Each priority's bar length as a share (0..1) of the longest queue, so the longest fills the track. */
export function queueBarShares(queued: Readonly<Record<Priority, number>>): Record<Priority, number> {
  const longest = Math.max(0, ...PRIORITIES.map((priority) => queued[priority]));
  const shares = {} as Record<Priority, number>;
  for (const priority of PRIORITIES) shares[priority] = longest === 0 ? 0 : queued[priority] / longest;
  return shares;
}

export function totalQueued(queued: Readonly<Record<Priority, number>>): number {
  return PRIORITIES.reduce((sum, priority) => sum + queued[priority], 0);
}

export type BudgetLevel = 'ok' | 'warn' | 'over';

/** The budget bar turns to a warning at 80 % spent and to danger once spent. */
export function budgetLevel(spent: number, budget: number, warnAt = 0.8): BudgetLevel {
  if (budget <= 0 || spent >= budget) return 'over';
  return spent / budget >= warnAt ? 'warn' : 'ok';
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A ratio as a whole percentage, not clamped: 1.5 → "150%". */
export function formatRatio(ratio: number, locale: string): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  return format.format(ratio);
}
