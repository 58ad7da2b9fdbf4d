import { describe, expect, it } from 'vitest';
import { listTasks } from '../src/api/endpoints';
import { taskListResponseSchema, type Task, type TaskListResponse } from '../src/api/schemas';
import { setupMockServer } from './serverTestSupport';

const { api, engine, later, client } = setupMockServer({ maxConcurrent: 2 });

async function list(query = ''): Promise<TaskListResponse> {
  const response = await api(`/tasks${query}`);
  expect(response.status).toBe(200);
  return taskListResponseSchema.parse(await response.json());
}

function submitDirect(type: string, title: string): Task {
  const params: Record<string, unknown> = type === 'analysis' ? { dataset: 's3://d.csv' } : { prompt: 'p' };
  return engine.submitTask({ type, title, params });
}

describe('GET /tasks', () => {
  it('lists newest first with stats, and filters by status, type and title', async () => {
    const a = submitDirect('image', 'Spring poster');
    later(1000);
    const b = submitDirect('text', '产品海报 文案');
    later(1000);
    const c = submitDirect('video', 'Launch POSTER teaser');
    const all = await list();
    expect(all.items.map((task) => task.id)).toEqual([c.id, b.id, a.id]);
    expect(all.stats?.totals.total).toBe(3);
    expect(all.nextCursor).toBeNull();
    expect((await list('?status=queued')).items.map((task) => task.id)).toEqual([c.id]);
    expect((await list('?status=running,queued&type=video,image')).items.map((task) => task.id)).toEqual([c.id, a.id]);
    expect((await list('?q=poster')).items.map((task) => task.id)).toEqual([c.id, a.id]);
    expect((await list('?q=海报')).items.map((task) => task.id)).toEqual([b.id]);
  });

  it('pages with an opaque pageCursor', async () => {
    engine.seedTasks({ count: 120 });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=50${cursor ? `&pageCursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((task) => task.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    const created = seen.map((id) => engine.getTask(id).createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('answers 400 for a bad limit, status, pageCursor or since', async () => {
    for (const query of ['?limit=0', '?limit=501', '?limit=abc', '?status=done', '?pageCursor=garbage!', '?since=abc', '?since=999999']) {
      const response = await api(`/tasks${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    }
  });

  it('returns only what changed since a cursor, and deleted ids in removed', async () => {
    const a = submitDirect('text', 'A');
    const b = submitDirect('text', 'B');
    later(3600_000);
    const before = await list();
    expect(before.items.every((task) => task.status === 'succeeded')).toBe(true);
    const unchanged = await list(`?since=${before.cursor}`);
    expect(unchanged.items).toEqual([]);
    expect(unchanged.removed).toEqual([]);
    expect(unchanged.cursor).toBe(before.cursor);

    const c = submitDirect('text', 'C');
    engine.deleteTask(a.id);
    const delta = await list(`?since=${before.cursor}`);
    expect(delta.items.map((task) => task.id)).toEqual([c.id]);
    expect(delta.removed).toEqual([a.id]);
    const sequence = (cursor: string) => Number(cursor.split('.')[1]);
    expect(delta.cursor.split('.')[0]).toBe(before.cursor.split('.')[0]);
    expect(sequence(delta.cursor)).toBeGreaterThan(sequence(before.cursor));
    expect(delta.items.find((task) => task.id === b.id)).toBeUndefined();
  });

  it('sends an ETag and answers If-None-Match with 304 until something changes', async () => {
    submitDirect('video', 'Long one');
    later(5_000);
    const first = await api('/tasks');
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await api('/tasks', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
    later(10);
    expect((await api('/tasks', { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
    later(2_000);
    const changed = await api('/tasks', { headers: { 'If-None-Match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    const otherQuery = await api('/tasks?limit=10', { headers: { 'If-None-Match': changed.headers.get('ETag') ?? '' } });
    expect(otherQuery.status).toBe(200);
  });

  it('works with the app client: notModified and deltas', async () => {
    submitDirect('image', 'Via client');
    const first = await listTasks(client, {});
    expect(first.data?.items).toHaveLength(1);
    const second = await listTasks(client, {}, { ifNoneMatch: first.etag });
    expect(second.notModified).toBe(true);
    const delta = await listTasks(client, { since: first.data?.cursor ?? null });
    expect(delta.data?.items).toEqual([]);
  });

  it('moves the cursor on pause and config changes, so the stats in the list are never stale', async () => {
    const before = await list();
    await api('/queue/pause', { method: 'POST' });
    const after = await list(`?since=${before.cursor}`);
    expect(after.cursor).not.toBe(before.cursor);
    expect(after.stats?.paused).toBe(true);
  });

  it('reports every task of the old state as removed after /_mock/reset', async () => {
    const task = submitDirect('text', 'Old');
    const before = await list();
    await api('/_mock/reset', { method: 'POST' });
    const after = await list(`?since=${before.cursor}`);
    expect(after.removed).toEqual([task.id]);
  });
});
