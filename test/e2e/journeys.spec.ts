/**
 * Issue 4, the user's journeys in real Chromium on the mock backend: a submitted task progresses
 * stage by stage and its completion is announced (toast, tab title, system notification while the
 * page is hidden); a failed task retries by itself and, once that is over, with one click from the
 * failed stage; the error log goes to the clipboard; bulk cancel; a title full of HTML stays text.
 * Task time runs on Playwright's fake clock, so minutes of work take seconds.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  mockConfig,
  mockSeed,
  openFresh,
  runClockUntil,
  serverTask,
  serverTasks,
  setPageHidden,
  settingsMenu,
  stageBarStatuses,
  submitThroughForm,
  taskRow,
} from './support';

test.describe('a submitted task', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['notifications']);
    // Record every system notification the page creates (the real one may not show headless).
    await context.addInitScript(() => {
      const Original = window.Notification;
      const calls: { title: string; body?: string }[] = [];
      Object.defineProperty(window, '__notifications', { value: calls });
      class Recorded extends Original {
        constructor(title: string, options?: NotificationOptions) {
          calls.push({ title, body: options?.body });
          super(title, options);
        }
      }
      window.Notification = Recorded;
    });
  });

  test('progresses stage by stage, then a toast and the tab title announce it', async ({ page }) => {
    await page.clock.install();
    await openFresh(page);
    await submitThroughForm(page, { title: 'Release summary' });

    const row = taskRow(page, 'Release summary');
    const bar = page.getByRole('progressbar', { name: 'Progress of Release summary' });
    await expect(page).toHaveTitle('(1) Task Center');

    // The stage bar fills up: more and more segments done, the percentage only goes up.
    let percent = -1;
    const seen = new Set<string>();
    await runClockUntil(
      page,
      async () => {
        const now = Number(await bar.getAttribute('aria-valuenow'));
        expect(now).toBeGreaterThanOrEqual(percent);
        percent = now;
        seen.add((await stageBarStatuses(page, 'Release summary')).join(','));
        return (await row.getByText('Succeeded').count()) > 0;
      },
      { what: 'the task to succeed' },
    );
    // Every look showed stages in order: done ones, then at most one running, then pending ones.
    for (const look of seen) expect(`${look},`).toMatch(/^(done,)*(running,)?(pending,)*$/);
    expect(seen).toContain('running,pending,pending,pending');
    expect(seen).toContain('done,running,pending,pending'); // "generate", 80 % of the work
    expect(await stageBarStatuses(page, 'Release summary')).toEqual(['done', 'done', 'done', 'done']);
    await expect(bar).toHaveAttribute('aria-valuenow', '100');

    // Announced in the page: a polite toast with the title; the tab title says one finished, unseen.
    await expect(page.getByRole('status').filter({ hasText: 'Done: Release summary' })).toBeVisible();
    await expect(page).toHaveTitle('✓1 · Task Center');
    await expect(page.getByRole('button', { name: 'Just finished (1)' })).toBeVisible();
    // The header's counter (on a phone the list's group heading stands in for it).
    if ((page.viewportSize()?.width ?? 0) >= 760) await expect(page.getByText('1 finished')).toBeVisible();
    // Looking at it clears the marker.
    await row.getByRole('button', { name: 'Open details of Release summary' }).click();
    await expect(page).toHaveTitle('Task Center');
  });

  test('finishing while the page is hidden: a system notification with its title', async ({ page }) => {
    await page.clock.install();
    await openFresh(page);
    const notify = (await settingsMenu(page)).getByRole('switch', { name: 'Notify me when tasks finish' });
    await notify.check();
    await expect(notify).toBeChecked();

    await submitThroughForm(page, { title: 'Night batch summary' });
    await setPageHidden(page, true);
    await runClockUntil(page, async () => (await page.evaluate(() => window.__notifications.length)) > 0, {
      stepMs: 5_000,
      what: 'a system notification',
    });
    const notifications = await page.evaluate(() => window.__notifications);
    expect(notifications).toEqual([{ title: 'Done: Night batch summary', body: 'Task Center' }]);
    // No toast while hidden; the tab title carries the news.
    await expect(page.getByRole('status').filter({ hasText: 'Done: Night batch summary' })).toHaveCount(0);
    await expect(page).toHaveTitle('✓1 · Task Center');
  });
});

test('a retryable failure counts down to an automatic retry; later one click resumes at the failed stage', async ({ page }) => {
  test.setTimeout(120_000); // up to five tasks and three attempts each, step by step on the page's clock
  await page.clock.install();
  await openFresh(page, { taskFailureRate: 1 });

  // Where and how an attempt fails is drawn (seeded): submit until a first failure is retryable.
  let title = '';
  for (let n = 1; n <= 5 && !title; n += 1) {
    const candidate = `Flaky summary ${n}`;
    await submitThroughForm(page, { title: candidate });
    const candidateRow = taskRow(page, candidate);
    await runClockUntil(page, async () => (await candidateRow.getByText('Failed').count()) > 0, { stepMs: 250, what: `${candidate} to fail` });
    if ((await candidateRow.getByText(/^Retrying in \d+ s$/).count()) > 0) title = candidate;
  }
  expect(title, 'a retryable failure within five tasks').not.toBe('');
  const row = taskRow(page, title);
  const retryNow = row.getByRole('button', { name: `Retry now from the failed stage: ${title}` });
  const retry = row.getByRole('button', { name: `Retry ${title} from the failed stage` });

  // The automatic retry's countdown, with a way to skip it. The page's Date stands still while we
  // look (its timers keep running), so the countdown cannot run out under a slow machine.
  const lookedAt = await page.evaluate(() => Date.now());
  await page.clock.setFixedTime(lookedAt);
  await expect(row.getByText(/^Retrying in [1-5] s$/)).toBeVisible();
  await expect(retryNow).toHaveText('Retry now');
  await expect(row).toContainText('attempt 1 of 3');
  await page.clock.setSystemTime(lookedAt); // time flows again

  // The app retries by itself up to attempt 3; after that (or after a final error) the user decides:
  // Retry for an error that may pass, none for a final one (it would fail the same way).
  const attempts = new Set<string>();
  const editAndRun = row.getByRole('button', { name: `Edit and run again: ${title}` });
  const id = (await row.getByRole('button', { name: `Open details of ${title}` }).getAttribute('data-open-task')) ?? '';
  await runClockUntil(
    page,
    async () => {
      attempts.add((await row.getByText(/^attempt \d of 3$/).textContent()) ?? '');
      const waiting = (await row.getByText(/^Retrying/).count()) > 0 || (await retryNow.count()) > 0;
      if (waiting || (await editAndRun.count()) === 0) return false;
      // Between a failure and its countdown the row has no countdown for a moment: the retries
      // are over only when the server's task failed for good (attempt 3, or a final error).
      const task = await serverTask(page, id);
      return task.status === 'failed' && (task.attempt >= 3 || task.error?.retryable === false);
    },
    { stepMs: 500, what: 'the automatic retries to end' },
  );
  expect(attempts).toContain('attempt 2 of 3');
  const failed = await serverTask(page, id);
  expect(failed.status).toBe('failed');
  const at = failed.stages.findIndex((stage) => stage.status === 'failed');
  expect(at, 'the seeded failure is past the first stage').toBeGreaterThan(0);
  expect(await stageBarStatuses(page, title)).toEqual(failed.stages.map((stage) => stage.status));

  // One click: the next attempt resumes at the failed stage; the stages before it stay done.
  await mockConfig(page, { taskFailureRate: 0 });
  if (failed.error?.retryable) {
    await retry.click();
  } else {
    // A final error offers no Retry; the server still takes one (the user's call, through the API).
    await expect(retry).toHaveCount(0);
    await page.evaluate(async (taskId) => {
      await fetch(`/api/v1/tasks/${taskId}/retry`, { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } });
    }, id);
  }
  await expect(row).toContainText(failed.attempt + 1 > 3 ? `attempt ${failed.attempt + 1}` : `attempt ${failed.attempt + 1} of 3`);
  await runClockUntil(page, async () => (await stageBarStatuses(page, title))[at] === 'running', { what: 'the failed stage to run again' });
  const statuses = await stageBarStatuses(page, title);
  expect(statuses.slice(0, at)).toEqual(Array(at).fill('done'));
  expect(statuses.slice(at + 1)).toEqual(Array(statuses.length - at - 1).fill('pending'));
  const resumed = await serverTask(page, id);
  expect(resumed.stages.slice(0, at)).toEqual(failed.stages.slice(0, at)); // same timestamps: not run again

  // The details say the same: earlier stages done, the log has the retry.
  await row.getByRole('button', { name: `Open details of ${title}` }).click();
  const details = page.getByRole('region', { name: title, exact: true });
  const timeline = details.getByRole('region', { name: 'Stages' }).getByRole('listitem');
  for (let i = 0; i < at; i += 1) await expect(timeline.nth(i)).toContainText('done');
  await expect(timeline.nth(at)).toContainText('running');
  await expect(details.getByRole('log')).toContainText(`Retry requested: attempt ${failed.attempt + 1}`);

  // A retryable error goes away on the retry; a final one comes back at the same stage.
  await runClockUntil(page, async () => (await row.getByText('Succeeded').or(row.getByText('Failed')).count()) > 0, { what: 'the retry to finish' });
  if (failed.error?.retryable) {
    await expect(row.getByText('Succeeded')).toBeVisible();
  } else {
    const again = await serverTask(page, id);
    expect([again.error?.code, again.error?.stage]).toEqual([failed.error?.code, failed.error?.stage]);
  }
});

test('Copy error log puts the report of a failed task on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFresh(page);
  await mockSeed(page, { count: 1, statuses: ['failed'], types: ['image'] });
  await page.reload();
  const open = page.getByRole('button', { name: /^Open details of / });
  const id = (await open.getAttribute('data-open-task')) ?? '';
  const task = await serverTask(page, id);
  await open.click();

  const details = page.getByRole('region', { name: task.title, exact: true });
  const errorBox = details.getByRole('region', { name: 'Error' });
  await expect(errorBox).toContainText(task.error?.code ?? '?');
  await expect(details.getByRole('log')).toContainText(`trace_id=${task.error?.traceId}`);
  await errorBox.getByRole('button', { name: 'Copy error log' }).click();
  await expect(errorBox.getByRole('status')).toHaveText('Error log copied to the clipboard.');

  const report = await page.evaluate(() => navigator.clipboard.readText());
  expect(report).toContain(`Task ID: ${id}`);
  expect(report).toContain(`Title: ${task.title}`);
  expect(report).toContain(`Error code: ${task.error?.code}`);
  expect(report).toContain(`Trace ID: ${task.error?.traceId}`);
  expect(report).toContain(`Message: ${task.error?.message}`);
  // The failed attempt's log lines as "ts level [stage] message", the failure's trace line among them.
  const lines = report.split('\n');
  const logLines = lines.slice(lines.findIndex((line) => /^Log of attempt 1: (all \d+|last 20 of \d+) lines/.test(line)) + 1);
  expect(logLines.length).toBeGreaterThan(3);
  for (const line of logLines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (debug|info|warn|error) \[[\w-]+\] ./);
  expect(logLines.some((line) => line.includes(`trace_id=${task.error?.traceId}`))).toBe(true);
});

/** Cancelling running tasks asks first (issue 9); a cancel of queued ones does not. */
async function confirmCancelIfAsked(page: Page) {
  const dialog = page.getByRole('dialog', { name: /^Cancel / });
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: /^Cancel (the task|\d+ tasks)$/ }).click();
}

