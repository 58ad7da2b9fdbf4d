import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNavigation } from '../../hooks/navigation';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { backend, logLine, renderDetails, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();
afterEach(() => {
  vi.useRealTimers();
});

const XSS = '<img src=x onerror=alert(1)>';

describe('TaskDetailsPanel', () => {
  it('shows a hint when no task is open', () => {
    renderDetails([makeTask()], null);
    expect(screen.getByRole('region', { name: 'Task details' })).toHaveTextContent(
      'Select a task to see its stages, logs and result.',
    );
  });

  it('shows the open task from the mirror: title as heading, status, facts and parameters', async () => {
    const task = makeTask({
      title: 'Lighthouse',
      priority: 'high',
      attempt: 2,
      params: { prompt: 'a lighthouse', steps: 30, hd: true, size: { w: 512, h: 512 } },
    });
    renderDetails([task]);
    const region = screen.getByRole('region', { name: 'Lighthouse' });
    expect(within(region).getByRole('heading', { level: 2, name: 'Lighthouse' })).toBeInTheDocument();
    expect(within(within(region).getByRole('heading', { level: 2, name: 'Lighthouse' }).closest('header')!).getByText('Running')).toBeInTheDocument();
    const facts = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling;
    expect(facts('Priority')).toHaveTextContent('High');
    expect(facts('Attempt')).toHaveTextContent('2');
    expect(facts('Cost')).toHaveTextContent('$0.04 (estimated)');
    expect(facts('Created')?.querySelector('time')).toHaveAttribute('dateTime', task.createdAt);
    expect(await screen.findByText('Image generation')).toBeInTheDocument();
    // Labels in the user's language (known names, else the server's label or the name itself).
    expect(facts('Prompt')).toHaveTextContent('a lighthouse');
    expect(facts('steps')).toHaveTextContent('30');
    expect(facts('HD quality')).toHaveTextContent('yes');
    expect(facts('Size')).toHaveTextContent('{"w":512,"h":512}');
  });

  it('lists every stage in order with weight share, status, progress, times and durations', () => {
    vi.useFakeTimers({ now: T0 + 10 * 60_000, shouldAdvanceTime: true });
    const stages = stagesAt(2, 0.25).map((stage, i) => ({
      ...stage,
      startedAt: stage.startedAt ? iso(T0 + i * 60_000) : null,
      finishedAt: stage.finishedAt ? iso(T0 + i * 60_000 + 45_000) : null,
    }));
    // Measured just now: nothing to extrapolate yet.
    renderDetails([makeTask({ title: 'Timeline', stages, updatedAt: iso(T0 + 10 * 60_000) })]);
    const items = within(within(screen.getByRole('region', { name: 'Stages' })).getByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.td-stage-label')?.textContent)).toEqual([
      'Preprocess',
      'Inference',
      'Postprocess',
      'Upload',
    ]);
    const fact = (item: HTMLElement | undefined, label: string) =>
      within(item!).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(items[0]).toHaveTextContent(/Preprocess\s*done\s*100%/);
    expect(fact(items[0], 'Weight')).toBe('10%');
    expect(fact(items[0], 'Duration')).toBe('45s');
    expect(fact(items[1], 'Weight')).toBe('70%');
    expect(fact(items[1], 'Started')).toMatch(/10:01:00|\d{1,2}:01:00/);
    expect(items[2]).toHaveTextContent(/Postprocess\s*running\s*25%/);
    expect(fact(items[2], 'Finished')).toBe('—');
    expect(items[3]).toHaveTextContent(/Upload\s*pending\s*0%/);
    expect(fact(items[3], 'Duration')).toBe('—');
    const bar = within(items[2]!).getByRole('progressbar', { name: 'Progress of stage Postprocess' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(within(items[1]!).queryByRole('progressbar')).toBeNull();
    // The running stage started at minute 2 of 10 and keeps counting while the panel is open.
    expect(fact(items[2], 'Duration')).toBe('8m');
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(fact(items[2], 'Duration')).toBe('8m 5s');
  });

  it("moves the running stage's bar between updates, marked as an estimate", () => {
    vi.useFakeTimers({ now: T0 + 60_000, shouldAdvanceTime: true });
    // Inference started a minute ago and has done 20 % of itself: measured just now.
    const stages = stagesAt(1, 0.2).map((stage, i) => ({ ...stage, startedAt: stage.startedAt ? iso(T0 + (i === 0 ? -10_000 : 0)) : null }));
    renderDetails([makeTask({ title: 'Moving', stages, updatedAt: iso(T0 + 60_000) })]);
    const bar = screen.getByRole('progressbar', { name: 'Progress of stage Inference' });
    expect(bar).toHaveAttribute('aria-valuenow', '20');
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    // Its own pace (1/300 a second) with a little of the first stage's (faster) pace blended in.
    expect(bar).toHaveAttribute('aria-valuenow', '30');
    expect(bar).toHaveAttribute('aria-valuetext', 'about 30%, estimated');
    const stageItems = within(within(screen.getByRole('region', { name: 'Stages' })).getByRole('list')).getAllByRole('listitem');
    expect(within(stageItems[1]!).getByText('~30%')).toBeInTheDocument();
  });

  it('renders markup in the title, log and error as inert text', async () => {
    const task = makeTask({
      title: XSS,
      status: 'failed',
      stages: stagesAt(1, 0.3, 'failed'),
      error: { code: 'boom', message: XSS, retryable: false, stage: 'inference', traceId: XSS },
      params: { prompt: XSS },
    });
    backend.logs.set(task.id, [logLine(iso(T0), XSS, 'error')]);
    const { container } = renderDetails([task]);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(XSS);
    expect(await within(screen.getByRole('log')).findByText(XSS)).toBeInTheDocument();
    expect(screen.getAllByText(XSS).length).toBeGreaterThanOrEqual(4);
    expect(container.querySelector('img')).toBeNull();
  });

  it('fetches a task that is not in the mirror, and says so when the server does not know it', async () => {
    const elsewhere = makeTask({ title: 'From a shared link', status: 'canceled', finishedAt: iso(T0) });
    backend.tasks.set(elsewhere.id, elsewhere);
    const first = renderDetails([], elsewhere.id);
    expect(await screen.findByRole('heading', { name: 'From a shared link' })).toBeInTheDocument();
    first.unmount();

    renderDetails([], 'gone');
    expect(await screen.findByText('This task no longer exists.')).toBeInTheDocument();
  });

  it('moves focus to the heading when a task is opened', async () => {
    const task = makeTask({ title: 'Focus me' });
    renderDetails([task], null);
    act(() => useNavigation.getState().taskOpened(task.id));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Focus me' })).toHaveFocus());
  });

  it('closes with the Close button and with Escape inside the panel', async () => {
    const task = makeTask({ title: 'Closable' });
    const { user } = renderDetails([task]);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByText('Select a task to see its stages, logs and result.')).toBeInTheDocument();
    expect(window.location.search).not.toContain('task=');

    act(() => useNavigation.getState().taskOpened(task.id));
    await user.click(screen.getByRole('checkbox', { name: 'Follow the log' }));
    await user.keyboard('{Escape}');
    expect(useNavigation.getState().openTaskId).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Closable' })).toBeNull();
  });

  it('closes on Escape wherever focus is, even on <body>', async () => {
    const { user } = renderDetails([makeTask({ title: 'Anywhere' })]);
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    await user.keyboard('{Escape}');
    expect(useNavigation.getState().openTaskId).toBeNull();
  });

  it('leaves Escape to an open dialog: it answers the question, the details stay', async () => {
    const { user } = renderDetails([makeTask({ title: 'Asked' })]);
    await user.click(screen.getByRole('button', { name: 'Cancel Asked' }));
    expect(screen.getByRole('dialog', { name: 'Cancel “Asked”?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Asked' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(useNavigation.getState().openTaskId).toBeNull();
  });
});
