import { describe, expect, it } from 'vitest';
import { makeTask, T0 } from '../../test/utils/taskFactory';
import { applyDelta, emptyMirror, mirrorTasks, receivedAt, removeTasks, upsertTask } from './taskMirror';

describe('applyDelta', () => {
  const a = makeTask({ id: 'a', createdAt: '2026-11-22T10:00:01.000Z', version: 1 });
  const b = makeTask({ id: 'b', createdAt: '2026-11-22T10:00:02.000Z', version: 2 });
  const base = applyDelta(emptyMirror(), { items: [a, b], cursor: 'c2', etag: '"e2"' }, T0);

  it('orders tasks newest first', () => {
    expect(base.order).toEqual(['b', 'a']);
    expect(mirrorTasks(base)).toEqual([b, a]);
  });

  it('keeps the identity of tasks whose version did not change', () => {
    const sameB = { ...b };
    const newerA = { ...a, title: 'renamed', version: 3 };
    const next = applyDelta(base, { items: [sameB, newerA], cursor: 'c3' }, T0 + 1000);
    expect(next.byId.get('b')).toBe(b);
    expect(next.byId.get('a')).toBe(newerA);
    expect(next.order).toBe(base.order);
  });

  it('never replaces a newer version with an older one (out-of-order answers)', () => {
    const newer = applyDelta(base, { items: [{ ...a, version: 5, title: 'new' }], cursor: 'c5' }, T0);
    const stale = applyDelta(newer, { items: [{ ...a, version: 4, title: 'old' }], cursor: 'c4' }, T0);
    expect(stale.byId.get('a')?.title).toBe('new');
  });

  it('returns the same mirror when nothing changed', () => {
    expect(applyDelta(base, { items: [a], cursor: 'c2' }, T0)).toBe(base);
  });

  it('drops removed ids and adopts cursor, etag and stats', () => {
    const next = applyDelta(base, { items: [], removed: ['a', 'zz'], cursor: 'c9', etag: '"e9"' }, T0);
    expect(next.order).toEqual(['b']);
    expect(next.byId.has('a')).toBe(false);
    expect(next.cursor).toBe('c9');
    expect(next.etag).toBe('"e9"');
  });

  it('records when each version arrived', () => {
    const c = makeTask({ id: 'c', version: 7 });
    const next = applyDelta(base, { items: [c], cursor: 'c7' }, T0 + 5000);
    expect(receivedAt(next.byId.get('c')!, 0)).toBe(T0 + 5000);
    expect(receivedAt(b, -1)).toBe(T0);
  });
});

describe('upsertTask and removeTasks', () => {
  it('adds or replaces one task by version and removes by id', () => {
    const a = makeTask({ id: 'a', version: 1 });
    let mirror = upsertTask(emptyMirror(), a, T0);
    expect(mirror.order).toEqual(['a']);
    expect(upsertTask(mirror, { ...a }, T0)).toBe(mirror);
    mirror = upsertTask(mirror, { ...a, version: 2, status: 'canceled' }, T0);
    expect(mirror.byId.get('a')?.status).toBe('canceled');
    expect(removeTasks(mirror, ['x'])).toBe(mirror);
    expect(removeTasks(mirror, ['a']).order).toEqual([]);
  });
});
