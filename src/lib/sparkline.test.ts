import { describe, expect, it } from 'vitest';
import { createRing, ringLast, ringPush, ringToArray, sparklinePath, summarize } from './sparkline';

describe('ring buffer', () => {
  it('keeps samples oldest first up to its capacity', () => {
    let ring = createRing<number>(3);
    expect(ringToArray(ring)).toEqual([]);
    expect(ringLast(ring)).toBeUndefined();
    ring = ringPush(ringPush(ring, 1), 2);
    expect(ringToArray(ring)).toEqual([1, 2]);
    expect(ringLast(ring)).toBe(2);
  });

  it('overwrites the oldest sample when full', () => {
    let ring = createRing<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring = ringPush(ring, n);
    expect(ringToArray(ring)).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ringLast(ring)).toBe(5);
  });

  it('returns a new ring and leaves the old one as it was', () => {
    const before = ringPush(createRing<number>(2), 1);
    const after = ringPush(before, 2);
    expect(after).not.toBe(before);
    expect(ringToArray(before)).toEqual([1]);
    expect(ringToArray(after)).toEqual([1, 2]);
  });

  it('refuses a capacity below one', () => {
    expect(() => createRing(0)).toThrow(RangeError);
  });
});

describe('sparklinePath', () => {
  const box = { width: 100, height: 20, padding: 0 };

  it('is empty without points', () => {
    expect(sparklinePath([], box)).toBe('');
  });

  it('draws one point as a flat line', () => {
    expect(sparklinePath([{ t: 0, v: 0 }], box)).toBe('M0,20L100,20');
  });

  it('scales x by time and y from 0 to the largest value, upwards', () => {
    const path = sparklinePath(
      [
        { t: 1000, v: 0 },
        { t: 1500, v: 4 },
        { t: 3000, v: 2 },
      ],
      box,
    );
    expect(path).toBe('M0,20L25,0L100,10');
  });

  it('keeps the stroke inside the padding', () => {
    expect(sparklinePath([{ t: 0, v: 1 }, { t: 10, v: 0 }], { width: 12, height: 12, padding: 1 })).toBe('M1,1L11,11');
  });

  it('draws an all-zero series at the bottom rather than dividing by zero', () => {
    expect(sparklinePath([{ t: 0, v: 0 }, { t: 10, v: 0 }], box)).toBe('M0,20L100,20');
  });

  it('clamps values to a given range', () => {
    expect(sparklinePath([{ t: 0, v: 10 }, { t: 10, v: 5 }], { ...box, maxValue: 5 })).toBe('M0,0L100,0');
  });
});

describe('summarize', () => {
  it('gives min, max, current and the time covered', () => {
    expect(summarize([{ t: 0, v: 3 }, { t: 500, v: 7 }, { t: 2000, v: 1 }, { t: 4000, v: 2 }])).toEqual({ min: 1, max: 7, current: 2, spanMs: 4000 });
    expect(summarize([])).toBeNull();
  });
});
