/**
 * "Waiting to be sent": each state in plain words (sending, waiting for the network, next try with
 * what went wrong last), refusals left to the form and the row, and "Send now" / "Discard" against
 * the running engine.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from '../../lib/outbox';
import { useOutboxStore } from '../../sync/outboxStore';
import { renderWithServices } from '../../../test/utils/renderWithServices';
import { OutboxPanel } from './OutboxPanel';
import { submitTestServer } from './submitTestServer';

const { server, mock, keys, afterThisTest } = submitTestServer();

const body = { type: 'image', title: 'Harbour at night', params: { prompt: 'boats' }, priority: 'medium' as const };
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

function entry(overrides: Partial<OutboxEntry>): OutboxEntry {
  const id = overrides.id ?? 'key-1';
  return {
    id,
    kind: 'submit',
    idempotencyKey: id,
    fingerprint: `fp-${id}`,
    body,
    taskId: null,
    attempt: null,
    label: body.title,
    createdAt: Date.now(),
    state: 'pending',
    sends: 0,
    nextAttemptAt: Date.now(),
    lastError: null,
    ackedAt: null,
    ...overrides,
  };
}

const serverError = () =>
  http.post(
    '*/api/v1/tasks',
    () =>
      HttpResponse.json(
        { title: 'Internal server error', status: 500, detail: 'worker crashed', code: 'internal_error', retryable: true, traceId: 'tr-500' },
        { status: 500, headers: { 'Retry-After': '30' } },
      ),
    { once: true },
  );

function renderRunning() {
  const view = renderWithServices(<OutboxPanel />, { startEngine: true });
  afterThisTest(view.unmount);
  return view;
}

describe('OutboxPanel states', () => {
  it('renders nothing while no entry waits: acknowledged and refused entries are shown elsewhere', () => {
    useOutboxStore.setState({
      entries: [
        entry({ id: 'done', state: 'done', ackedAt: Date.now(), taskId: 't1' }),
        entry({
          id: 'refused',
          state: 'failed',
          lastError: { status: 400, code: 'validation_failed', title: 'Not valid', detail: 'title: too long', traceId: null, isBug: false },
        }),
      ],
    });
    const { container } = renderWithServices(<OutboxPanel />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says in plain words what happens to each waiting entry and what went wrong last', () => {
    useOutboxStore.setState({
      entries: [
        entry({
          id: 'waiting',
          label: 'Retried later',
          sends: 2,
          nextAttemptAt: Date.now() + 30_000,
          lastError: { status: 503, code: 'unavailable', title: 'Service unavailable', detail: 'maintenance', traceId: null, isBug: false },
        }),
        entry({
          id: 'unreachable',
          kind: 'retry',
          label: 'No network',
          sends: 1,
          nextAttemptAt: Date.now() + 5_000,
          lastError: { status: null, code: 'network', title: 'Network error', detail: '', traceId: null, isBug: false },
        }),
        entry({ id: 'sending', label: 'On its way' }),
      ],
      sending: ['sending'],
    });
    renderWithServices(<OutboxPanel />);
    const outbox = screen.getByRole('region', { name: 'Waiting to be sent' });
    expect(outbox).toHaveTextContent('Not confirmed by the server yet. Each goes out by itself, and none is created twice.');
    const [waiting, unreachable, sending] = within(outbox).getAllByRole('listitem');
    expect(waiting).toHaveTextContent('New task');
    expect(waiting).toHaveTextContent(/next try in (29|30|31) s/);
    expect(waiting).toHaveTextContent('tried 2 times');
    expect(waiting).toHaveTextContent('Last try: the server was unavailable (503)');
    expect(within(waiting!).getByRole('button', { name: 'Send now: Retried later' })).toBeInTheDocument();
    expect(unreachable).toHaveTextContent('Retry');
    expect(unreachable).toHaveTextContent('tried once');
    expect(unreachable).toHaveTextContent('Last try: the server could not be reached');
    expect(sending).toHaveTextContent('sending…');
    expect(within(sending!).queryByRole('button', { name: /Send now/ })).not.toBeInTheDocument();
  });

  it('shows an entry waiting for the network while offline, without "Send now"', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderRunning();
    useOutboxStore.setState({ entries: [entry({ label: 'Later' })] });
    const item = await screen.findByRole('listitem');
    expect(item).toHaveTextContent('goes out when the network is back');
    expect(within(item).queryByRole('button', { name: /Send now/ })).not.toBeInTheDocument();
    await settle();
    expect(keys).toHaveLength(0);
  });
});

describe('OutboxPanel actions', () => {
  it('"Send now" resends a waiting entry at once with the same key', async () => {
    server.use(serverError());
    const { services, user } = renderRunning();
    services.engine.submit(body);
    const item = await screen.findByRole('listitem');
    await waitFor(() => expect(item).toHaveTextContent(/next try in \d+ s/));
    expect(item).toHaveTextContent('tried once');
    expect(item).toHaveTextContent('Last try: the server had an error (500)');

    await user.click(within(item).getByRole('button', { name: 'Send now: Harbour at night' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Waiting to be sent' })).not.toBeInTheDocument());
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(mock.stats().totals.total).toBe(1);
  });

  it('"Discard" drops the entry: it is never sent again', async () => {
    server.use(serverError());
    const { services, user } = renderRunning();
    services.engine.submit(body);
    const item = await screen.findByRole('listitem');
    await waitFor(() => expect(item).toHaveTextContent('tried once'));

    await user.click(within(item).getByRole('button', { name: 'Discard: Harbour at night' }));
    expect(screen.queryByRole('region', { name: 'Waiting to be sent' })).not.toBeInTheDocument();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
    await settle();
    expect(keys).toHaveLength(1);
    expect(mock.stats().totals.total).toBe(0);
  });
});
