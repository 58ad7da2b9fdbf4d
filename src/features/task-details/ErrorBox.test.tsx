import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LogEntry, Task } from '../../api/schemas';
import { buildErrorReport } from '../../lib/errorReport';
import { iso, makeTask, stagesAt, T0 } from '../../../test/utils/taskFactory';
import { backend, logLine, renderDetails, setupDetailsBackend } from './detailsTestServer';

setupDetailsBackend();

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

  it('copies exactly the report with the last 20 log lines and confirms it politely', async () => {
    const task = failedTask();
    const log = withLog(task, 25);
    const { user } = renderDetails([task]);
    await within(screen.getByRole('log')).findByText('step 25');
    const writeText = vi.fn((_text: string) => Promise.resolve());
    stubClipboard(writeText);

    await user.click(screen.getByRole('button', { name: 'Copy error log' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const report = writeText.mock.calls[0]![0];
    expect(report).toBe(buildErrorReport({ task, logs: log, appVersion: __APP_VERSION__, userAgent: navigator.userAgent }));
    expect(report).toContain(`Task ID: ${task.id}\n`);
    expect(report).toContain('Title: Poster <b>v2</b>\n');
    expect(report).toContain(`${iso(T0 + 500)} info [inference] step 6\n`);
    expect(report).not.toContain('step 5\n');
    expect(report.endsWith('step 25')).toBe(true);
    expect(within(errorBox()).getByRole('status')).toHaveTextContent('Error log copied to the clipboard.');
    expect(screen.queryByRole('textbox')).toBeNull();
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
