/**
 * Submits end to end through the running sync engine and the mock backend: a double click is one
 * request and one task, batch lines are one intent each, an offline submit waits (in plain words)
 * and goes out once, user text stays text. Refusals: SubmitPanel.refusals.test.tsx.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithServices } from '../../../test/utils/renderWithServices';
import { OutboxPanel } from './OutboxPanel';
import { submitTestServer } from './submitTestServer';
import { SubmitPanel } from './SubmitPanel';

const { mock, keys, afterThisTest } = submitTestServer();

async function renderRunning() {
  const view = renderWithServices(
    <>
      <SubmitPanel />
      <OutboxPanel />
    </>,
    { startEngine: true },
  );
  afterThisTest(view.unmount);
  await screen.findByRole('combobox', { name: 'Task type' });
  return view;
}

const tasksOnServer = () => mock.stats().totals.total;
const titlesOnServer = () => mock.listTasks(new URLSearchParams()).body?.items.map((task) => task.title).sort();
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

async function fillImage(user: Awaited<ReturnType<typeof renderRunning>>['user'], title: string) {
  await user.type(screen.getByRole('textbox', { name: 'Title' }), title);
  await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a lighthouse at dusk');
}

describe('submit intents', () => {
  it('turns a double click into one POST and one task, and says so', async () => {
    mock.updateConfig({ latencyMs: 150, latencyJitterMs: 0 });
    const { user } = await renderRunning();
    await fillImage(user, 'Lighthouse');
    await user.dblClick(screen.getByRole('button', { name: 'Submit' }));

    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Already submitted — the same task was not created twice.');
    expect(status).toHaveTextContent('Submitting…');
    await waitFor(() => expect(status).toHaveTextContent('Submitted: Lighthouse'));
    await settle();
    expect(keys).toHaveLength(1);
    expect(tasksOnServer()).toBe(1);
    // ready for the next one: title cleared, type and params kept, no stale "required" message
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Title' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a lighthouse at dusk');
  });

  it('treats the same form right after the acknowledgement as a duplicate unless asked for another', async () => {
    const { user } = await renderRunning();
    await fillImage(user, 'Lighthouse');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Submitted: Lighthouse'));

    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Lighthouse');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByRole('status')).toHaveTextContent('Already submitted');
    await settle();
    expect(keys).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Submit another identical task' }));
    await waitFor(() => expect(tasksOnServer()).toBe(2));
    expect(new Set(keys).size).toBe(2);
  });

  it('sends every batch line as its own intent with its own key', async () => {
    const { user } = await renderRunning();
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    await user.type(screen.getByRole('textbox', { name: 'Titles, one per line' }), 'one{Enter}{Enter}two{Enter}three{Enter}');
    await user.click(screen.getByRole('button', { name: 'Submit 3 tasks' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Submitted: 3 tasks'));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(titlesOnServer()).toEqual(['one', 'three', 'two']);
    expect(screen.getByRole('textbox', { name: 'Titles, one per line' })).toHaveValue('');
  });

  it('keeps repeated batch lines as separate tasks, still safe against a double click', async () => {
    mock.updateConfig({ latencyMs: 150, latencyJitterMs: 0 });
    const { user } = await renderRunning();
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    await user.type(screen.getByRole('textbox', { name: 'Titles, one per line' }), 'same{Enter}same');
    await user.dblClick(screen.getByRole('button', { name: 'Submit 2 tasks' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Submitted: 2 tasks'));
    await settle();
    expect(keys).toHaveLength(2);
    expect(titlesOnServer()).toEqual(['same', 'same']);
  });

  it('queues an offline submit visibly and sends it once when the network is back', async () => {
    const { user } = await renderRunning();
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    await fillImage(user, 'Offline one');
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    expect(screen.getByRole('status')).toHaveTextContent('You are offline. It will be sent by itself when the network is back.');
    const entry = within(screen.getByRole('region', { name: 'Waiting to be sent' })).getByRole('listitem');
    expect(entry).toHaveTextContent('New task');
    expect(entry).toHaveTextContent('Offline one');
    expect(entry).toHaveTextContent('goes out when the network is back');
    await settle();
    expect(keys).toHaveLength(0);

    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Submitted: Offline one'));
    // a second "online" must not send it again
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(keys).toHaveLength(1);
    expect(tasksOnServer()).toBe(1);
    expect(screen.queryByRole('region', { name: 'Waiting to be sent' })).not.toBeInTheDocument();
  });

  it('renders markup in a title as text', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><b>bold</b>';
    const { user, container } = await renderRunning();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    await fillImage(user, payload);
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    const outbox = await screen.findByRole('region', { name: 'Waiting to be sent' });
    expect(within(outbox).getByText(payload)).toBeInTheDocument();
    expect(container.querySelector('img, b')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });
});
