import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline';

describe('Timeline', () => {
  it('pops events in time order, ties by task id', () => {
    const timeline = new Timeline();
    timeline.schedule('b', 20);
    timeline.schedule('c', 10);
    timeline.schedule('a', 20);
    expect([timeline.pop(), timeline.pop(), timeline.pop(), timeline.pop()].map((entry) => entry?.taskId)).toEqual([
      'c',
      'a',
      'b',
      undefined,
    ]);
  });

  it('keeps only the latest event of a task', () => {
    const timeline = new Timeline();
    timeline.schedule('a', 10);
    timeline.schedule('a', 30);
    timeline.schedule('b', 20);
    expect(timeline.pop()).toMatchObject({ taskId: 'b', at: 20 });
    expect(timeline.pop()).toMatchObject({ taskId: 'a', at: 30 });
  });

  it('never revives a stale entry when a canceled task is scheduled again', () => {
    const timeline = new Timeline();
    timeline.schedule('a', 10);
    timeline.schedule('a', 5);
    expect(timeline.pop()).toMatchObject({ at: 5 });
    timeline.cancel('a');
    timeline.schedule('a', 50);
    expect(timeline.pop()).toMatchObject({ taskId: 'a', at: 50 });
    expect(timeline.pop()).toBeUndefined();
  });

  it('stays ordered under many random events', () => {
    const timeline = new Timeline();
    const times = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 1000);
    times.forEach((at, i) => timeline.schedule(`t${i}`, at));
    const popped: number[] = [];
    for (let entry = timeline.pop(); entry; entry = timeline.pop()) popped.push(entry.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
  });
});
