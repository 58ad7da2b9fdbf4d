import { act, render } from '@testing-library/react';
import { useDeferredValue } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow';

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-12-07T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks once a second for every subscriber, in one transition', () => {
    // In a transition render useDeferredValue hands out the new value at once; in an urgent
    // (synchronous) render it first repeats the old one. A tick must never be urgent: it would
    // re-render every bar and countdown in view in one long task.
    const seen: Array<[string, number, number]> = [];
    function Clock({ name }: { name: string }) {
      const now = useNow();
      const deferred = useDeferredValue(now);
      seen.push([name, now, deferred]);
      return <span>{now}</span>;
    }
    render(
      <>
        <Clock name="a" />
        <Clock name="b" />
      </>,
    );
    const start = Date.now();
    seen.length = 0;
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const [, now, deferred] of seen) expect(deferred).toBe(now);
    expect(new Set(seen.map(([, now]) => now))).toEqual(new Set([start + 1000]));
    expect(new Set(seen.map(([name]) => name))).toEqual(new Set(['a', 'b']));
  });

  it('stops at the later of the freeze time and the time it showed', () => {
    function Frozen({ at }: { at: number | null }) {
      return <span data-testid="t">{useNow(at)}</span>;
    }
    const view = render(<Frozen at={null} />);
    const start = Date.now();
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(view.getByTestId('t').textContent).toBe(String(start + 3000));
    view.rerender(<Frozen at={start + 1000} />);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(view.getByTestId('t').textContent).toBe(String(start + 3000));
    view.rerender(<Frozen at={null} />);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(view.getByTestId('t').textContent).toBe(String(start + 9000));
  });
});
