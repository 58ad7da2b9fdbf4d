import { describe, expect, it } from 'vitest';
import { budgetLevel, formatRatio, mean, queueBarShares, totalQueued } from './statsSummary';

describe('queueBarShares', () => {
  it('measures each priority against the longest queue', () => {
    expect(queueBarShares({ urgent: 1, high: 4, medium: 2, low: 0 })).toEqual({ urgent: 0.25, high: 1, medium: 0.5, low: 0 });
  });

  it('is all zero for an empty queue', () => {
    expect(queueBarShares({ urgent: 0, high: 0, medium: 0, low: 0 })).toEqual({ urgent: 0, high: 0, medium: 0, low: 0 });
  });

  it('totals the queue', () => {
    expect(totalQueued({ urgent: 1, high: 4, medium: 2, low: 3 })).toBe(10);
  });
});

describe('budgetLevel', () => {
  it('is ok below 80 %, a warning from 80 %, over once spent', () => {
    expect(budgetLevel(7.9, 10)).toBe('ok');
    expect(budgetLevel(8, 10)).toBe('warn');
    expect(budgetLevel(10, 10)).toBe('over');
    expect(budgetLevel(12, 10)).toBe('over');
    expect(budgetLevel(0, 0)).toBe('over');
  });
});

describe('mean', () => {
  it('averages, or null without values', () => {
    expect(mean([0.1, 0.3])).toBeCloseTo(0.2);
    expect(mean([])).toBeNull();
  });
});

describe('formatRatio', () => {
  it('does not clamp at 100 %', () => {
    expect(formatRatio(1.5, 'en')).toBe('150%');
    expect(formatRatio(0.124, 'en')).toBe('12%');
  });
});
