import { describe, expect, it } from 'vitest';
import { rowWindow, sameWindow } from './windowing';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan on both sides', () => {
    // 800 px viewport of 80 px rows: rows 10..20 in view at 800 px scrolled.
    expect(rowWindow(800, 800, 80, 10_000, 5)).toEqual({ start: 5, end: 26 });
  });

  it('clamps at the top and the bottom of the list', () => {
    expect(rowWindow(0, 800, 80, 10_000, 5)).toEqual({ start: 0, end: 16 });
    expect(rowWindow(80 * 9_995, 800, 80, 10_000, 5)).toEqual({ start: 9_990, end: 10_000 });
    expect(rowWindow(-50, 800, 80, 3, 5)).toEqual({ start: 0, end: 3 });
  });

  it('copes with a list shorter than the viewport, an empty list and a zero-height viewport', () => {
    expect(rowWindow(0, 800, 80, 4, 5)).toEqual({ start: 0, end: 4 });
    expect(rowWindow(0, 800, 80, 0, 5)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(0, 0, 80, 100, 2)).toEqual({ start: 0, end: 4 });
  });

  it('stays put while scrolling within one row, so nothing re-renders', () => {
    expect(sameWindow(rowWindow(800, 800, 80, 1_000, 5), rowWindow(879, 800, 80, 1_000, 5))).toBe(true);
    expect(sameWindow(rowWindow(800, 800, 80, 1_000, 5), rowWindow(880, 800, 80, 1_000, 5))).toBe(false);
  });
});
