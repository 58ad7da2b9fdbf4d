/**
 * A list answer with one malformed task keeps the others moving: the good tasks are merged, the bad
 * one keeps its last good state and is marked as not updating, reported once, and cleared when a
 * readable version arrives.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { TEST_BASE_URL } from '../../test/utils/renderWithServices';
import { createApiClient } from '../api/client';
import { applyDelta, type TaskMirror } from '../lib/taskMirror';
import { fetchDelta, loadMirror } from './mirrorFetch';
import { useUnreadableTasksStore } from './unreadableTasksStore';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => useUnreadableTasksStore.setState({ byId: {}, lastReport: null }));

const client = createApiClient({ baseUrl: TEST_BASE_URL });
const now = () => 1_000;

/** Answers GET /tasks with these pages: the full list, then one answer per delta. */
function serve(...answers: { items: unknown[]; cursor: string; removed?: string[] }[]) {
  let index = 0;
  server.use(
    http.get(`${TEST_BASE_URL}/tasks`, () => {
      const answer = answers[Math.min(index, answers.length - 1)]!;
      index += 1;
      return HttpResponse.json({ nextCursor: null, ...answer });
    }),
  );
}

const a1 = makeTask({ id: 'a', title: 'Alpha', version: 1 });
const b1 = makeTask({ id: 'b', title: 'Beta', version: 1 });
/** One delta poll merged into the mirror, as the list writer would. */
const poll = async (mirror: TaskMirror) => {
  const { delta } = await fetchDelta(client, mirror, now);
  return delta ? applyDelta(mirror, delta, now()) : mirror;
};
const broken = (id: string, version: number) => ({ ...makeTask({ id, version }), status: 'melted' });

describe('lenient list answers', () => {
  it('loads every good task of a page with a broken one, and marks the broken one', async () => {
    serve({ items: [a1, broken('x', 4), b1], cursor: 'c1' });
    const mirror = await loadMirror(client, now);
    expect([...mirror.byId.keys()].sort()).toEqual(['a', 'b']);
    expect(mirror.cursor).toBe('c1');
    expect(useUnreadableTasksStore.getState().byId.x).toMatchObject({ id: 'x', version: 4 });
    expect(useUnreadableTasksStore.getState().byId.x?.detail).toContain('status');
  });

  it('keeps the last good state of a task whose new version is broken, and reports it once', async () => {
    const a2 = { ...a1, version: 2, title: 'Alpha moved' };
    serve(
      { items: [a1, b1], cursor: 'c1' },
      { items: [a2, broken('b', 2)], cursor: 'c2' },
      { items: [broken('b', 2)], cursor: 'c3' },
      { items: [{ ...b1, version: 3, title: 'Beta again' }], cursor: 'c4' },
    );
    let mirror = await loadMirror(client, now);
    expect(useUnreadableTasksStore.getState().lastReport).toBeNull();

    mirror = await poll(mirror);
    expect(mirror.byId.get('a')?.title).toBe('Alpha moved');
    expect(mirror.byId.get('b')).toEqual(b1);
    expect(mirror.cursor).toBe('c2');
    const report = useUnreadableTasksStore.getState().lastReport;
    expect(report?.ids).toEqual(['b']);

    // The same broken version again: still marked, not reported a second time.
    mirror = await poll(mirror);
    expect(useUnreadableTasksStore.getState().lastReport).toBe(report);
    expect(useUnreadableTasksStore.getState().byId.b).toBeDefined();

    // A readable version replaces the last good state and clears the mark.
    mirror = await poll(mirror);
    expect(mirror.byId.get('b')?.title).toBe('Beta again');
    expect(useUnreadableTasksStore.getState().byId.b).toBeUndefined();
  });

  it('clears the mark of a task the server removed', async () => {
    serve({ items: [a1, broken('b', 2)], cursor: 'c1' }, { items: [], removed: ['b'], cursor: 'c2' });
    const mirror = await loadMirror(client, now);
    expect(useUnreadableTasksStore.getState().byId.b).toBeDefined();
    await fetchDelta(client, mirror, now);
    expect(useUnreadableTasksStore.getState().byId.b).toBeUndefined();
  });
});
