/**
 * Issue 9 in the browser: a refused submit says why at the field; a final error offers "Edit and
 * run again" with the form filled; the copied report holds the parameters, the link and every
 * attempt; Undo of a delete sends nothing; cancelling a running task asks first; a list answer with
 * one broken task keeps the others moving. axe stays clean on what these add (dialog, failure rows,
 * attempt table, refused field), in English and Chinese.
 *
 * A stricter server is simulated by wrapping the mock engine in the page (`window.__taskCenterMock`):
 * the service worker answers from it, and no route can see those requests (see toolchain notes).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  isOneColumn,
  mockConfig,
  mockReset,
  mockSeed,
  openFresh,
  QUIET,
  recordApiRequests,
  runClockUntil,
  serverTask,
  serverTasks,
  sidePanel,
  submitThroughForm,
  taskRow,
} from './support';

async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** The submit form, on its side tab. */
async function submitForm(page: Page) {
  return sidePanel(page, 'New task');
}

test('a refused submit shows the reason at the field it names, and a 402 at the cost', async ({ page }) => {
  await openFresh(page);
  // A server with a stricter rule than the form knows: prompts that mention a brand.
  await page.evaluate(() => {
    const mock = (window as unknown as { __taskCenterMock: { submitTask: (body: unknown) => unknown } }).__taskCenterMock;
    const original = mock.submitTask.bind(mock);
    mock.submitTask = (body: unknown) => {
      const submit = body as { params?: Record<string, unknown> };
      const brand = typeof submit.params?.prompt === 'string' && submit.params.prompt.includes('Acme');
      // Too long a prompt makes the mock refuse it, naming the field: "params.prompt: …".
      return original(brand ? { ...submit, params: { ...submit.params, prompt: 'x'.repeat(5000) } } : body);
    };
  });
  const api = recordApiRequests(page);
  const form = await submitForm(page);
  await form.getByLabel('Task type').selectOption({ label: 'Text generation' });
  await form.getByLabel(/^Title/).fill('Brand copy');
  const prompt = form.getByLabel(/^Prompt/);
  await prompt.fill('A slogan for Acme rockets');
  await form.getByRole('button', { name: 'Submit' }).click();

  await expect(prompt).toHaveAttribute('aria-invalid', 'true');
  await expect(prompt).toHaveAccessibleDescription('Not accepted by the server: must be at most 4000 characters');
  await expect(prompt).toBeFocused();
  await expect(page.getByRole('region', { name: 'Waiting to be sent' })).toBeHidden();
  await expectNoViolations(page, 'a field the server refused');

  // Corrected, it goes through; the message is gone with the edit.
  await prompt.fill('A slogan for rockets');
  await expect(prompt).not.toHaveAttribute('aria-invalid');
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('button', { name: 'Open details of Brand copy' })).toBeVisible();
  expect(api.posts()).toHaveLength(2);

  // The budget ran out since the page last looked: the 402 lands at the cost, nothing is queued.
  // The budget changes and Submit is pressed in one task, so no answer (a stats event tells the
  // page at once) can reach the page in between.
  await form.getByLabel(/^Title/).fill('One more');
  const submit = await form.getByRole('button', { name: 'Submit' }).elementHandle();
  await page.evaluate(async (button) => {
    const changed = fetch('/api/v1/_mock/config', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ budget: 0 }),
    });
    (button as HTMLButtonElement).click();
    if (!(await changed).ok) throw new Error('mock PUT /config failed');
  }, submit);
  await expect(form.getByText(/^Not accepted by the server: the budget does not cover this task\./)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Waiting to be sent' })).toBeHidden();
  // Once the page knows the budget, Submit is off and says why.
  await expect(form.getByRole('button', { name: 'Submit' })).toBeDisabled({ timeout: 20_000 });
  await expect(form.getByRole('button', { name: 'Submit' })).toHaveAccessibleDescription(/^Submit is off: this costs \$[\d.]+ and only \$0\.00 of the budget is left\.$/);
});

/** After a reload: the list is there (and with it the service worker that answers the API). */
async function reloadList(page: Page) {
  await page.reload();
  await page.getByRole('list').getByRole('button').first().waitFor();
}

/** Seeds failed tasks and returns the title of one whose error is final (the seeded mock is deterministic). */
async function aFinalFailure(page: Page): Promise<{ id: string; title: string }> {
  await mockSeed(page, { count: 12, statuses: ['failed'], types: ['image', 'text'] });
  await reloadList(page);
  for (const task of await serverTasks(page)) {
    const full = await serverTask(page, task.id);
    if (full.error && !full.error.retryable) return { id: task.id, title: task.title };
  }
  throw new Error('no final failure among the seeded tasks');
}

