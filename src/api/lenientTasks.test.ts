/**
 * One malformed task does not spoil a list answer: the good tasks are read, the bad one comes back
 * with its id, version and what was wrong; an envelope without a cursor still fails as a whole.
 */
import { describe, expect, it } from 'vitest';
import { makeTask } from '../../test/utils/taskFactory';
import { parseTask, parseTasks, taskListEnvelopeSchema, toTaskListPage } from './lenientTasks';

describe('parseTask', () => {
  it('reads a task that matches the contract', () => {
    const task = makeTask({ id: 'good' });
    expect(parseTask(task)).toEqual({ ok: true, task });
  });

  it('rejects a task that does not match, keeping its id, version and the problem', () => {
    const broken = { ...makeTask({ id: 'bad', version: 7 }), status: 'exploded', progress: 3 };
    const parsed = parseTask(broken);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.rejected.id).toBe('bad');
    expect(parsed.rejected.version).toBe(7);
    expect(parsed.rejected.detail).toMatch(/^status: .+; progress: .+/);
  });

  it('rejects items without a readable id or version, and non-objects', () => {
    expect(parseTask({ title: 'no id' })).toMatchObject({ ok: false, rejected: { id: null, version: null } });
    const text = parseTask('a string');
    expect(text).toMatchObject({ ok: false, rejected: { id: null, version: null } });
    expect(text.ok ? '' : text.rejected.detail).toContain('(task)');
  });
});

describe('parseTasks and the list envelope', () => {
  it('keeps every good task in order and lists the bad ones', () => {
    const a = makeTask({ id: 'a' });
    const c = makeTask({ id: 'c' });
    const { tasks, rejected } = parseTasks([a, { id: 'b', version: 2 }, c]);
    expect(tasks).toEqual([a, c]);
    expect(rejected).toEqual([expect.objectContaining({ id: 'b', version: 2 })]);
  });

  it('still refuses an envelope that does not match (no cursor)', () => {
    expect(taskListEnvelopeSchema.safeParse({ items: [], nextCursor: null }).success).toBe(false);
    const envelope = taskListEnvelopeSchema.parse({ items: [makeTask({ id: 'a' }), 42], nextCursor: null, cursor: 'c1' });
    const page = toTaskListPage(envelope);
    expect(page.items.map((task) => task.id)).toEqual(['a']);
    expect(page.rejected).toHaveLength(1);
    expect(page.cursor).toBe('c1');
  });
});
