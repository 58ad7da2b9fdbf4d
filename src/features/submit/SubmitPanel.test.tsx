/**
 * The submit form against the mock backend: fields generated from the task types, defaults when
 * the type changes, validation with focus and ARIA, the cost estimate and the budget warning,
 * and the task-type load failure with its retry.
 */
import { onlineManager } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../../mocks/node';
import { useOutboxStore } from '../../sync/outboxStore';
import { mirrorQueryKey } from '../../sync/taskListWriter';
import { renderWithServices } from '../../../test/utils/renderWithServices';
import { SubmitPanel } from './SubmitPanel';

const { server, engine: mock } = createMockServer({ config: { latencyMs: 0, latencyJitterMs: 0, taskFailureRate: 0 } });
const posts: string[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  useOutboxStore.setState({ entries: [], sending: [] });
  posts.length = 0;
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST') posts.push(new URL(request.url).pathname);
  });
});
afterEach(() => {
  server.events.removeAllListeners();
  server.resetHandlers();
  mock.reset();
  onlineManager.setOnline(true);
});
afterAll(() => server.close());

async function renderForm() {
  const view = renderWithServices(<SubmitPanel />);
  await screen.findByRole('combobox', { name: 'Task type' });
  return view;
}

describe('SubmitPanel fields', () => {
  it('generates the fields of the chosen type and applies its defaults when the type changes', async () => {
    const { user } = await renderForm();
    expect(screen.getByRole('heading', { name: 'New task' })).toBeInTheDocument();
    // image: a long-text prompt, a string-option select, a number with min/max, a checkbox
    expect(screen.getByRole('textbox', { name: 'Prompt' }).tagName).toBe('TEXTAREA');
    expect(screen.getByRole('combobox', { name: 'Size' })).toHaveValue('1024x1024');
    const images = screen.getByRole('spinbutton', { name: 'Images' });
    expect(images).toHaveValue(1);
    expect(images).toHaveAttribute('min', '1');
    expect(images).toHaveAttribute('max', '8');
    expect(screen.getByRole('checkbox', { name: 'HD quality' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Priority' })).toHaveValue('medium');

    await user.clear(images);
    await user.type(images, '4');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Task type' }), 'text');
    // text: {value,label} options, its own number default, no image fields
    const model = screen.getByRole('combobox', { name: 'Model' });
    expect(model).toHaveValue('balanced-m');
    expect(within(model).getByRole('option', { name: 'Deep L (best quality)' })).toHaveValue('deep-l');
    expect(screen.getByRole('spinbutton', { name: 'Max tokens' })).toHaveValue(1000);
    expect(screen.queryByRole('spinbutton', { name: 'Images' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Task type' }), 'image');
    expect(screen.getByRole('spinbutton', { name: 'Images' })).toHaveValue(1);
  });
});

describe('SubmitPanel validation', () => {
  it('shows messages linked to the fields, marks them invalid and focuses the first one', async () => {
    const { user } = await renderForm();
    const title = screen.getByRole('textbox', { name: 'Title' });
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    expect(title).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('A title is required. 0 / 200');
    expect(prompt).toHaveAttribute('aria-invalid', 'true');
    expect(prompt).toHaveAccessibleDescription('Prompt is required.');
    expect(title).toHaveFocus();

    await user.type(title, 'Lighthouse');
    expect(title).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(prompt).toHaveFocus();

    // after the first submit, messages follow every change
    const images = screen.getByRole('spinbutton', { name: 'Images' });
    await user.clear(images);
    await user.type(images, '9');
    expect(images).toHaveAttribute('aria-invalid', 'true');
    expect(images).toHaveAccessibleDescription('Images must be at most 8.');
    await user.clear(images);
    await user.type(images, '0');
    expect(images).toHaveAccessibleDescription('Images must be at least 1.');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(prompt).toHaveFocus();

    await user.type(prompt, 'at dusk');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(images).toHaveFocus();
    expect(posts).toEqual([]);
    expect(useOutboxStore.getState().entries).toHaveLength(0);
  });

  it('requires at least one non-blank line in batch mode', async () => {
    const { user } = await renderForm();
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    const lines = screen.getByRole('textbox', { name: 'Titles, one per line' });
    await user.type(lines, '   {Enter}  {Enter}');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.click(screen.getByRole('button', { name: 'Submit 0 tasks' }));
    expect(lines).toHaveAccessibleDescription('A title is required. longest title 0 / 200');
    expect(lines).toHaveFocus();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
  });

  it('counts the title against 200 characters and says at once when it is too long', async () => {
    const { user } = await renderForm();
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.type(title, 'Harbour');
    expect(title).toHaveAccessibleDescription('7 / 200');
    expect(title).not.toHaveAttribute('aria-invalid');
    // A pasted 2,000-character title: the counter and the message, before any submit.
    await user.clear(title);
    await user.click(title);
    await user.paste('x'.repeat(2000));
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('The title is too long: 2,000 characters, at most 200. 2,000 / 200');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(title).toHaveFocus();
    // Exactly 200 is fine; surrounding spaces are not counted (they are not sent).
    await user.clear(title);
    await user.click(title);
    await user.paste(`  ${'y'.repeat(200)}  `);
    expect(title).not.toHaveAttribute('aria-invalid');
    expect(title).toHaveAccessibleDescription('200 / 200');
    expect(posts).toEqual([]);
  });

  it('names the batch line that is too long', async () => {
    const { user } = await renderForm();
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    const lines = screen.getByRole('textbox', { name: 'Titles, one per line' });
    await user.click(lines);
    await user.paste(`first\n\nsecond\n${'z'.repeat(201)}`);
    expect(lines).toHaveAccessibleDescription('Title 3 is too long: at most 200 characters per title. longest title 201 / 200');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    await user.click(screen.getByRole('button', { name: 'Submit 3 tasks' }));
    expect(lines).toHaveFocus();
    expect(useOutboxStore.getState().entries).toHaveLength(0);
  });

  it('checks long text against 4,000 characters', async () => {
    const { user } = await renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Long prompt');
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.click(prompt);
    await user.paste('p'.repeat(4001));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(prompt).toHaveAccessibleDescription('Prompt is too long: at most 4,000 characters.');
    expect(prompt).toHaveFocus();
    expect(posts).toEqual([]);
  });
});

describe('SubmitPanel cost', () => {
  it('multiplies the cost per unit by the unit param and the batch count', async () => {
    const { user } = await renderForm();
    expect(screen.getByText('$0.04')).toBeInTheDocument();
    const images = screen.getByRole('spinbutton', { name: 'Images' });
    await user.clear(images);
    await user.type(images, '3');
    expect(screen.getByText('$0.12')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'first');
    await user.click(screen.getByRole('checkbox', { name: 'Batch: one task per line' }));
    const lines = screen.getByRole('textbox', { name: 'Titles, one per line' });
    expect(lines).toHaveValue('first');
    await user.type(lines, '{Enter}second{Enter}{Enter}third');
    expect(screen.getByText('3 tasks')).toBeInTheDocument();
    expect(screen.getByText('$0.12 each, $0.36 in all')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit 3 tasks' })).toBeInTheDocument();

    // video counts seconds: 8 s default × $0.25
    await user.selectOptions(screen.getByRole('combobox', { name: 'Task type' }), 'video');
    expect(screen.getByText('$2.00 each, $6.00 in all')).toBeInTheDocument();
  });

  it('shows the budget left and turns Submit off, saying why, when the estimate is more', async () => {
    mock.updateConfig({ budget: 0.1 });
    const { user } = await renderForm();
    expect(await screen.findByText('Budget left: $0.10')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Three boats');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'boats');
    const images = screen.getByRole('spinbutton', { name: 'Images' });
    await user.clear(images);
    await user.type(images, '2');
    expect(screen.queryByText(/Submit is off/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit' })).toBeEnabled();
    await user.clear(images);
    await user.type(images, '3');
    const submit = screen.getByRole('button', { name: 'Submit' });
    expect(submit).toBeDisabled();
    expect(submit).toHaveAccessibleDescription('Submit is off: this costs $0.12 and only $0.10 of the budget is left.');
    // Enter in a field does not get around it either.
    await user.type(images, '{Enter}');
    expect(posts).toEqual([]);
    await user.clear(images);
    await user.type(images, '2');
    expect(screen.getByRole('button', { name: 'Submit' })).toBeEnabled();
  });

  it('hides the budget when none is set', async () => {
    const { services } = await renderForm();
    await waitFor(() => expect(services.queryClient.getQueryData(mirrorQueryKey)).toBeDefined());
    expect(screen.getByText('$0.04')).toBeInTheDocument();
    expect(screen.queryByText(/Budget left/)).not.toBeInTheDocument();
  });
});

describe('SubmitPanel task types', () => {
  it('says when the task types cannot be loaded and loads them again on request', async () => {
    server.use(
      http.get('*/api/v1/task-types', () => HttpResponse.json({ title: 'Down', status: 500, detail: 'types exploded' }, { status: 500 }), {
        once: true,
      }),
    );
    const { user } = renderWithServices(<SubmitPanel />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading task types…');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the task types.');
    expect(alert).toHaveTextContent('types exploded');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('combobox', { name: 'Task type' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
