import { describe, expect, it } from 'vitest';
import { iso, makeTask, T0 } from '../../test/utils/taskFactory';
import { fixedTimeline, ServerClock } from './serverClock';
import { measuredAtOf, taskMeasuredAt } from './taskClock';
import { applyDelta, emptyMirror } from './taskMirror';

describe('taskMeasuredAt', () => {
  it("puts updatedAt on the client's clock: a server 2 min ahead, a server 10 min behind", () => {
    const task = makeTask({ updatedAt: iso(T0 + 120_000) });
    expect(measuredAtOf(task, T0 + 500, fixedTimeline(120_000))).toBe(T0);
    const behind = makeTask({ updatedAt: iso(T0 - 600_000) });
    expect(measuredAtOf(behind, T0 + 500, fixedTimeline(-600_000))).toBe(T0);
  });

  it('is never later than the moment the client received that version', () => {
    const task = makeTask({ updatedAt: iso(T0 + 60_000) });
    expect(measuredAtOf(task, T0 + 1_000, fixedTimeline(0))).toBe(T0 + 1_000);
  });

  it('is fixed per version: a later clock sample does not move a countdown already running', () => {
    const clock = new ServerClock();
    clock.sampleServerTime(iso(T0 + 5_000), T0, T0 + 100);
    const task = makeTask({ updatedAt: iso(T0 + 5_000) });
    const mirror = applyDelta(emptyMirror(), { items: [task], cursor: 'c' }, T0 + 100);
    const seen = mirror.byId.get(task.id)!;
    const first = taskMeasuredAt(seen, clock, T0 + 100);
    const before = clock.offsetMs;
    clock.sampleServerTime(iso(T0 + 10_010), T0 + 5_000, T0 + 5_020);
    expect(clock.offsetMs).not.toBe(before);
    expect(taskMeasuredAt(seen, clock, T0 + 6_000)).toBe(first);
  });
});
