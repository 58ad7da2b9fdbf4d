/**
 * The list's actions as a user meets them: a failure says where and why in its row; cancelling a
 * running task asks first and says what is lost; a delete waits out its Undo window and Undo sends
 * nothing; a 404 on cancel or delete removes the row with a note; focus lands on the row or the
 * next one; a task the server sent unreadable is marked and reported once.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../api/schemas';
import { Toaster } from '../../../components/toast/Toaster';
import { useToastStore } from '../../../components/toast/toastStore';
import { UNDO_DELETE_MS, usePendingDeletesStore } from '../../../hooks/pendingDeletesStore';
import type { OutboxEntry } from '../../../lib/outbox';
import { useOutboxStore } from '../../../sync/outboxStore';
import { useUnreadableTasksStore } from '../../../sync/unreadableTasksStore';
import { iso, makeTask, stagesAt, T0 } from '../../../../test/utils/taskFactory';
import { renderWithServices, TEST_BASE_URL } from '../../../../test/utils/renderWithServices';
import { TasksPanel } from './TasksPanel';

const sent: string[] = [];
let tasks: Task[] = [];
/** how the server answers cancel and delete in this test */
let answer: 'ok' | 'gone' = 'ok';

const problem404 = (id: string) =>
  HttpResponse.json({ title: 'Not found', status: 404, detail: `No task with id "${id}"`, code: 'not_found', retryable: false, traceId: 'tr-404' }, { status: 404 });

const server = setupServer(
  http.get(`${TEST_BASE_URL}/tasks`, () => HttpResponse.json({ items: tasks, nextCursor: null, cursor: 'c1' })),
  http.get(`${TEST_BASE_URL}/task-types`, () => HttpResponse.json({ items: [] })),
  http.post(`${TEST_BASE_URL}/tasks/:id/cancel`, ({ params }) => {
    const id = String(params.id);
    sent.push(`cancel ${id}`);
    if (answer === 'gone') return problem404(id);
    const task = tasks.find((candidate) => candidate.id === id)!;
    return HttpResponse.json({ ...task, status: 'canceled', finishedAt: iso(T0 + 60_000), version: task.version + 1 });
  }),
  http.delete(`${TEST_BASE_URL}/tasks/:id`, ({ params }) => {
    const id = String(params.id);
    sent.push(`delete ${id}`);
    return answer === 'gone' ? problem404(id) : new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sent.length = 0;
  answer = 'ok';
  useToastStore.setState({ toasts: [] });
  usePendingDeletesStore.setState({ batches: [] });
  useUnreadableTasksStore.setState({ byId: {}, lastReport: null });
  useOutboxStore.setState({ entries: [], sending: [] });
});
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
});
afterAll(() => server.close());

const running = () =>
  makeTask({ id: 'run', title: 'Video reel', status: 'running', stages: stagesAt(1, 0.5), startedAt: iso(T0), cost: { estimated: 2, actual: null, currency: 'USD' } });
const failedFinal = () =>
  makeTask({
    id: 'bad',
    title: 'Poster',
    status: 'failed',
    stages: stagesAt(1, 0.4, 'failed'),
    error: { code: 'content_policy', message: 'The prompt asks for a trademarked character and cannot be drawn', retryable: false, stage: 'inference', traceId: 't1' },
  });
const done = (id: string, title: string) => makeTask({ id, title, status: 'succeeded', stages: stagesAt(3, 1, 'done'), finishedAt: iso(T0 + 1) });

async function renderPanel(list: Task[], options: { fakeTime?: boolean } = {}) {
  tasks = list;
  if (options.fakeTime) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
  const view = renderWithServices(
    <>
      <TasksPanel />
      <Toaster />
    </>,
  );
  const user = options.fakeTime ? userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) }) : view.user;
  await screen.findByRole('list', { name: 'Tasks' });
  return { ...view, user };
}

const row = (title: string) => screen.getByRole('button', { name: `Open details of ${title}` }).closest<HTMLElement>('[role="listitem"]')!;
const toastTexts = () => useToastStore.getState().toasts.map((toast) => toast.text);

