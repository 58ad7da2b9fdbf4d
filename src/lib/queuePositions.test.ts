import { describe, expect, it } from 'vitest';
import { iso, makeTask, T0 } from '../../test/utils/taskFactory';
import { keptQueueCorrections, queueCorrections, sameCorrections, shownQueuePosition } from './queuePositions';

const queued = (id: string, position: number, updatedAt: number) =>
  makeTask({ id, status: 'queued', queuePosition: position, startedAt: null, updatedAt: iso(updatedAt) });

describe('queueCorrections', () => {
  it('after a submit, the new "#3" goes first and the old "#3" and those behind it move back', () => {
    const tasks = [queued('a', 1, T0), queued('b', 2, T0), queued('c', 3, T0), queued('d', 4, T0), queued('new', 3, T0 + 5_000)];
    const corrections = queueCorrections(tasks);
    const shown = Object.fromEntries(tasks.map((task) => [task.id, shownQueuePosition(task, corrections)]));
    expect(shown).toEqual({ a: 1, b: 2, new: 3, c: 4, d: 5 });
    expect(new Set(Object.values(shown)).size).toBe(tasks.length);
  });

  it('changes nothing (the same empty map) when the positions already agree, gaps included', () => {
    const first = queueCorrections([queued('a', 1, T0), queued('b', 3, T0), makeTask({ status: 'running' })]);
    const second = queueCorrections([queued('a', 1, T0), queued('b', 3, T0)]);
    expect(first.size).toBe(0);
    expect(second).toBe(first);
  });

  it('knows when two sets of corrections are the same', () => {
    const a = queueCorrections([queued('x', 1, T0), queued('y', 1, T0 + 1)]);
    const b = queueCorrections([queued('x', 1, T0), queued('y', 1, T0 + 1)]);
    expect(a).not.toBe(b);
    expect(sameCorrections(a, b)).toBe(true);
    expect(sameCorrections(a, queueCorrections([]))).toBe(false);
  });

  it('keeps handing back the same map while the corrections stay the same', () => {
    const corrections = keptQueueCorrections();
    const clash = [queued('x', 1, T0), queued('y', 1, T0 + 1)];
    const first = corrections(clash);
    expect(first.get('x')).toBe(2);
    expect(corrections([...clash])).toBe(first);
    expect(corrections([queued('x', 1, T0)]).size).toBe(0);
  });
});