test('bulk cancel: picked rows, then every active task shown; the toast says how many', async ({ page }) => {
  await openFresh(page, { maxConcurrent: 2 });
  await mockSeed(page, { count: 6, statuses: ['queued'], types: ['analysis', 'video'] });
  await mockSeed(page, { count: 2, statuses: ['succeeded'] });
  await page.reload();
  const list = page.getByRole('list', { name: 'Tasks' });
  await expect(list.getByRole('listitem')).toHaveCount(8);
  const active = async () => (await serverTasks(page)).filter((task) => task.status === 'queued' || task.status === 'running');
  const [first, second, ...rest] = await active();
  expect(rest).toHaveLength(4);

  // Two rows by their checkboxes.
  await page.getByRole('checkbox', { name: `Select ${first?.title}` }).check();
  await page.getByRole('checkbox', { name: `Select ${second?.title}` }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel selected' }).click();
  await confirmCancelIfAsked(page);
  await expect(page.getByRole('status').filter({ hasText: 'Canceled 2; 0 could not be canceled.' })).toBeVisible();
  await expect(taskRow(page, first?.title ?? '').getByText('Canceled')).toBeVisible();
  await expect(taskRow(page, second?.title ?? '').getByText('Canceled')).toBeVisible();

  // The rest: filter to active tasks, select all shown, cancel.
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Active' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await page.getByRole('checkbox', { name: 'Select all shown tasks' }).check();
  await expect(page.getByText('4 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel selected' }).click();
  await confirmCancelIfAsked(page);
  await expect(page.getByRole('status').filter({ hasText: 'Canceled 4; 0 could not be canceled.' })).toBeVisible();
  await expect(page.getByText('No task matches these filters.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Canceled' });
  // Six rows (under the "Just finished" heading: this page watched them end).
  await expect(list.getByRole('button', { name: /^Open details of / })).toHaveCount(6);
  expect(await active()).toEqual([]);
  // The finished ones were never touched.
  expect((await serverTasks(page)).filter((task) => task.status === 'succeeded')).toHaveLength(2);
});

declare global {
  interface Window {
    __notifications: { title: string; body?: string }[];
  }
}
