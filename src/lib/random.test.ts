import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, randomBetween, randomNormal, withJitter } from './random';

describe('mulberry32', () => {
  it('replays the same sequence from the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('gives different sequences for different seeds', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = mulberry32(7);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]! += 1;
    for (const count of buckets) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });
});

describe('helpers', () => {
  it('randomBetween and withJitter stay in their ranges', () => {
    const random = mulberry32(3);
    for (let i = 0; i < 1_000; i++) {
      const between = randomBetween(random, 5, 10);
      expect(between).toBeGreaterThanOrEqual(5);
      expect(between).toBeLessThan(10);
      const jittered = withJitter(random, 1_000, 0.1);
      expect(jittered).toBeGreaterThanOrEqual(900);
      expect(jittered).toBeLessThanOrEqual(1_100);
    }
  });

  it('randomNormal has mean 0 and standard deviation 1', () => {
    const random = mulberry32(9);
    const values = Array.from({ length: 20_000 }, () => randomNormal(random));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('deriveSeed gives distinct, repeatable sub-seeds', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(new Set([deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(2, 0), deriveSeed(1, 0, 0)]).size).toBe(4);
  });
});
