import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationRange, formatMoney, formatPercent, prepareFormatters } from './format';

describe('format', () => {
  it('formats durations with at most two units, rounding up', () => {
    expect(formatDuration(45_000, 'en')).toBe('45s');
    expect(formatDuration(44_100, 'en')).toBe('45s');
    expect(formatDuration(150_000, 'en')).toBe('2m 30s');
    expect(formatDuration(3_900_000, 'en')).toBe('1h 5m');
    expect(formatDuration(0, 'en')).toBe('0s');
    expect(formatDuration(150_000, 'zh-CN')).toBe('2分钟30秒');
  });

  it('collapses a range whose ends read the same', () => {
    expect(formatDurationRange(30_000, 45_000, 'en')).toBe('30s–45s');
    expect(formatDurationRange(30_100, 30_900, 'en')).toBe('31s');
  });

  it('formats money and survives an unknown currency', () => {
    expect(formatMoney(1.5, 'USD', 'en')).toBe('$1.50');
    expect(formatMoney(1.5, 'XXXX', 'en')).toBe('1.50 XXXX');
  });

  it('never shows 100 % before it is done', () => {
    expect(formatPercent(0.996, 'en')).toBe('99%');
    expect(formatPercent(1, 'en')).toBe('100%');
  });
});

describe('prepareFormatters', () => {
  it('spreads the work over macrotasks, one step each, the extra steps last', () => {
    const queue: Array<() => void> = [];
    const order: string[] = [];
    prepareFormatters('fr-CA', [() => order.push('plural rules')], (step) => {
      order.push('scheduled');
      queue.push(step);
    });
    expect(order).toEqual(['scheduled']); // nothing is built in the caller's turn
    let turns = 0;
    while (queue.length > 0) {
      const pending = queue.length;
      queue.shift()?.();
      turns += 1;
      expect(queue.length).toBeLessThanOrEqual(pending); // each turn schedules at most the next
    }
    expect(turns).toBe(8);
    expect(order.at(-1)).toBe('plural rules');
    expect(formatPercent(0.5, 'fr-CA')).toMatch(/50/);
  });
});
