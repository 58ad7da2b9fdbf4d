/**
 * The queue-depth sparkline without React or the DOM: a fixed-size ring buffer of samples (each
 * push returns a new ring, so a store can hand it to React by identity), the SVG path of a series
 * scaled into a box by time, and the min / max / current summary its accessible label reads out.
 */

export interface Ring<T> {
  readonly capacity: number;
  readonly buffer: readonly T[];
  /** index of the oldest sample */
  readonly head: number;
  readonly size: number;
}

export function createRing<T>(capacity: number): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  return { capacity, buffer: [], head: 0, size: 0 };
}

/** A new ring with `item` appended; past capacity the oldest sample is overwritten. */
export function ringPush<T>(ring: Ring<T>, item: T): Ring<T> {
  const buffer = ring.buffer.slice();
  if (ring.size < ring.capacity) {
    buffer[(ring.head + ring.size) % ring.capacity] = item;
    return { ...ring, buffer, size: ring.size + 1 };
  }
  buffer[ring.head] = item;
  return { ...ring, buffer, head: (ring.head + 1) % ring.capacity };
}

/** The samples, oldest first. */
export function ringToArray<T>(ring: Ring<T>): T[] {
  const items: T[] = [];
  for (let i = 0; i < ring.size; i += 1) items.push(ring.buffer[(ring.head + i) % ring.capacity] as T);
  return items;
}

export function ringLast<T>(ring: Ring<T>): T | undefined {
  return ring.size === 0 ? undefined : ring.buffer[(ring.head + ring.size - 1) % ring.capacity];
}

// ---- drawing ----

export interface SparkPoint {
  /** time in ms */
  t: number;
  v: number;
}

export interface SparkBox {
  width: number;
  height: number;
  /** inset so the stroke is not clipped at the edges */
  padding?: number;
  /** the value range of the y axis; by default 0 up to the largest value (at least 1) */
  minValue?: number;
  maxValue?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * An SVG path ("M…L…") of the points scaled into the box: x by time, so uneven sampling (fast polls
 * while tasks run, slow ones when idle) keeps its true shape; y upwards from the bottom. One point
 * is drawn as a flat line across the box; none gives an empty path.
 */
export function sparklinePath(points: readonly SparkPoint[], box: SparkBox): string {
  if (points.length === 0) return '';
  const pad = box.padding ?? 1;
  const innerW = Math.max(0, box.width - 2 * pad);
  const innerH = Math.max(0, box.height - 2 * pad);
  const minValue = box.minValue ?? 0;
  const maxValue = Math.max(box.maxValue ?? Math.max(...points.map((p) => p.v)), minValue + 1);
  const y = (v: number) => round(pad + innerH - ((Math.min(maxValue, Math.max(minValue, v)) - minValue) / (maxValue - minValue)) * innerH);
  const first = points[0] as SparkPoint;
  if (points.length === 1) return `M${round(pad)},${y(first.v)}L${round(pad + innerW)},${y(first.v)}`;
  const t0 = first.t;
  const span = Math.max(1, (points[points.length - 1] as SparkPoint).t - t0);
  return points
    .map((point, i) => `${i === 0 ? 'M' : 'L'}${round(pad + ((point.t - t0) / span) * innerW)},${y(point.v)}`)
    .join('');
}

export interface SparkSummary {
  min: number;
  max: number;
  current: number;
  /** ms from the first to the last sample */
  spanMs: number;
}

export function summarize(points: readonly SparkPoint[]): SparkSummary | null {
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const { v } of points) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const last = points[points.length - 1] as SparkPoint;
  return { min, max, current: last.v, spanMs: last.t - (points[0] as SparkPoint).t };
}
