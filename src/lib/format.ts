/**
 * Numbers, money, durations and times for people, through the browser's Intl. Formatters are
 * cached per locale: creating an Intl object costs far more than using one, and rows call these
 * on every render.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

const unit = (locale: string, name: 'hour' | 'minute' | 'second') =>
  cached(`unit:${locale}:${name}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }));

/** "1h 5m", "2m 30s", "45s" (localised units); at most two parts, rounded up to a whole second. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const join = locale.startsWith('zh') ? '' : ' ';
  if (hours > 0) {
    return minutes > 0 ? `${unit(locale, 'hour').format(hours)}${join}${unit(locale, 'minute').format(minutes)}` : unit(locale, 'hour').format(hours);
  }
  if (minutes > 0) {
    return seconds > 0 ? `${unit(locale, 'minute').format(minutes)}${join}${unit(locale, 'second').format(seconds)}` : unit(locale, 'minute').format(minutes);
  }
  return unit(locale, 'second').format(seconds);
}

/** A range of durations, collapsed to one value when both ends read the same. */
export function formatDurationRange(lowMs: number, highMs: number, locale: string): string {
  const low = formatDuration(lowMs, locale);
  const high = formatDuration(highMs, locale);
  return low === high ? low : `${low}–${high}`;
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  const formatter = cached(`money:${locale}:${currency}`, () => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
    } catch {
      // An unknown currency code from the server: show the number and the code rather than throw.
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    }
  });
  const text = formatter.format(amount);
  return formatter.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** 0..1 as a whole percentage, floored so that 99.6 % never reads "100 %" before it is done. */
export function formatPercent(fraction: number, locale: string): string {
  const formatter = cached(`pct:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  return formatter.format(Math.floor(Math.min(1, Math.max(0, fraction)) * 100) / 100);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return cached(`num:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits })).format(value);
}

/** A date and time with seconds, in the user's time zone. */
export function formatDateTime(value: string | number, locale: string): string {
  const formatter = cached(
    `dt:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
  );
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : formatter.format(date);
}

/** A clock time ("14:05:09") for times within the day. */
export function formatClock(value: number, locale: string): string {
  return cached(`clock:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' })).format(new Date(value));
}

/**
 * Builds the formatters the task list uses, one per macrotask, through `later`. The first Intl
 * object of each kind loads the language's data — tens of milliseconds on a phone — and built
 * inside the first render that made one long task; called while the first list request is in
 * flight, the main thread is idle anyway. `extra` steps (the plural rules) run the same way.
 */
export function prepareFormatters(
  locale: string,
  extra: ReadonlyArray<() => void> = [],
  later: (step: () => void) => void = (step) => void setTimeout(step, 0),
): void {
  const steps: Array<() => void> = [
    () => formatNumber(0, locale, 3),
    () => formatPercent(0, locale),
    () => formatMoney(0, 'USD', locale),
    () => unit(locale, 'second'),
    () => unit(locale, 'minute'),
    () => unit(locale, 'hour'),
    () => formatClock(0, locale),
    ...extra,
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length > 0) later(next);
  };
  later(next);
}