describe('a failure in its row', () => {
  it('says at which stage and why, whole on focus; a final error offers Edit and run again, not Retry', async () => {
    await renderPanel([failedFinal(), running()]);
    const failure = within(row('Poster')).getByText(/trademarked/).closest('.row-failure');
    expect(failure).toHaveTextContent('Failed at Inference: The prompt asks for a trademarked character and cannot be drawn (content_policy)');
    expect(failure).toHaveAttribute('tabindex', '0');
    expect(row('Poster').querySelector('.task-row')).toHaveAttribute('data-status', 'failed');
    expect(within(row('Poster')).queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(within(row('Poster')).getByRole('button', { name: 'Edit and run again: Poster' })).toBeInTheDocument();
    // The running task names its stage.
    expect(within(row('Video reel')).getByText('Inference 50%')).toBeInTheDocument();
    // Reachable by keyboard (that is what shows the whole message without a mouse).
    (failure as HTMLElement).focus();
    expect(failure).toHaveFocus();
  });
});

describe('cancelling a running task', () => {
  it('asks first, saying what is lost; "Keep it running" sends nothing, "Cancel the task" does and focus stays on the row', async () => {
    const { user } = await renderPanel([running(), done('d1', 'Older')]);
    await user.click(within(row('Video reel')).getByRole('button', { name: 'Cancel Video reel' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel “Video reel”?' });
    expect(dialog).toHaveTextContent('It is 45% done. A canceled task cannot resume: running it again starts from the first stage, so that progress is lost. About $0.90 spent so far is not refunded.');
    expect(within(dialog).getByRole('button', { name: 'Keep it running' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Keep it running' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sent).toEqual([]);

    await user.click(within(row('Video reel')).getByRole('button', { name: 'Cancel Video reel' }));
    await user.click(screen.getByRole('button', { name: 'Cancel the task' }));
    await waitFor(() => expect(within(row('Video reel')).getByText('Canceled')).toBeInTheDocument());
    expect(sent).toEqual(['cancel run']);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open details of Video reel' })).toHaveFocus());
  });

  it('removes the row with a note when the server no longer has the task (404)', async () => {
    answer = 'gone';
    const { user } = await renderPanel([running(), done('d1', 'Older')]);
    await user.click(screen.getByRole('button', { name: 'Cancel Video reel' }));
    await user.click(screen.getByRole('button', { name: 'Cancel the task' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Open details of Video reel' })).toBeNull());
    expect(toastTexts()).toContain('“Video reel” no longer exists on the server; it was removed from the list.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open details of Older' })).toHaveFocus());
  });

  it('cancels a queued task at once: it loses nothing', async () => {
    const queued = makeTask({ id: 'q', title: 'Waiting', status: 'queued', queuePosition: 1, stages: stagesAt(0, 0, 'pending'), startedAt: null });
    const { user } = await renderPanel([queued]);
    await user.click(screen.getByRole('button', { name: 'Cancel Waiting' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(sent).toEqual(['cancel q']));
  });
});

describe('deleting with Undo', () => {
  it('hides the row at once, moves focus to the next one, and Undo sends nothing', async () => {
    // Newest first: Charlie, Bravo, Alpha.
    const { user } = await renderPanel([done('a', 'Alpha'), done('b', 'Bravo'), done('c', 'Charlie')], { fakeTime: true });
    await user.click(screen.getByRole('button', { name: 'Delete Bravo' }));
    expect(screen.queryByRole('button', { name: 'Open details of Bravo' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open details of Alpha' })).toHaveFocus());
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    expect(toasts).toHaveTextContent('Deleted “Bravo”.');

    await user.click(within(toasts).getByRole('button', { name: 'Undo' }));
    expect(screen.getByRole('button', { name: 'Open details of Bravo' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open details of Bravo' })).toHaveFocus());
    await act(() => vi.advanceTimersByTimeAsync(UNDO_DELETE_MS * 2));
    expect(sent).toEqual([]);
    expect(screen.getByRole('button', { name: 'Open details of Bravo' })).toBeInTheDocument();
  });

  it('sends the DELETE only when the Undo window is over', async () => {
    const { user } = await renderPanel([done('a', 'Alpha'), done('b', 'Bravo')], { fakeTime: true });
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    await act(() => vi.advanceTimersByTimeAsync(UNDO_DELETE_MS - 500));
    expect(sent).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await waitFor(() => expect(sent).toEqual(['delete a']));
    expect(screen.queryByRole('button', { name: 'Open details of Alpha' })).toBeNull();
  });

  it('undoes with Ctrl+Z, and a 404 when it is sent says the task was already gone', async () => {
    const { user } = await renderPanel([done('a', 'Alpha'), done('b', 'Bravo')], { fakeTime: true });
    await user.click(screen.getByRole('button', { name: 'Delete Alpha' }));
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('button', { name: 'Open details of Alpha' })).toBeInTheDocument();

    answer = 'gone';
    await user.click(screen.getByRole('button', { name: 'Delete Bravo' }));
    await act(() => vi.advanceTimersByTimeAsync(UNDO_DELETE_MS + 100));
    await waitFor(() => expect(toastTexts()).toContain('“Bravo” was already gone from the server; it was removed from the list.'));
    expect(sent).toEqual(['delete b']);
    expect(screen.queryByRole('button', { name: 'Open details of Bravo' })).toBeNull();
  });
});

describe('retrying', () => {
  const flaky = () =>
    makeTask({
      id: 'flaky',
      title: 'Flaky',
      status: 'failed',
      attempt: 3,
      stages: stagesAt(1, 0.4, 'failed'),
      error: { code: 'gpu_oom', message: 'out of memory', retryable: true, stage: 'inference', traceId: 't' },
    });

  it('keeps focus on the row when Retry turns into "Retrying…"', async () => {
    const { user, services } = await renderPanel([flaky()]);
    const retry = vi.spyOn(services.engine, 'retry');
    await user.click(screen.getByRole('button', { name: 'Retry Flaky from the failed stage' }));
    expect(retry).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Open details of Flaky' })).toHaveFocus());
  });

  it('says why the server refused a retry, and removes the row when it no longer has the task', async () => {
    const { services } = await renderPanel([flaky(), done('d', 'Done one')]);
    const entry = (id: string, status: number, code: string, detail: string, taskId: string): OutboxEntry => ({
      id,
      kind: 'retry',
      idempotencyKey: id,
      fingerprint: id,
      body: null,
      taskId,
      attempt: 3,
      label: taskId === 'flaky' ? 'Flaky' : 'Done one',
      createdAt: Date.now(),
      state: 'failed',
      sends: 1,
      nextAttemptAt: Date.now(),
      lastError: { status, code, title: code, detail, traceId: null, isBug: false },
      ackedAt: null,
    });
    act(() => {
      useOutboxStore.setState({ entries: [entry('k1', 402, 'budget_exceeded', 'Retrying this task is estimated at 0.04 USD, but only 0 USD remain', 'flaky')] });
    });
    expect(toastTexts()).toContain('Retry of “Flaky” was not accepted: Retrying this task is estimated at 0.04 USD, but only 0 USD remain');
    expect(useOutboxStore.getState().entries).toEqual([]);
    act(() => {
      useOutboxStore.setState({ entries: [entry('k2', 404, 'not_found', 'gone', 'd')] });
    });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Open details of Done one' })).toBeNull());
    expect(toastTexts()).toContain('“Done one” no longer exists on the server; it was removed from the list.');
    expect(services.engine.getMirror()?.byId.has('d')).toBe(false);
  });
});

describe('unreadable tasks', () => {
  it('marks the row "Not updating" with the reason and reports the problem once', async () => {
    await renderPanel([done('a', 'Alpha'), done('b', 'Bravo')]);
    const reject = { id: 'b', version: 9, detail: 'status: Invalid option' };
    act(() => {
      useUnreadableTasksStore.getState().tasksRead([], [reject], [], Date.now());
    });
    const mark = within(row('Bravo')).getByText('Not updating');
    expect(mark).toHaveTextContent('the server sent data for this task that the app could not read (status: Invalid option)');
    expect(mark).toHaveAttribute('tabindex', '0');
    expect(within(row('Alpha')).queryByText('Not updating')).toBeNull();
    // The same problem on the next poll: no second report.
    act(() => {
      useUnreadableTasksStore.getState().tasksRead([], [reject], [], Date.now());
    });
    expect(toastTexts().filter((text) => text.startsWith('The server sent 1 task the app could not read.'))).toHaveLength(1);
  });
});
