/**
 * The outbox view: each state in words (sending, waiting for the network, next try, refused with
 * the server's problem, the key-reuse bug), and "Send now" / "Discard" against the running engine.
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
  it('renders nothing while no entry waits or failed', () => {
    useOutboxStore.setState({ entries: [entry({ state: 'done', ackedAt: Date.now(), taskId: 't1' })] });
    const { container } = renderWithServices(<OutboxPanel />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says what happens to each entry, with the server problem of a refused one', () => {
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
          id: 'refused',
          label: 'Refused',
          state: 'failed',
          sends: 1,
          lastError: { status: 400, code: 'validation_failed', title: 'The request is not valid', detail: 'prompt: required', traceId: 'tr-1', isBug: false },
        }),
        entry({
          id: 'bug',
          kind: 'retry',
          label: 'Key reused',
          state: 'failed',
          sends: 1,
          lastError: { status: 422, code: 'idempotency_key_reused', title: 'Reused', detail: '', traceId: null, isBug: true },
        }),
        entry({ id: 'sending', label: 'On its way' }),
      ],
      sending: ['sending'],
    });
    renderWithServices(<OutboxPanel />);
    const outbox = screen.getByRole('region', { name: 'Outbox' });
    expect(outbox).toHaveTextContent('Submits not yet confirmed by the server.');
    const [waiting, refused, bug, sending] = within(outbox).getAllByRole('listitem');

    expect(waiting).toHaveTextContent('Submit');
    expect(waiting).toHaveTextContent(/next try in (29|30|31) s/);
    expect(waiting).toHaveTextContent('sends: 2');
    expect(waiting).toHaveTextContent('Last answer: 503 Service unavailable: maintenance');
    expect(within(waiting!).getByRole('button', { name: 'Send now: Retried later' })).toBeInTheDocument();

    expect(refused).toHaveTextContent('not accepted');
    expect(refused).toHaveTextContent('The server refused the request (400).');
    expect(refused).toHaveTextContent('validation_failed');
    expect(refused).toHaveTextContent('The request is not valid: prompt: required');
    expect(refused).toHaveTextContent('trace tr-1');
    expect(within(refused!).queryByRole('button', { name: /Send now/ })).not.toBeInTheDocument();
    expect(within(refused!).getByRole('button', { name: 'Discard: Refused' })).toBeInTheDocument();

    expect(bug).toHaveTextContent('Retry');
    expect(bug).toHaveTextContent('This is a bug in the app');

    expect(sending).toHaveTextContent('sending…');
    expect(within(sending!).queryByRole('button', { name: /Send now/ })).not.toBeInTheDocument();
  });

  it('shows an entry waiting for the network while offline, without "Send now"', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    renderRunning();
    useOutboxStore.setState({ entries: [entry({ label: 'Later' })] });
    const item = await screen.findByRole('listitem');
    expect(item).toHaveTextContent('waiting for the network');
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
    expect(item).toHaveTextContent('sends: 1');
    expect(item).toHaveTextContent('Last answer: 500 Internal server error: worker crashed');

    await user.click(within(item).getByRole('button', { name: 'Send now: Harbour at night' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Outbox' })).not.toBeInTheDocument());
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(mock.stats().totals.total).toBe(1);
  });

  it('"Discard" drops the entry: it is never sent again', async () => {
    server.use(serverError());
    const { services, user } = renderRunning();
    services.engine.submit(body);
    const item = await screen.findByRole('listitem');
    await waitFor(() => expect(item).toHaveTextContent('sends: 1'));

    await user.click(within(item).getByRole('button', { name: 'Discard: Harbour at night' }));
    expect(screen.queryByRole('region', { name: 'Outbox' })).not.toBeInTheDocument();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
    await settle();
    expect(keys).toHaveLength(1);
    expect(mock.stats().totals.total).toBe(0);
  });
});
