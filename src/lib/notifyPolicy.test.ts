import { describe, expect, it } from 'vitest';
import {
  completionKey,
  countActive,
  decideNotification,
  formatDocumentTitle,
  notificationTag,
  pickNewCompletions,
  splitAnnouncements,
  vibrationPattern,
  type CompletionLike,
  type NotifyContext,
} from './notifyPolicy';

const hidden: NotifyContext = { visible: false, enabled: true, permission: 'granted', leader: true, sound: false };

describe('decideNotification', () => {
  it('shows a toast while the page is visible, whatever the settings', () => {
    expect(decideNotification({ ...hidden, visible: true }).channel).toBe('toast');
    expect(decideNotification({ visible: true, enabled: false, permission: 'denied', leader: false, sound: false }).channel).toBe('toast');
  });

  it('sends a system notification while hidden when enabled, granted and leader', () => {
    expect(decideNotification(hidden).channel).toBe('system');
  });

  it.each([
    ['notifications switched off', { enabled: false }],
    ['permission not asked yet', { permission: 'default' as const }],
    ['permission denied', { permission: 'denied' as const }],
    ['no Notification API', { permission: 'unsupported' as const }],
    ['another tab is the leader', { leader: false }],
  ])('stays silent while hidden when %s', (_why, change) => {
    expect(decideNotification({ ...hidden, ...change })).toEqual({ channel: 'none', sound: false });
  });

  it('beeps only with an announcement and the sound on', () => {
    expect(decideNotification({ ...hidden, sound: true })).toEqual({ channel: 'system', sound: true });
    expect(decideNotification({ ...hidden, visible: true, sound: true })).toEqual({ channel: 'toast', sound: true });
    expect(decideNotification({ ...hidden, leader: false, sound: true }).sound).toBe(false);
    expect(decideNotification({ ...hidden, visible: true }).sound).toBe(false);
  });
});

describe('notificationTag', () => {
  it('names the task and the outcome', () => {
    expect(notificationTag('t-1', 'failed')).toBe('task-t-1-failed');
  });
});

describe('pickNewCompletions', () => {
  const c = (id: string, at: number, seen = false, status: CompletionLike['status'] = 'succeeded'): CompletionLike => ({ id, status, at, seen });

  it('returns unseen, unannounced completions oldest first', () => {
    const newestFirst = [c('c', 3), c('b', 2, true), c('a', 1)];
    expect(pickNewCompletions(newestFirst, new Set()).map((x) => x.id)).toEqual(['a', 'c']);
    expect(pickNewCompletions(newestFirst, new Set([completionKey(c('a', 1))])).map((x) => x.id)).toEqual(['c']);
  });

  it('announces a second failure of the same task after a retry', () => {
    const first = c('a', 1, false, 'failed');
    const again = c('a', 9, false, 'failed');
    expect(pickNewCompletions([again], new Set([completionKey(first)]))).toEqual([again]);
  });
});

describe('splitAnnouncements', () => {
  it('announces a few one by one', () => {
    expect(splitAnnouncements([1, 2, 3], 3)).toEqual({ each: [1, 2, 3], more: 0 });
  });

  it('folds a burst into the newest few and a summary', () => {
    expect(splitAnnouncements([1, 2, 3, 4, 5, 6], 3)).toEqual({ each: [5, 6], more: 4 });
  });
});

describe('formatDocumentTitle', () => {
  it('is the plain name when nothing happens', () => {
    expect(formatDocumentTitle({ base: 'Task Center', active: 0, unseen: 0, unseenFailed: 0 })).toBe('Task Center');
  });

  it('counts queued and running tasks', () => {
    expect(formatDocumentTitle({ base: 'Task Center', active: 3, unseen: 0, unseenFailed: 0 })).toBe('(3) Task Center');
  });

  it('leads with a check mark for unseen completions', () => {
    expect(formatDocumentTitle({ base: '任务中心', active: 3, unseen: 2, unseenFailed: 0 })).toBe('✓2 · (3) 任务中心');
    expect(formatDocumentTitle({ base: 'Task Center', active: 0, unseen: 1, unseenFailed: 0 })).toBe('✓1 · Task Center');
  });

  it('warns when an unseen completion failed', () => {
    expect(formatDocumentTitle({ base: 'Task Center', active: 1, unseen: 2, unseenFailed: 1 })).toBe('⚠2 · (1) Task Center');
  });
});

describe('countActive', () => {
  it('counts queued and running only', () => {
    const statuses = ['queued', 'running', 'succeeded', 'failed', 'canceled', 'running'].map((status) => ({ status }));
    expect(countActive(statuses)).toBe(3);
  });
});

describe('vibrationPattern', () => {
  it('tells a failure from a success by feel', () => {
    expect(vibrationPattern(['succeeded'])).toEqual([120]);
    expect(vibrationPattern(['succeeded', 'failed'])).toEqual([180, 100, 180]);
    expect(vibrationPattern(['canceled'])).toEqual([60]);
  });
});
