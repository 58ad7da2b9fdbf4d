import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '../../api/schemas';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { backend, logLine, pollDelivers, renderDetails, setupDetailsBackend } from './detailsTestServer';
import { LOG_POLL_MS } from './useLogTail';

setupDetailsBackend();
afterEach(() => {
  vi.useRealTimers();
});

const lines = () =>
  within(screen.getByRole('log', { name: 'Log' }))
    .queryAllByText(/./, { selector: '.td-log-line > span:last-child' })
    .map((line) => line.textContent);

describe('the live log', () => {
  it('loads the whole log, then appends only new lines from the tail, and stops once the task finished', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const task = makeTask({ title: 'Tailing' });
    const log: LogEntry[] = [logLine(iso(T0), 'queued', 'info', null), logLine(iso(T0 + 1000), 'preprocess started', 'debug', 'preprocess')];
    backend.logs.set(task.id, log);
    const view = renderDetails([task]);
    await waitFor(() => expect(lines()).toEqual(['queued', 'preprocess started']));
    expect(backend.logRequests).toEqual([null]);

    log.push(logLine(iso(T0 + 2000), 'inference started'), logLine(iso(T0 + 2500), 'VRAM low', 'warn'));
    await act(() => vi.advanceTimersByTimeAsync(LOG_POLL_MS));
    await waitFor(() => expect(lines()).toEqual(['queued', 'preprocess started', 'inference started', 'VRAM low']));
    // The tail asks after the last line it holds; the line at that timestamp is not shown twice.
    expect(backend.logRequests).toEqual([null, iso(T0 + 1000)]);

    log.push(logLine(iso(T0 + 3000), 'upload done', 'info', 'upload'));
    pollDelivers(view, { ...task, status: 'succeeded', stages: stagesAt(4), version: task.version + 1, finishedAt: iso(T0 + 3000) });
    await waitFor(() => expect(lines()).toHaveLength(5));
    expect(lines().at(-1)).toBe('upload done');
    const requests = backend.logRequests.length;
    await act(() => vi.advanceTimersByTimeAsync(LOG_POLL_MS * 3));
    expect(backend.logRequests).toHaveLength(requests);
  });

  it('shows level and stage for each line and has a log role that does not announce every line', async () => {
    const task = makeTask({ status: 'failed', stages: stagesAt(1, 0.2, 'failed'), finishedAt: iso(T0) });
    backend.logs.set(task.id, [logLine(iso(T0), 'out of memory', 'error', 'inference')]);
    renderDetails([task]);
    const log = screen.getByRole('log', { name: 'Log' });
    expect(log).toHaveAttribute('aria-live', 'off');
    const line = (await within(log).findByText('out of memory')).parentElement!;
    expect(line).toHaveClass('td-log-error');
    expect(line).toHaveTextContent(/ERROR\s*\[inference\]\s*out of memory/);
    expect(line.querySelector('time')).toHaveAttribute('dateTime', iso(T0));
  });

  it('renders a 200-line log and keeps the newest line in view while following, not after switching it off', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const task = makeTask({ title: 'Busy' });
    const log = Array.from({ length: 200 }, (_, i) => logLine(iso(T0 + i * 10), `line ${i + 1}`));
    backend.logs.set(task.id, log);
    const { user } = renderDetails([task]);
    const box = screen.getByRole('log', { name: 'Log' });
    let height = 4000;
    Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => height });
    await within(box).findByText('line 200');
    expect(within(box).getByText('line 1')).toBeInTheDocument();
    expect(box.scrollTop).toBe(4000);

    box.scrollTop = 0;
    height = 4020;
    log.push(logLine(iso(T0 + 5000), 'line 201'));
    await act(() => vi.advanceTimersByTimeAsync(LOG_POLL_MS));
    await within(box).findByText('line 201');
    expect(box.scrollTop).toBe(4020);

    await user.click(screen.getByRole('checkbox', { name: 'Follow the log' }));
    box.scrollTop = 100;
    height = 4040;
    log.push(logLine(iso(T0 + 6000), 'line 202'));
    await act(() => vi.advanceTimersByTimeAsync(LOG_POLL_MS));
    await within(box).findByText('line 202');
    expect(box.scrollTop).toBe(100);

    await user.click(screen.getByRole('checkbox', { name: 'Follow the log' }));
    expect(box.scrollTop).toBe(4040);
  });

  it('says when there is no log yet', async () => {
    renderDetails([makeTask({ status: 'queued', stages: stagesAt(0, 0, 'pending') })]);
    expect(await screen.findByText('No log lines yet.')).toBeInTheDocument();
  });
});
