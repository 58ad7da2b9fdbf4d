/**
 * A submit the server refuses comes back to the form, at the field the problem names (400), at the
 * cost (402) or to the form as a whole; the refused intent leaves the outbox; a partly refused
 * batch keeps only its refused lines; a refusal from before a reload can be edited in the form;
 * "Edit and run again" fills the form; no old line stays beside a new edit.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithServices } from '../../../test/utils/renderWithServices';
import { requestEditAndRunAgain } from '../../hooks/submitDraftStore';
import type { OutboxEntry } from '../../lib/outbox';
import { useOutboxStore } from '../../sync/outboxStore';
import { OutboxPanel } from './OutboxPanel';
import { submitTestServer } from './submitTestServer';
import { SubmitPanel } from './SubmitPanel';

const { server, mock, keys, afterThisTest } = submitTestServer();

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

/** Refuses POST /tasks whose title contains `word` the way the contract says (400, field first). */
function refuseTitlesWith(word: string, detail: string) {
  server.use(
    http.post('*/api/v1/tasks', async ({ request }) => {
      const body = (await request.clone().json()) as { title: string };
      if (!body.title.includes(word)) return undefined; // the mock answers the others
      return HttpResponse.json(
        { type: 'about:blank', title: 'The request is not valid', status: 400, detail, code: 'validation_failed', retryable: false, traceId: 'tr-400' },
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      );
    }),
  );
}

const tasksOnServer = () => mock.stats().totals.total;

describe('a refused submit at the form', () => {
  it('shows a 400 at the field it names, moves focus there and keeps the outbox empty', async () => {
    refuseTitlesWith('Brand', 'params.prompt: mentions a brand the model may not draw');
    const { user } = await renderRunning();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Brand poster');
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.type(prompt, 'a famous logo');
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    await waitFor(() => expect(prompt).toHaveAttribute('aria-invalid', 'true'));
    expect(prompt).toHaveAccessibleDescription('Not accepted by the server: mentions a brand the model may not draw');
    expect(prompt).toHaveFocus();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
    expect(screen.queryByRole('region', { name: 'Waiting to be sent' })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
    // The title is kept for the next try; editing the field clears the server's message.
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Brand poster');
    await user.type(prompt, '!');
    expect(prompt).not.toHaveAttribute('aria-invalid');
  });

  it('shows a refused title under the title, and a problem that names no field for the whole form', async () => {
    refuseTitlesWith('Shout', 'title: must not be all capitals');
    const { user } = await renderRunning();
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.type(title, 'Shout');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'waves');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('Not accepted by the server: must not be all capitals 5 / 200');

    server.use(
      http.post('*/api/v1/tasks', () =>
        HttpResponse.json(
          { title: 'Forbidden', status: 403, detail: 'Your plan does not include video', code: 'forbidden', retryable: false, traceId: 'tr-403' },
          { status: 403 },
        ),
      ),
    );
    await user.clear(title);
    await user.type(title, 'Calm');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not accepted by the server (403): Your plan does not include video');
    expect(alert).toHaveTextContent('forbidden · trace tr-403');
    // The next edit makes it old news.
    await user.type(title, '!');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a 402 at the cost when the budget changed since the last look', async () => {
    const { user, services } = await renderRunning();
    await waitFor(() => expect(services.engine.getMirror()).toBeDefined());
    mock.updateConfig({ budget: 0.01 });
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Too expensive');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'gold');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText(/^Not accepted by the server: the budget does not cover this task\. .*budget remain/)).toBeInTheDocument();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
    expect(tasksOnServer()).toBe(0);
  });

  it('keeps only the refused lines of a partly accepted batch', async () => {
    refuseTitlesWith('bad', 'title: contains a word the service does not allow');
    const { user } = await renderRunning();
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    const lines = screen.getByRole('textbox', { name: 'Titles, one per line' });
    await user.type(lines, 'good one{Enter}bad one{Enter}good two');
    await user.click(screen.getByRole('button', { name: 'Submit 3 tasks' }));

    await waitFor(() => expect(lines).toHaveValue('bad one'));
    expect(screen.getByText(/^2 of 3 tasks submitted\./)).toBeInTheDocument();
    expect(lines).toHaveAccessibleDescription(/^Not accepted by the server: contains a word the service does not allow/);
    expect(tasksOnServer()).toBe(2);
    expect(useOutboxStore.getState().entries.filter((entry) => entry.state !== 'done')).toHaveLength(0);
  });
});

