/**
 * Seeded randomness for the mock engine. The generator (mulberry32) keeps its whole state in one
 * 32-bit integer, so the engine can persist it with the rest of its state and a reload continues
 * the very same sequence. The engine owns two streams: one for the simulation (durations,
 * failures, log lines) and one for the transport (trace ids, latency, injected faults), so how
 * often a client polls never changes what happens to the tasks.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The state to persist; `new Random(snapshot)` continues the same sequence. */
  snapshot(): number {
    return this.state;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform number in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Random.pick needs at least one item');
    return item;
  }

  /** Picks an item with probability proportional to `weight(item)`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
    let left = this.next() * total;
    for (const item of items) {
      left -= Math.max(0, weight(item));
      if (left < 0) return item;
    }
    return this.pick(items);
  }

  /** A standard normal draw (Box–Muller); `1 - next()` keeps the logarithm finite. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * A log-normal draw with the given mean and coefficient of variation: always positive, skewed
   * to the right like real job durations (most near the mean, a few much longer).
   */
  lognormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    return Math.exp(mu + Math.sqrt(sigma2) * this.normal());
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    return out.slice(0, length);
  }
}

/** FNV-1a: a stable 32-bit hash for values that must not consume the random streams. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `hashString` mapped to [0, 1). */
export function hashUnit(text: string): number {
  return hashString(text) / 4294967296;
}
