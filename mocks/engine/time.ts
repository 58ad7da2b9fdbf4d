/**
 * Time helpers. The engine keeps time as epoch milliseconds (possibly fractional inside the
 * simulation) and answers with ISO 8601 UTC strings, as the contract asks.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch milliseconds as an ISO 8601 UTC string (whole milliseconds). */
export function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** An ISO string (or anything `Date.parse` reads) as epoch milliseconds; null when unreadable. */
export function parseTime(text: string): number | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** "3.2 s", "4 min 05 s": durations as they appear in the task logs. */
export function describeDuration(ms: number): string {
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = Math.round((ms % MINUTE) / SECOND);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** Rounds money to 1/10,000 of the currency unit, enough for per-unit prices like 0.04 USD. */
export function roundMoney(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
