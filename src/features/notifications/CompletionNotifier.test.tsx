import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTask } from '../../../test/utils/taskFactory';
import { createTestServices, renderWithServices } from '../../../test/utils/renderWithServices';
import type { Task } from '../../api/schemas';
import { useNavigation } from '../../hooks/navigation';
import { Toaster } from '../../components/toast/Toaster';
import { useToastStore } from '../../components/toast/toastStore';
import { applyDelta, emptyMirror } from '../../lib/taskMirror';
import { useCompletionsStore } from '../../sync/completionsStore';
import { mirrorQueryKey } from '../../sync/taskListWriter';
import { CompletionNotifier } from './CompletionNotifier';
import { MarkSeenButton } from './MarkSeenButton';
import { useNotificationSettings } from './notificationSettingsStore';
import { setPageHidden, stubNotification } from './testNotifications';

let undoHidden: (() => void) | null = null;

beforeEach(() => {
  useCompletionsStore.setState({ completions: [] });
  useToastStore.setState({ toasts: [] });
  useNavigation.setState({ openTaskId: null });
  useNotificationSettings.setState({ enabled: true, sound: false, vibrate: false });
});

afterEach(() => {
  undoHidden?.();
  undoHidden = null;
});

/**
 * Renders the notifier over a mirror holding `tasks`; `leader` stands for the engine's tab
 * election, `anyTabVisible` for the leader's view of every tab of the browser.
 */
function setup(tasks: Task[], { leader = true, anyTabVisible = false } = {}) {
  const services = createTestServices();
  services.queryClient.setQueryData(mirrorQueryKey, applyDelta(emptyMirror(), { items: tasks, cursor: 'c1' }, Date.now()));
  const status = services.engine.getStatus();
  vi.spyOn(services.engine, 'getStatus').mockReturnValue({ ...status, leader, anyTabVisible });
  const view = renderWithServices(
    <>
      <CompletionNotifier />
      <MarkSeenButton />
      <Toaster />
    </>,
    { services },
  );
  /** The server reports `task` finished: the mirror changes and the completion is recorded, as on a poll. */
  const finish = (task: Task, status: 'succeeded' | 'failed' | 'canceled' = 'succeeded') =>
    act(() => {
      services.engine.taskWritten({ ...task, status, version: task.version + 1, finishedAt: new Date().toISOString() });
      useCompletionsStore.getState().completionRecorded({ id: task.id, title: task.title, status, at: Date.now() });
    });
  return { ...view, finish };
}

describe('CompletionNotifier while the page is visible', () => {
  it('shows a toast with the title and opens the task from it', async () => {
    const fake = stubNotification('granted');
    const task = makeTask({ title: 'Render the lighthouse' });
    const { finish, user } = setup([task]);

    finish(task);

    const toast = screen.getByText('Done: Render the lighthouse').closest('.toast') as HTMLElement;
    expect(toast).toHaveClass('toast-success');
    expect(fake).not.toHaveBeenCalled();
    await user.click(within(toast).getByRole('button', { name: 'Open' }));
    expect(useNavigation.getState().openTaskId).toBe(task.id);
    expect(useCompletionsStore.getState().completions[0]?.seen).toBe(true);
  });

  it('shows a failure as an error toast', () => {
    stubNotification('granted');
    const task = makeTask({ title: 'Transcribe' });
    const { finish } = setup([task]);
    finish(task, 'failed');
    expect(within(screen.getByRole('alert')).getByText('Failed: Transcribe')).toBeInTheDocument();
  });

  it('announces each completion once', () => {
    stubNotification('granted');
    const first = makeTask({ title: 'First' });
    const second = makeTask({ title: 'Second' });
    const { finish } = setup([first, second]);
    finish(first);
    finish(second);
    expect(screen.getAllByText('Done: First')).toHaveLength(1);
    expect(screen.getAllByText('Done: Second')).toHaveLength(1);
  });

  it('does not announce completions recorded before it mounted (a reload)', () => {
    useCompletionsStore.getState().completionRecorded({ id: 'old', title: 'Earlier', status: 'succeeded', at: 1 });
    const task = makeTask({ title: 'Now' });
    const { finish } = setup([task]);
    finish(task);
    expect(screen.queryByText('Done: Earlier')).not.toBeInTheDocument();
    expect(screen.getByText('Done: Now')).toBeInTheDocument();
  });
});