test('a final error offers Edit and run again, which fills the form with the task', async ({ page }) => {
  await openFresh(page);
  const { id, title } = await aFinalFailure(page);
  const original = await page.evaluate(async (taskId) => (await (await fetch(`/api/v1/tasks/${taskId}`)).json()) as { type: string; params: Record<string, string | number | boolean>; priority: string }, id);
  const row = taskRow(page, title);
  await expect(row.getByText(/^Failed at /)).toBeVisible();
  await expect(row.getByRole('button', { name: `Retry ${title} from the failed stage` })).toHaveCount(0);

  await row.getByRole('button', { name: `Edit and run again: ${title}` }).click();
  const form = page.getByRole('region', { name: 'New task' });
  const titleField = form.getByLabel(/^Title/);
  await expect(titleField).toHaveValue(title);
  await expect(titleField).toBeFocused();
  await expect(form.getByText(`Filled in from “${title}”. Change what you need, then submit.`)).toBeVisible();
  await expect(form.getByRole('combobox', { name: 'Priority' })).toHaveValue(original.priority);
  const prompt = form.getByLabel(original.type === 'analysis' ? /^Dataset/ : /^Prompt/);
  await expect(prompt).toHaveValue(String(original.params.prompt ?? original.params.dataset ?? ''));

  await titleField.fill(`${title} (edited)`);
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('button', { name: `Open details of ${title} (edited)` })).toBeVisible();
  const resubmitted = (await serverTasks(page)).find((task) => task.title === `${title} (edited)`);
  const again = await page.evaluate(async (taskId) => (await (await fetch(`/api/v1/tasks/${taskId}`)).json()) as { type: string; params: unknown }, resubmitted?.id ?? '');
  expect(again.type).toBe(original.type);
  expect(again.params).toEqual(original.params);
});

test('the copied report holds the parameters, the link and every attempt', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.install();
  await openFresh(page, { taskFailureRate: 1, latencyMs: 0, timeScale: 10 });
  await submitThroughForm(page, { title: 'Doomed summary', prompt: 'Summarise the minutes' });
  const row = taskRow(page, 'Doomed summary');
  // Retried by the app until it gives up (attempt 3) or meets a final error.
  const id = (await row.getByRole('button', { name: 'Open details of Doomed summary' }).getAttribute('data-open-task')) ?? '';
  await runClockUntil(
    page,
    async () => {
      const task = await serverTask(page, id);
      return task.status === 'failed' && (task.attempt >= 3 || task.error?.retryable === false);
    },
    { stepMs: 500, what: 'the task to fail for good' },
  );
  await expect(row.getByRole('button', { name: 'Edit and run again: Doomed summary' })).toBeVisible();
  const server = await page.evaluate(async (taskId) => (await (await fetch(`/api/v1/tasks/${taskId}`)).json()) as { attempts: { attempt: number; error: { code: string; traceId: string } | null }[] }, id);

  await row.getByRole('button', { name: 'Open details of Doomed summary' }).click();
  const details = page.getByRole('region', { name: 'Doomed summary', exact: true });
  const attempts = details.getByRole('region', { name: 'Attempts' });
  await expect(attempts.getByRole('listitem', { name: `#${server.attempts.length}` })).toBeVisible();
  await expectNoViolations(page, 'the attempt history of a failed task');
  await details.getByRole('region', { name: 'Error' }).getByRole('button', { name: 'Copy error log' }).click();
  const report = await page.evaluate(() => navigator.clipboard.readText());

  expect(report).toContain(`Link: ${new URL(`/?task=${id}`, page.url()).toString()}`);
  expect(report).toContain('Parameters:\n  prompt: Summarise the minutes\n');
  expect(report).toContain('Priority: medium');
  expect(report).toMatch(/^Cost: estimated \$?[\d.]+ USD per run/m);
  expect(report).toContain(`Attempts (${server.attempts.length}):`);
  for (const attempt of server.attempts) {
    expect(report).toContain(`  #${attempt.attempt} failed`);
    expect(report).toContain(`error ${attempt.error?.code} (`);
    expect(report).toContain(`trace ${attempt.error?.traceId})`);
    expect(report).toMatch(new RegExp(`^Log of attempt ${attempt.attempt}: (all \\d+|last 20 of \\d+) lines`, 'm'));
  }
});

test('Undo of a delete sends nothing; without Undo the delete goes out after the window', async ({ page }) => {
  await openFresh(page);
  await mockSeed(page, { count: 3, statuses: ['succeeded'] });
  await reloadList(page);
  const [first, second] = await serverTasks(page);
  const api = recordApiRequests(page);
  const deletes = () => api.all().filter((request) => request.method === 'DELETE');

  await taskRow(page, first?.title ?? '').getByRole('button', { name: `Delete ${first?.title}` }).click();
  await expect(page.getByRole('button', { name: `Open details of ${first?.title}` })).toHaveCount(0);
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await toasts.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: `Open details of ${first?.title}` })).toBeVisible();
  await page.waitForTimeout(7_000);
  expect(deletes()).toEqual([]);
  expect((await serverTasks(page)).map((task) => task.id)).toContain(first?.id);

  await taskRow(page, second?.title ?? '').getByRole('button', { name: `Delete ${second?.title}` }).click();
  await expect.poll(() => deletes().length, { timeout: 15_000 }).toBe(1);
  expect(deletes()[0]?.url.pathname).toBe(`/api/v1/tasks/${second?.id}`);
  await expect.poll(async () => (await serverTasks(page)).some((task) => task.id === second?.id)).toBe(false);
});

