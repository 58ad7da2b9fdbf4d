import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockServer } from '../../../mocks/node';
import { createTestServices, renderWithServices } from '../../../test/utils/renderWithServices';
import { Toaster } from '../../components/toast/Toaster';
import { useToastStore } from '../../components/toast/toastStore';
import { MockPanel } from './MockPanel';

const { server, engine: mock } = createMockServer({ config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });

interface SeenRequest {
  method: string;
  path: string;
  body: Promise<unknown>;
}
const requests: SeenRequest[] = [];
server.events.on('request:start', ({ request }) => {
  const body = request.method === 'GET' ? Promise.resolve(undefined) : request.clone().text().then((text) => (text ? (JSON.parse(text) as unknown) : undefined));
  requests.push({ method: request.method, path: new URL(request.url).pathname, body });
});
const sent = (method: string, path: string) => requests.filter((r) => r.method === method && r.path === `/api/v1${path}`);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mock.reset();
  requests.length = 0;
  useToastStore.setState({ toasts: [] });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function renderPanel() {
  const services = createTestServices();
  const view = renderWithServices(
    <>
      <MockPanel />
      <Toaster />
    </>,
    { services },
  );
  // The first render of the file also loads the modules: allow more than the default second.
  await screen.findByRole('button', { name: 'Apply' }, { timeout: 5_000 });
  return view;
}

describe('MockPanel', () => {
  it('loads the config into a labelled input per field', async () => {
    mock.updateConfig({ faults: { http429: 0.25 }, budget: 40 });
    await renderPanel();
    expect(sent('GET', '/_mock/config')).toHaveLength(1);
    expect(screen.getByLabelText('Latency (ms)')).toHaveValue(0);
    expect(screen.getByLabelText('Jitter (ms)')).toHaveValue(0);
    expect(screen.getByRole('slider', { name: '429 errors' })).toHaveValue('0.25');
    expect(screen.getByRole('slider', { name: '429 errors' })).toHaveAttribute('aria-valuetext', '25%');
    for (const name of ['500 errors', '503 errors', 'Network errors', 'Malformed JSON', 'Task failure share']) {
      expect(screen.getByRole('slider', { name })).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Retry-After (s)')).toHaveValue(5);
    expect(screen.getByLabelText('Time scale')).toHaveValue(1);
    expect(screen.getByLabelText('Concurrent tasks')).toHaveValue(3);
    expect(screen.getByLabelText('Rate limit per minute (empty = none)')).toHaveValue(null);
    expect(screen.getByLabelText('Budget (empty = none)')).toHaveValue(40);
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it('sends only the changed fields with Apply', async () => {
    const { user } = await renderPanel();
    await user.clear(screen.getByLabelText('Latency (ms)'));
    await user.type(screen.getByLabelText('Latency (ms)'), '800');
    fireEvent.change(screen.getByRole('slider', { name: '503 errors' }), { target: { value: '0.3' } });
    await user.type(screen.getByLabelText('Rate limit per minute (empty = none)'), '30');
    expect(screen.getByText('30%')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('Mock settings applied.')).toBeInTheDocument();
    const puts = sent('PUT', '/_mock/config');
    expect(puts).toHaveLength(1);
    expect(await puts[0]?.body).toEqual({ latencyMs: 800, faults: { http503: 0.3 }, rateLimitPerMinute: 30 });
    expect(mock.config()).toMatchObject({ latencyMs: 800, faults: { http503: 0.3 }, rateLimitPerMinute: 30 });
  });

  it('sets the push channel and the clock skew (contract 1.1)', async () => {
    const { user } = await renderPanel();
    expect(screen.getByRole('group', { name: 'Push channel (GET /events)' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Push' })).toHaveValue('on');
    expect(screen.getByLabelText('Heartbeat every (s)')).toHaveValue(15);
    expect(screen.getByLabelText('Clock skew (ms; + ahead, − behind)')).toHaveValue(0);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Push' }), 'Buffered (a proxy holds every event)');
    await user.clear(screen.getByLabelText('Heartbeat every (s)'));
    await user.type(screen.getByLabelText('Heartbeat every (s)'), '5');
    await user.clear(screen.getByLabelText('Clock skew (ms; + ahead, − behind)'));
    await user.type(screen.getByLabelText('Clock skew (ms; + ahead, − behind)'), '-600000');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Mock settings applied.')).toBeInTheDocument();
    expect(await sent('PUT', '/_mock/config')[0]?.body).toEqual({ clockSkewMs: -600_000, push: 'buffered', heartbeatSeconds: 5 });
    expect(mock.config()).toMatchObject({ push: 'buffered', heartbeatSeconds: 5, clockSkewMs: -600_000 });
  });

  it('drops the open event streams and says how many', async () => {
    const { user } = await renderPanel();
    const controller = new AbortController();
    const stream = await fetch('http://localhost/api/v1/events', { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(mock.streams.size).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Drop event streams' }));
    expect(await screen.findByText('1 event stream dropped; clients reconnect.')).toBeInTheDocument();
    expect(mock.streams.size).toBe(0);
    controller.abort();
    await user.click(screen.getByRole('button', { name: 'Drop event streams' }));
    expect(await screen.findByText('No event stream was open.')).toBeInTheDocument();
  });

  it('says what is wrong with a value and does not apply it', async () => {
    const { user } = await renderPanel();
    await user.clear(screen.getByLabelText('Concurrent tasks'));
    await user.type(screen.getByLabelText('Concurrent tasks'), '0');
    expect(screen.getByLabelText('Concurrent tasks')).toHaveAccessibleDescription('Concurrent tasks: enter a whole number of at least 1.');
    expect(screen.getByLabelText('Concurrent tasks')).toBeInvalid();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it('starts an outage of 30 s', async () => {
    const { user } = await renderPanel();
    await user.click(screen.getByRole('button', { name: 'Outage of 30 s' }));
    expect(await screen.findByText(/Simulated outage/)).toBeInTheDocument();
    expect(await sent('POST', '/_mock/outage')[0]?.body).toEqual({ seconds: 30 });
  });

  it('resets the mock only after a confirmation, then asks for fresh data', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { user, services } = await renderPanel();
    const pollNow = vi.spyOn(services.engine, 'pollNow');
    mock.updateConfig({ latencyMs: 0, maxConcurrent: 5 });

    await user.click(screen.getByRole('button', { name: 'Reset the mock' }));
    expect(confirm).toHaveBeenCalledWith('Delete every task and restore the default settings?');
    expect(sent('POST', '/_mock/reset')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Reset the mock' }));
    expect(await screen.findByText('The mock was reset.')).toBeInTheDocument();
    expect(sent('POST', '/_mock/reset')).toHaveLength(1);
    expect(pollNow).toHaveBeenCalledWith('user');
    // The config query was invalidated and read again.
    await waitFor(() => expect(sent('GET', '/_mock/config')).toHaveLength(2));
    expect(mock.config().maxConcurrent).toBe(3);
  });

  it('offers to try again when the config cannot be loaded', async () => {
    // Only the first read fails; the mock's own route answers the second.
    server.use(http.get('*/api/v1/_mock/config', () => HttpResponse.error(), { once: true }));
    const { user } = renderWithServices(<MockPanel />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the mock settings.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Apply' })).toBeInTheDocument();
  });
});