describe('the completion sound', () => {
  function stubAudio() {
    const start = vi.fn();
    const param = () => ({ setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() });
    const FakeAudioContext = vi.fn(function (this: Record<string, unknown>) {
      Object.assign(this, {
        state: 'running',
        currentTime: 0,
        destination: {},
        createOscillator: () => ({ type: '', frequency: param(), connect: vi.fn(), start, stop: vi.fn() }),
        createGain: () => ({ gain: param(), connect: vi.fn() }),
      });
    });
    vi.stubGlobal('AudioContext', FakeAudioContext);
    return start;
  }

  it('beeps with an announcement when the sound is on', () => {
    stubNotification('default');
    const start = stubAudio();
    useNotificationSettings.setState({ sound: true });
    const task = makeTask();
    const { finish } = setup([task]);
    finish(task);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('vibrates with an announcement when switched on, longer for a failure, and not when off', () => {
    stubNotification('default');
    const buzz = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: buzz });
    try {
      const [done, broken, quiet] = [makeTask(), makeTask(), makeTask()];
      const { finish } = setup([done, broken, quiet]);
      act(() => {
        useNotificationSettings.setState({ vibrate: true });
      });
      finish(done);
      finish(broken, 'failed');
      expect(buzz.mock.calls).toEqual([[[120]], [[180, 100, 180]]]);
      act(() => {
        useNotificationSettings.setState({ vibrate: false });
      });
      finish(quiet);
      expect(buzz).toHaveBeenCalledTimes(2);
    } finally {
      Reflect.deleteProperty(navigator, 'vibrate');
    }
  });

  it('stays quiet when the sound is off', () => {
    stubNotification('default');
    const start = stubAudio();
    const task = makeTask();
    const { finish } = setup([task]);
    finish(task);
    expect(start).not.toHaveBeenCalled();
  });
});

describe('CompletionNotifier while the page is hidden', () => {
  it('sends a system notification with the title and tag, and no toast', () => {
    const fake = stubNotification('granted');
    const task = makeTask({ title: 'Render the lighthouse' });
    const { finish } = setup([task]);
    undoHidden = setPageHidden(true);

    finish(task);

    expect(fake).toHaveBeenCalledTimes(1);
    expect(fake).toHaveBeenCalledWith(
      'Done: Render the lighthouse',
      expect.objectContaining({ tag: `task-${task.id}-succeeded`, lang: 'en', body: 'Task Center' }),
    );
    expect(screen.queryByText('Done: Render the lighthouse')).not.toBeInTheDocument();
  });

  it('focuses the window and opens the task when the notification is clicked', () => {
    const fake = stubNotification('granted');
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    const task = makeTask();
    const { finish } = setup([task]);
    undoHidden = setPageHidden(true);
    finish(task);

    const notification = fake.mock.instances[0];
    act(() => notification?.onclick?.());
    expect(focus).toHaveBeenCalled();
    expect(useNavigation.getState().openTaskId).toBe(task.id);
    expect(notification?.close).toHaveBeenCalled();
  });

  it('stays silent in a tab that is not the leader', () => {
    const fake = stubNotification('granted');
    const task = makeTask();
    const { finish } = setup([task], { leader: false });
    undoHidden = setPageHidden(true);
    finish(task);
    expect(fake).not.toHaveBeenCalled();
  });

  it('leaves it to the tab in view when another tab of the browser is visible', () => {
    const fake = stubNotification('granted');
    const task = makeTask();
    const { finish } = setup([task], { leader: true, anyTabVisible: true });
    undoHidden = setPageHidden(true);
    finish(task);
    expect(fake).not.toHaveBeenCalled();
  });

  it('stays silent when the user switched notifications off', () => {
    const fake = stubNotification('granted');
    useNotificationSettings.setState({ enabled: false });
    const task = makeTask();
    const { finish } = setup([task]);
    undoHidden = setPageHidden(true);
    finish(task);
    expect(fake).not.toHaveBeenCalled();
  });
});

describe('the tab title and unseen completions', () => {
  it('counts queued and running tasks and marks unseen completions', async () => {
    stubNotification('default');
    const running = makeTask({ status: 'running' });
    const tasks = [running, makeTask({ status: 'queued' }), makeTask({ status: 'running' }), makeTask({ status: 'succeeded' })];
    const { finish, user } = setup(tasks);
    expect(document.title).toBe('(3) Task Center');

    finish(running);
    expect(document.title).toBe('✓1 · (2) Task Center');

    await user.click(screen.getByRole('button', { name: 'Mark finished tasks as seen' }));
    expect(document.title).toBe('(2) Task Center');
    expect(screen.queryByRole('button', { name: 'Mark finished tasks as seen' })).not.toBeInTheDocument();
  });

  it('warns in the title when an unseen task failed', () => {
    stubNotification('default');
    const task = makeTask();
    const { finish } = setup([task]);
    finish(task, 'failed');
    expect(document.title).toBe('⚠1 · Task Center');
  });

  it('counts a completion as seen when its task is opened', () => {
    stubNotification('default');
    const task = makeTask();
    const { finish } = setup([task]);
    finish(task);
    expect(useCompletionsStore.getState().completions[0]?.seen).toBe(false);
    act(() => useNavigation.getState().taskOpened(task.id));
    expect(useCompletionsStore.getState().completions[0]?.seen).toBe(true);
    expect(document.title).toBe('Task Center');
  });
});
