/**
 * The details' attempt history from the contract's `attempts`, the details of a task whose detail
 * answer was malformed (Try again, and asked again by itself), and the "Not updating" note.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../api/schemas';
import { useUnreadableTasksStore } from '../../sync/unreadableTasksStore';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { TEST_BASE_URL } from '../../../test/utils/renderWithServices';
import { backend, renderDetails, server, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();

const failedAttempt = (attempt: number, startS: number, endS: number, stage: string, code: string, cost: number): Attempt => ({
  attempt,
  status: 'failed',
  startedAt: iso(T0 + startS * 1000),
  finishedAt: iso(T0 + endS * 1000),
  stage,
  error: { code, message: `${code} happened`, retryable: true, stage, traceId: null },
  cost,
});

describe('the attempt history', () => {
  it('lists every attempt with start, duration, stage, outcome and cost, and the totals', async () => {
    const task = makeTask({
      title: 'Reel',
      status: 'succeeded',
      attempt: 3,
      stages: stagesAt(3, 1, 'done'),
      cost: { estimated: 2, actual: 2.56, currency: 'USD' },
      startedAt: iso(T0 + 200_000),
      finishedAt: iso(T0 + 260_000),
    });
    backend.tasks.set(task.id, {
      ...task,
      attempts: [
        failedAttempt(1, 0, 90, 'inference', 'gpu_oom', 0.9),
        failedAttempt(2, 100, 150, 'postprocess', 'worker_lost', 0.86),
        { attempt: 3, status: 'succeeded', startedAt: iso(T0 + 200_000), finishedAt: iso(T0 + 260_000), stage: 'upload', error: null, cost: 0.8 },
      ],
    });
    renderDetails([task]);
    const section = screen.getByRole('region', { name: 'Attempts' });
    const table = within(section).getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    const cells = (name: string) =>
      within(within(table).getByRole('rowheader', { name }).closest('tr')!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('#1')).toEqual([expect.any(String), '1m 30s', 'Inference', '✕ Failedgpu_oom gpu_oom happened', '$2.00', '$0.90']);
    // Attempt 2 resumed at inference: expected 90 % of the estimate.
    expect(cells('#2')).toEqual([expect.any(String), '50s', 'Postprocess', '✕ Failedworker_lost worker_lost happened', '$1.80', '$0.86']);
    // Attempt 3 resumed at postprocess: 20 %.
    expect(cells('#3')).toEqual([expect.any(String), '1m', 'Upload', '✓ Succeeded', '$0.40', '$0.80']);
    const total = within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')!;
    expect(total).toHaveTextContent('One run was estimated at $2.00. These 3 attempts were expected to cost $4.20; $2.56 was spent.');
    expect(within(total).getAllByRole('cell').slice(-2).map((cell) => cell.textContent)).toEqual(['$4.20', '$2.56']);
  });

  it('shows the running attempt from the list, and says when the server sends no history', async () => {
    const task = makeTask({ title: 'Old server', status: 'running', stages: stagesAt(1, 0.5), startedAt: iso(T0) });
    renderDetails([task]);
    const section = screen.getByRole('region', { name: 'Attempts' });
    expect(await within(section).findByText('The server does not send an attempt history; this is the current attempt only.')).toBeInTheDocument();
    const row = within(section).getByRole('rowheader', { name: '#1' }).closest('tr')!;
    expect(row).toHaveTextContent('Inference');
    expect(row).toHaveTextContent('now');
  });
});

describe('a detail answer that could not be used', () => {
  it('offers Try again, which asks the server again', async () => {
    let answers = 0;
    const good = makeTask({ id: 'elsewhere', title: 'Outside the list', status: 'succeeded', stages: stagesAt(3, 1, 'done') });
    server.use(
      http.get(`${TEST_BASE_URL}/tasks/elsewhere`, () => {
        answers += 1;
        return answers === 1 ? HttpResponse.json({ ...good, status: 'exploded' }) : HttpResponse.json(good);
      }),
    );
    const { user } = renderDetails([makeTask({ title: 'In the list' })], 'elsewhere');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load this task. The server sent an answer the app does not understand.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Outside the list' })).toBeInTheDocument();
    expect(answers).toBeGreaterThanOrEqual(2);
  });

  it('says "Not updating" in the details of a task whose latest data was unreadable', () => {
    const task = makeTask({ title: 'Frozen' });
    renderDetails([task]);
    act(() => {
      useUnreadableTasksStore.getState().tasksRead([], [{ id: task.id, version: 99, detail: 'progress: Too big' }], [], Date.now());
    });
    expect(screen.getByText(/^Not updating: the server's latest data for this task could not be read \(progress: Too big\)/)).toBeInTheDocument();
    act(() => {
      useUnreadableTasksStore.setState({ byId: {}, lastReport: null });
    });
  });
});
