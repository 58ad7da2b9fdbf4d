/**
 * The one writer: every feeder writes through it and every change is announced with its source,
 * what arrived and what left; a reload drops every task the server no longer has; unchanged
 * tasks keep their objects; nothing is announced when nothing changed.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { applyDelta, emptyMirror } from '../lib/taskMirror';
import { mirrorQueryKey, TaskListWriter, type ListChange } from './taskListWriter';

const mirrorOf = (tasks: ReturnType<typeof makeTask>[], cursor: string) => applyDelta(emptyMirror(), { items: tasks, cursor }, 0);

function setup(load = () => Promise.resolve(mirrorOf([], 'c0'))) {
  const queryClient = new QueryClient();
  const list = new TaskListWriter(queryClient, load, () => 0);
  const changes: ListChange[] = [];
  list.subscribe((change) => changes.push(change));
  return { queryClient, list, changes };
}

describe('TaskListWriter', () => {
  it('the list query loads through the writer and announces the load', async () => {
    const a = makeTask({ id: 'a' });
    const s = setup(() => Promise.resolve(mirrorOf([a], 'c1')));
    const loaded = await s.queryClient.fetchQuery({ queryKey: mirrorQueryKey, queryFn: ({ signal }) => s.list.load(signal) });
    expect(s.queryClient.getQueryData(mirrorQueryKey)).toBe(loaded);
    expect(s.changes.map((c) => [c.source, c.changed.map((t) => t.id), c.previous])).toEqual([['load', ['a'], undefined]]);
  });

  it('announces polls, stream events, other tabs and writes with what changed', () => {
    const a = makeTask({ id: 'a', version: 1 });
    const s = setup();
    s.list.replace(mirrorOf([a], 'c1'), 'load');
    const a2 = { ...a, version: 2, status: 'succeeded' as const };
    s.list.merge({ items: [a2], cursor: 'c2' }, 'poll');
    const b = makeTask({ id: 'b' });
    s.list.merge({ items: [b], cursor: 'c3' }, 'stream');
    s.list.merge({ items: [], removed: ['b'], cursor: 'c4' }, 'tab');
    const c = makeTask({ id: 'c' });
    s.list.upsert(c, 'write');
    s.list.remove(['c'], 'write');
    expect(s.changes.map((x) => [x.source, x.changed.map((t) => t.id), x.removed])).toEqual([
      ['load', ['a'], []],
      ['poll', ['a'], []],
      ['stream', ['b'], []],
      ['tab', [], ['b']],
      ['write', ['c'], []],
      ['write', [], ['c']],
    ]);
    expect(s.changes[1]?.previous?.byId.get('a')).toBe(a);
    expect(s.list.get()?.cursor).toBe('c4');
  });

  it('announces nothing for a write that changes nothing (an older version, an unknown id)', () => {
    const a = makeTask({ id: 'a', version: 3 });
    const s = setup();
    s.list.replace(mirrorOf([a], 'c1'), 'load');
    s.list.upsert({ ...a, version: 2 }, 'write');
    s.list.remove(['nope'], 'write');
    s.list.merge({ items: [a], cursor: 'c1' }, 'poll');
    expect(s.changes).toHaveLength(1);
  });

  it('a reload drops every task the server no longer has, even one with a higher version', () => {
    const ghost = makeTask({ id: 'ghost', version: 50, status: 'running' });
    const kept = makeTask({ id: 'kept', version: 7 });
    const s = setup();
    s.list.replace(mirrorOf([ghost, kept], 'old.60'), 'load');
    // A new server lifetime: its versions start over.
    const restarted = { ...kept, version: 1 };
    s.list.replace(mirrorOf([restarted], 'new.1'), 'reload');
    const mirror = s.list.get();
    expect([...(mirror?.byId.keys() ?? [])]).toEqual(['kept']);
    expect(mirror?.byId.get('kept')).toBe(restarted);
    expect(mirror?.order).toEqual(['kept']);
    expect(s.changes.at(-1)).toMatchObject({ source: 'reload', removed: ['ghost'] });
  });

  it('a reload keeps the objects of unchanged tasks, so their rows do not re-render', () => {
    const a = makeTask({ id: 'a' });
    const b = makeTask({ id: 'b' });
    const s = setup();
    s.list.replace(mirrorOf([a, b], 'c1'), 'load');
    const b2 = { ...b, version: b.version + 1 };
    s.list.replace(mirrorOf([{ ...a }, b2], 'c2'), 'reload');
    expect(s.list.get()?.byId.get('a')).toBe(a);
    expect(s.changes.at(-1)?.changed).toEqual([b2]);
  });

  it('writes before the first load are not possible (there is no list to write into)', () => {
    const s = setup();
    s.list.upsert(makeTask(), 'write');
    expect(s.list.merge({ items: [makeTask()], cursor: 'c1' }, 'poll')).toBeUndefined();
    expect(s.changes).toHaveLength(0);
  });
});
