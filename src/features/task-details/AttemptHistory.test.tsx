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
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(3));
    const facts = (name: string) => {
      const item = within(section).getByRole('listitem', { name });
      const values = Object.fromEntries(
        within(item)
          .getAllByRole('term')
          .map((term) => [term.textContent, term.nextElementSibling?.textContent]),
      );
      return { text: item.textContent, ...values };
    };
    expect(facts('#1')).toMatchObject({ Duration: '1m 30s', 'Stage reached': 'Inference', 'Expected cost': '$2.00', 'Actual cost': '$0.90' });
    expect(facts('#1').text).toContain('Failed');
    expect(facts('#1').text).toContain('gpu_oom gpu_oom happened');
    // Attempt 2 resumed at inference: expected 90 % of the estimate.
    expect(facts('#2')).toMatchObject({ Duration: '50s', 'Stage reached': 'Postprocess', 'Expected cost': '$1.80', 'Actual cost': '$0.86' });
    // Attempt 3 resumed at postprocess: 20 %.
    expect(facts('#3')).toMatchObject({ Duration: '1m', 'Stage reached': 'Upload', 'Expected cost': '$0.40', 'Actual cost': '$0.80' });
    expect(facts('#3').text).toContain('Succeeded');
    expect(section).toHaveTextContent('Total: One run was estimated at $2.00. These 3 attempts were expected to cost $4.20; $2.56 was spent.');
  });

  it('shows the running attempt from the list, and says when the server sends no history', async () => {
    const task = makeTask({ title: 'Old server', status: 'running', stages: stagesAt(1, 0.5), startedAt: iso(T0) });
    renderDetails([task]);
    const section = screen.getByRole('region', { name: 'Attempts' });
    expect(await within(section).findByText('The server does not send an attempt history; this is the current attempt only.')).toBeInTheDocument();
    const item = within(section).getByRole('listitem', { name: '#1' });
    expect(item).toHaveTextContent('Inference');
    expect(item).toHaveTextContent('now');
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
