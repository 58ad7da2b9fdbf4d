/**
 * Seeded randomness for policy code, tests and the polling benchmark. Everything that jitters
 * (backoff, poll cadence) takes a `Random` instead of calling `Math.random`, so a test or a
 * benchmark run can replay exactly the same choices from a seed.
 */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator with good statistical quality for simulation and jitter
 * (not for anything secret). The same seed always yields the same sequence.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** `value` moved by a uniform ±`ratio` share of itself (0.1 = ±10 %). */
export function withJitter(random: Random, value: number, ratio: number): number {
  return value * (1 + ratio * (2 * random() - 1));
}

/** A standard normal draw (Box–Muller); `1 - random()` keeps the logarithm finite. */
export function randomNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Derives an independent seed for a sub-stream (run n of a benchmark, task k of a run). */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let hash = seed >>> 0;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x9e3779b1) >>> 0;
    hash = (hash ^ (hash >>> 16)) >>> 0;
  }
  return hash;
}