test('cancelling a running task asks first and says what is lost', async ({ page }) => {
  await openFresh(page);
  await mockSeed(page, { count: 1, statuses: ['running'], types: ['video'] });
  await reloadList(page);
  const [task] = await serverTasks(page);
  const title = task?.title ?? '';
  const api = recordApiRequests(page);
  await taskRow(page, title).getByRole('button', { name: `Cancel ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel “${title}”?` });
  await expect(dialog).toContainText(/It is \d+% done\. A canceled task cannot resume.* About \$[\d.]+ spent so far is not refunded\./);
  await expect(dialog.getByRole('button', { name: 'Keep it running' })).toBeFocused();
  await expectNoViolations(page, 'the cancel question');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(api.all().filter((request) => request.url.pathname.endsWith('/cancel'))).toEqual([]);

  await taskRow(page, title).getByRole('button', { name: `Cancel ${title}` }).click();
  await dialog.getByRole('button', { name: 'Cancel the task' }).click();
  await expect(taskRow(page, title).getByText('Canceled')).toBeVisible();
  // The Cancel button is gone: focus is on the row, not lost on <body>.
  await expect(page.getByRole('button', { name: `Open details of ${title}` })).toBeFocused();
  const canceled = await serverTask(page, task?.id ?? '');
  expect(canceled.status).toBe('canceled');
});

test('a list answer with one broken task keeps the others moving', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { latencyMs: 0, timeScale: 5, push: 'off' });
  await submitThroughForm(page, { title: 'Broken one', prompt: 'one' });
  await submitThroughForm(page, { title: 'Healthy one', prompt: 'two' });
  // From now on the server sends "Broken one" with a status no client knows.
  await page.evaluate(() => {
    type Answer = { body: { items: { title: string }[] } | null };
    const mock = (window as unknown as { __taskCenterMock: { listTasks: (...args: unknown[]) => Answer } }).__taskCenterMock;
    const original = mock.listTasks.bind(mock);
    mock.listTasks = (...args: unknown[]) => {
      const answer = original(...args);
      if (answer.body) answer.body = { ...answer.body, items: answer.body.items.map((task) => (task.title === 'Broken one' ? { ...task, status: 'melted' } : task)) };
      return answer;
    };
  });
  const healthy = taskRow(page, 'Healthy one');
  const broken = taskRow(page, 'Broken one');
  const reports = page.getByRole('region', { name: 'Notifications' }).getByText(/^The server sent 1 task the app could not read\./);
  let shown = 0;
  await runClockUntil(
    page,
    async () => {
      shown = Math.max(shown, await reports.count());
      return (await healthy.getByText('Succeeded').count()) > 0;
    },
    { stepMs: 1_000, what: 'the healthy task to finish' },
  );
  await expect(broken.getByText('Not updating')).toBeVisible();
  await expect(broken.getByText('Succeeded')).toHaveCount(0);
  expect(shown, 'the problem was reported, one toast').toBe(1);
  // The broken task keeps changing on the server; its problem is not reported again.
  await page.clock.runFor(15_000);
  await expect(reports).toHaveCount(0);
  await page.clock.runFor(5_000);
  await expect(reports).toHaveCount(0);
  await expectNoViolations(page, 'a row marked not updating');
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the cancel question and the failure row speak Chinese', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await mockReset(page);
    await mockConfig(page, QUIET);
    await mockSeed(page, { count: 1, statuses: ['running'], types: ['video'] });
    await mockSeed(page, { count: 1, statuses: ['failed'], types: ['image'] });
    await reloadList(page);
    const tasks = await serverTasks(page);
    const running = tasks.find((task) => task.status === 'running');
    const failed = tasks.find((task) => task.status === 'failed');
    await page.getByRole('button', { name: `取消 ${running?.title}` }).click();
    const dialog = page.getByRole('dialog', { name: `取消“${running?.title}”？` });
    await expect(dialog).toContainText(/已完成 \d+%。取消后无法继续/);
    await dialog.getByRole('button', { name: '继续运行' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('list').getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(`${failed?.title}`) }) });
    await expect(row.getByText(/^失败于/)).toBeVisible();
    await expect(row.getByRole('button', { name: `修改后重新运行：${failed?.title}` })).toBeVisible();
    if (!isOneColumn(page)) await expect(page.getByText(/显示 \d+ \/ 共 2 个任务/)).toBeVisible();
    await expectNoViolations(page, 'the list in Chinese');
  });
});