describe('filling the form from elsewhere', () => {
  it('"Edit and run again" fills type, title, parameters and priority, and names what it could not carry over', async () => {
    const { user } = await renderRunning();
    act(() =>
      requestEditAndRunAgain({
        type: 'text',
        title: 'Release notes',
        params: { prompt: 'Summarise 2.0', model: 'deep-l', maxTokens: 500, legacyFlag: true },
        priority: 'high',
      }),
    );
    const title = screen.getByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(title).toHaveValue('Release notes'));
    expect(screen.getByRole('combobox', { name: 'Task type' })).toHaveValue('text');
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('Summarise 2.0');
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('deep-l');
    expect(screen.getByRole('spinbutton', { name: 'Max tokens' })).toHaveValue(500);
    expect(screen.getByRole('combobox', { name: 'Priority' })).toHaveValue('high');
    expect(screen.getByText('Filled in from “Release notes”. Change what you need, then submit.')).toBeInTheDocument();
    expect(screen.getByText(/Not carried over .*: legacyFlag\./)).toBeInTheDocument();
    await waitFor(() => expect(title).toHaveFocus());

    await user.type(title, ' v2');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(tasksOnServer()).toBe(1));
    const [task] = mock.listTasks(new URLSearchParams()).body?.items ?? [];
    expect(task).toMatchObject({ type: 'text', title: 'Release notes v2', priority: 'high', params: { prompt: 'Summarise 2.0', maxTokens: 500 } });
  });

  it('says so when the task type is no longer offered, and leaves the form alone', async () => {
    await renderRunning();
    act(() => requestEditAndRunAgain({ type: 'hologram', title: 'Old hologram', params: {}, priority: 'low' }));
    expect(await screen.findByText('Could not fill the form from “Old hologram”: the task type “hologram” is no longer offered.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('');
  });

  it('offers a submit refused before a reload for editing, with the reason at its field', async () => {
    const refused: OutboxEntry = {
      id: 'old-key',
      kind: 'submit',
      idempotencyKey: 'old-key',
      fingerprint: 'fp',
      body: { type: 'image', title: 'Sent offline', params: { prompt: 'boats', count: 3 }, priority: 'low' },
      taskId: null,
      attempt: null,
      label: 'Sent offline',
      createdAt: Date.now(),
      state: 'failed',
      sends: 1,
      nextAttemptAt: Date.now(),
      lastError: { status: 400, code: 'validation_failed', title: 'The request is not valid', detail: 'params.count: at most 2 while the queue is full', traceId: null, isBug: false },
      ackedAt: null,
    };
    useOutboxStore.setState({ entries: [refused] });
    const { user } = await renderRunning();
    const list = screen.getByRole('list', { name: 'Submits the server did not accept' });
    expect(list).toHaveTextContent('“Sent offline” was not accepted by the server: params.count: at most 2 while the queue is full');
    await user.click(within(list).getByRole('button', { name: 'Edit in the form' }));

    const images = screen.getByRole('spinbutton', { name: 'Images' });
    await waitFor(() => expect(images).toHaveValue(3));
    expect(images).toHaveAccessibleDescription('Not accepted by the server: at most 2 while the queue is full');
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Sent offline');
    expect(screen.getByRole('combobox', { name: 'Priority' })).toHaveValue('low');
    expect(screen.queryByRole('list', { name: 'Submits the server did not accept' })).not.toBeInTheDocument();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
    await waitFor(() => expect(images).toHaveFocus());
    expect(keys).toHaveLength(0);
  });
});

describe('no stale lines', () => {
  it('drops "Submitted" as soon as the form is edited', async () => {
    const { user } = await renderRunning();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Harbour');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'boats');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Submitted: Harbour'));
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), ' at night');
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
