import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { useToastStore } from '../../components/toast/toastStore';
import { iso, makeTask, T0 } from '../../../test/utils/taskFactory';
import { TEST_BASE_URL } from '../../../test/utils/renderWithServices';
import { renderDetails, server, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();
afterEach(() => useToastStore.setState({ toasts: [] }));

describe('cancelling the open task', () => {
  it('cancels and shows the answer from the server at once', async () => {
    const task = makeTask({ title: 'Long job' });
    server.use(
      http.post(`${TEST_BASE_URL}/tasks/:id/cancel`, ({ params }) =>
        HttpResponse.json({ ...task, id: String(params.id), status: 'canceled', finishedAt: iso(T0 + 5000), version: task.version + 1 }),
      ),
    );
    const { user } = renderDetails([task]);
    await user.click(screen.getByRole('button', { name: 'Cancel Long job' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Cancel “Long job”?' })).getByRole('button', { name: 'Cancel the task' }));
    const header = () => screen.getByRole('heading', { name: 'Long job' }).closest('header')!;
    await waitFor(() => expect(within(header()).getByText('Canceled')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Run again with the same parameters: Long job' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel Long job' })).toBeNull();
  });

  it('reports a refused cancel as an error toast in words', async () => {
    const task = makeTask({ title: 'Too late' });
    server.use(
      http.post(`${TEST_BASE_URL}/tasks/:id/cancel`, () =>
        HttpResponse.json(
          { title: 'Conflict', status: 409, detail: 'Only queued or running tasks can be canceled', code: 'not_cancelable', traceId: 'tr-1' },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const { user } = renderDetails([task]);
    await user.click(screen.getByRole('button', { name: 'Cancel Too late' }));
    await user.click(screen.getByRole('button', { name: 'Cancel the task' }));
    await waitFor(() => expect(useToastStore.getState().toasts).toHaveLength(1));
    expect(useToastStore.getState().toasts[0]).toMatchObject({
      kind: 'error',
      text: 'The server refused the request (409). Only queued or running tasks can be canceled (trace tr-1)',
    });
    expect(screen.getByRole('button', { name: 'Cancel Too late' })).toBeEnabled();
  });
});
