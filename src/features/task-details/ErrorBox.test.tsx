import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attempt, LogEntry, Task } from '../../api/schemas';
import { useSubmitDraftStore } from '../../hooks/submitDraftStore';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { backend, logLine, renderDetails, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();
afterEach(() => {
  vi.unstubAllEnvs();
  useSubmitDraftStore.setState({ draft: null });
});

function failedTask(overrides: Partial<Task> = {}): Task {
  return makeTask({
    title: 'Poster <b>v2</b>',
    status: 'failed',
    attempt: 3,
    stages: stagesAt(1, 0.4, 'failed'),
    error: { code: 'gpu_oom', message: 'CUDA out of memory', retryable: true, stage: 'inference', traceId: 'trace-abc' },
    startedAt: iso(T0),
    finishedAt: iso(T0 + 90_000),
    ...overrides,
  });
}

function withLog(task: Task, count: number): LogEntry[] {
  const log = Array.from({ length: count }, (_, i) => logLine(iso(T0 + i * 100), `step ${i + 1}`));
  backend.logs.set(task.id, log);
  return log;
}

function stubClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: writeText ? { writeText } : undefined,
  });
}

const errorBox = () => screen.getByRole('region', { name: 'Error' });

describe('the error box of a failed task', () => {
  it('shows code, message, stage, retryable, trace id and attempt', () => {
    renderDetails([failedTask()]);
    const box = errorBox();
    const field = (label: string) => within(box).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(field('Code')).toBe('gpu_oom');
    expect(field('Message')).toBe('CUDA out of memory');
    expect(field('Stage')).toBe('Inference');
    expect(field('Retryable')).toBe('yes');
    expect(field('Trace ID')).toBe('trace-abc');
    expect(field('Attempt')).toBe('3');
  });

  it('offers Retry and Run again; Retry goes through the engine as an intent', async () => {
    const task = failedTask();
    const { user, services } = renderDetails([task]);
    const retry = vi.spyOn(services.engine, 'retry').mockReturnValue({} as ReturnType<typeof services.engine.retry>);
    const submit = vi.spyOn(services.engine, 'submit').mockReturnValue({} as ReturnType<typeof services.engine.submit>);
    await user.click(screen.getByRole('button', { name: 'Retry Poster <b>v2</b> from the failed stage' }));
    expect(retry).toHaveBeenCalledWith(task);
    await user.click(screen.getByRole('button', { name: 'Run again with the same parameters: Poster <b>v2</b>' }));
    expect(submit).toHaveBeenCalledWith(
      { type: task.type, title: task.title, params: task.params, priority: task.priority },
      { fresh: true },
    );
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
  });

  it('copies a report with parameters, priority, cost, the link, every attempt and their log lines', async () => {
    const task = failedTask({ params: { prompt: 'a poster', count: 2 }, priority: 'urgent', cost: { estimated: 0.08, actual: 0.05, currency: 'USD' } });
    const attempts: Attempt[] = [1, 2, 3].map((attempt) => ({
      attempt,
      status: 'failed',
      startedAt: iso(T0 + (attempt - 1) * 30_000),
      finishedAt: iso(T0 + (attempt - 1) * 30_000 + 20_000),
      stage: 'inference',
      error: { code: attempt === 1 ? 'worker_lost' : 'gpu_oom', message: `failure ${attempt}`, retryable: true, stage: 'inference', traceId: `tr-${attempt}` },
      cost: 0.01 * attempt,
    }));
    backend.tasks.set(task.id, { ...task, attempts });
    const log = Array.from({ length: 30 }, (_, i) => logLine(iso(T0 + i * 3000), `step ${i + 1}`));
    backend.logs.set(task.id, log);
    const { user } = renderDetails([task]);
    await within(screen.getByRole('log')).findByText('step 30');
    await screen.findByText(/failure 3/);
    const writeText = vi.fn((_text: string) => Promise.resolve());
    stubClipboard(writeText);

    await user.click(screen.getByRole('button', { name: 'Copy error log' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const report = writeText.mock.calls[0]![0];
    expect(report).toContain(`Task ID: ${task.id}\n`);
    expect(report).toContain(`Link: ${window.location.origin}/?task=${task.id}\n`);
    expect(report).toContain('Title: Poster <b>v2</b>\n');
    expect(report).toContain('Priority: urgent\n');
    expect(report).toContain('Parameters:\n  prompt: a poster\n  count: 2\n');
    expect(report).toContain('actual 0.05 USD');
    for (const attempt of [1, 2, 3]) {
      expect(report).toContain(`  #${attempt} failed at inference after 20.0 s`);
      expect(report).toContain(`(retryable, trace tr-${attempt}): failure ${attempt}`);
    }
    // Each attempt's own lines (its window), the last 20 of the third with the cut said.
    expect(report).toContain('Log of attempt 1: all 10 lines');
    expect(report).toContain('Log of attempt 2: all 10 lines');
    expect(report).toContain('Log of attempt 3: all 10 lines');
    expect(within(errorBox()).getByRole('status')).toHaveTextContent('Error log copied to the clipboard.');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('downloads the report as text and as JSON', async () => {
    const task = failedTask();
    withLog(task, 3);
    const saved: { name: string; blob: Blob }[] = [];
    const created = new Map<string, Blob>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = `blob:${created.size}`;
      created.set(url, blob as Blob);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: created.get(this.href)! });
    });
    const { user } = renderDetails([task]);
    await within(screen.getByRole('log')).findByText('step 3');

    await user.click(screen.getByRole('button', { name: 'Download report (text)' }));
    await user.click(screen.getByRole('button', { name: 'Download report (JSON)' }));
    expect(saved.map((file) => file.name)).toEqual([`task-center-report-${task.id}.txt`, `task-center-report-${task.id}.json`]);
    const text = await saved[0]!.blob.text();
    expect(text).toMatch(/^Task Center error report\n/);
    expect(text).toContain('step 3');
    const json = JSON.parse(await saved[1]!.blob.text()) as { format: string; task: { id: string }; attempts: unknown[] };
    expect(json).toMatchObject({ format: 'task-center-error-report', task: { id: task.id } });
    expect(json.attempts).toHaveLength(1);
    expect(within(errorBox()).getByRole('status')).toHaveTextContent(`Report saved as task-center-report-${task.id}.json.`);
  });

  it('offers "Report a problem" only when a support address is configured, with the report in it', async () => {
    const task = failedTask();
    const opened: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.href);
    });
    const first = renderDetails([task]);
    expect(screen.queryByRole('button', { name: /Report a problem/ })).toBeNull();
    first.unmount();

    vi.stubEnv('VITE_SUPPORT_URL', 'https://help.example/new?team=ai');
    const { user, unmount } = renderDetails([task]);
    await user.click(screen.getByRole('button', { name: /^Report a problem/ }));
    const url = new URL(opened[0]!);
    expect(url.origin + url.pathname).toBe('https://help.example/new');
    expect(url.searchParams.get('team')).toBe('ai');
    expect(url.searchParams.get('task')).toBe(task.id);
    expect(url.searchParams.get('subject')).toBe(`Task Center: image task ${task.id} failed (gpu_oom)`);
    expect(url.searchParams.get('report')).toContain('Error code: gpu_oom');
    unmount();

    vi.stubEnv('VITE_SUPPORT_URL', 'mailto:support@example.com');
    const mail = renderDetails([task]);
    await mail.user.click(screen.getByRole('button', { name: /^Report a problem/ }));
    expect(opened[1]).toMatch(/^mailto:support@example\.com\?subject=Task%20Center%3A%20image%20task%20.+&body=Task%20Center%20error%20report%0A/);
  });

  it('offers no Retry for a final error, and "Edit and run again" fills the form with the task', async () => {
    const task = failedTask({ error: { code: 'content_policy', message: 'The prompt was refused', retryable: false, stage: 'inference', traceId: 't' } });
    const { user } = renderDetails([task]);
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Edit and run again: Poster <b>v2</b>' }));
    expect(useSubmitDraftStore.getState().draft).toMatchObject({ type: task.type, title: task.title, params: task.params, priority: task.priority });
  });

  it('shows the report selected in a read-only text box when the clipboard refuses', async () => {
    const task = failedTask();
    withLog(task, 3);
    const { user } = renderDetails([task]);
    await within(screen.getByRole('log')).findByText('step 3');
    stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));

    await user.click(screen.getByRole('button', { name: 'Copy error log' }));
    const field = await screen.findByRole('textbox', { name: 'Error log' });
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveFocus();
    const value = (field as HTMLTextAreaElement).value;
    expect(value).toContain('Error code: gpu_oom');
    expect(value).toContain('step 3');
    expect([(field as HTMLTextAreaElement).selectionStart, (field as HTMLTextAreaElement).selectionEnd]).toEqual([0, value.length]);
    expect(screen.getByText('The browser did not allow copying. Select the text below and copy it.')).toBeInTheDocument();
    expect(within(errorBox()).getByRole('status')).toHaveTextContent('');
  });

  it('falls back the same way when the browser has no Clipboard API', async () => {
    const { user } = renderDetails([failedTask()]);
    stubClipboard(undefined);
    await user.click(screen.getByRole('button', { name: 'Copy error log' }));
    expect(await screen.findByRole('textbox', { name: 'Error log' })).toHaveFocus();
  });

  it('is not shown for tasks that did not fail', () => {
    renderDetails([makeTask({ title: 'Fine' })]);
    expect(screen.queryByRole('region', { name: 'Error' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel Fine' })).toBeInTheDocument();
  });
});
