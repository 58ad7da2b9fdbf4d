/**
 * Issue 4, accessibility: axe finds no violations on the list, the details of a running and of a
 * failed task (with its error box), the submit form showing its validation errors, a task counting
 * down to its automatic retry, and the connection having given up — in the light and the dark
 * theme. And the keyboard alone reaches the main controls, in a sensible order, with a visible focus.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { chooseTheme, mockConfig, mockSeed, openFresh, runClockUntil, settingsMenu, submitThroughForm, taskRow } from './support';

/** Runs axe on the whole page. */
async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

async function openWithTasks(page: Page) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  await openFresh(page, { latencyMs: 0 });
  await mockSeed(page, { count: 8, statuses: ['succeeded', 'canceled'] });
  await mockSeed(page, { count: 2, statuses: ['failed'], types: ['image', 'analysis'] });
  await mockSeed(page, { count: 2, statuses: ['running'], types: ['video'] });
  await mockSeed(page, { count: 2, statuses: ['queued'] });
  await page.reload();
  await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('listitem')).toHaveCount(14);
}

for (const theme of ['Light', 'Dark'] as const) {
  test.describe(`${theme.toLowerCase()} theme`, () => {
    test('list, details, error box and the submit form with its errors: no axe violations', async ({ page }) => {
      await openWithTasks(page);
      await chooseTheme(page, theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
      await expectNoViolations(page, 'the list');

      const status = page.getByRole('combobox', { name: 'Status' });
      await status.selectOption({ label: 'Running' });
      await page.getByRole('button', { name: /^Open details of / }).first().click();
      await expect(page.getByRole('region', { name: 'Stages' }).getByRole('progressbar')).toBeVisible();
      await expect(page.getByRole('log').locator('.td-log-line').first()).toBeVisible();
      await expectNoViolations(page, 'the details of a running task');

      await status.selectOption({ label: 'Failed' });
      await page.getByRole('button', { name: /^Open details of / }).first().click();
      const errorBox = page.getByRole('region', { name: 'Error' });
      await expect(errorBox.getByRole('button', { name: 'Copy error log' })).toBeVisible();
      await expect(page.getByRole('log').locator('.td-log-line').first()).toBeVisible();
      await expectNoViolations(page, 'the details of a failed task');

      const form = page.getByRole('region', { name: 'New task' });
      await form.getByLabel('Task type').selectOption({ label: 'Text generation' });
      await form.getByLabel(/^Max tokens/).fill('99999');
      await form.getByRole('button', { name: 'Submit' }).click();
      await expect(form.getByText('A title is required.')).toBeVisible();
      await expect(form.getByText('Prompt is required.')).toBeVisible();
      await expect(form.getByText('Max tokens must be at most 8,000.')).toBeVisible();
      await expect(form.getByLabel(/^Title/)).toBeFocused();
      await expect(form.getByLabel(/^Title/)).toHaveAccessibleDescription('A title is required. 0 / 200');
      await expectNoViolations(page, 'the submit form with errors');
    });

    test('a row counting down to its automatic retry: no axe violations', async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.clock.install();
      await openFresh(page, { latencyMs: 0, taskFailureRate: 1 });
      await chooseTheme(page, theme);
      // The seeded mock fails this one first with a retryable error (see journeys.spec.ts).
      await submitThroughForm(page, { title: 'Flaky summary 1' });
      const row = taskRow(page, 'Flaky summary 1');
      await runClockUntil(page, async () => (await row.getByText(/^Retrying in \d+ s$/).count()) > 0, {
        stepMs: 250,
        what: 'the retry countdown',
      });
      // Stop the page's Date (timers keep running, axe needs them): the countdown holds.
      await page.clock.setFixedTime(await page.evaluate(() => Date.now()));
      await expectNoViolations(page, 'a row counting down to its retry');
      await expect(row.getByRole('button', { name: 'Retry now from the failed stage: Flaky summary 1' })).toBeVisible();
    });

    test('a connection that gave up: no axe violations', async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.clock.install();
      // Polling (no push channel): an open event stream would keep the page live past the 500s.
      await openFresh(page, { latencyMs: 0, push: 'off' });
      await chooseTheme(page, theme);
      await submitThroughForm(page, { title: 'Quarterly summary' });
      await mockConfig(page, { faults: { http500: 1 } });
      await runClockUntil(page, async () => (await page.getByText('Gave up reaching the server').count()) > 0, {
        stepMs: 500,
        what: 'giving up',
      });
      await expectNoViolations(page, 'the connection that gave up');
    });
  });
}

test('"System" follows the browser: dark when it prefers dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect((await settingsMenu(page)).getByRole('combobox', { name: 'Theme' })).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

/** Presses Tab until the focused element matches; returns the names passed on the way. */
async function tabTo(page: Page, name: string | RegExp, max = 60): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      if (!element || element === document.body) return { name: '', outline: 'none' };
      const label = element.getAttribute('aria-label') ?? (element.labels?.[0]?.textContent || element.textContent || '');
      return { name: label.trim(), outline: getComputedStyle(element).outlineStyle };
    });
    expect(focused.outline, `a visible focus on "${focused.name}"`).not.toBe('none');
    passed.push(focused.name);
    if (typeof name === 'string' ? focused.name === name : name.test(focused.name)) return passed;
  }
  throw new Error(`Tab never reached "${String(name)}"; passed ${passed.join(' → ')}`);
}

test('the keyboard reaches the rows, their buttons and the form; Escape closes the details', async ({ page }) => {
  await openFresh(page);
  await mockSeed(page, { count: 1, statuses: ['running'], types: ['video'] });
  await mockSeed(page, { count: 1, statuses: ['failed'], types: ['image'] });
  await page.reload();
  await expect(page.getByRole('button', { name: /^Open details of / })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'New task' }).getByRole('button', { name: 'Submit' })).toBeVisible();
  const [newest, older] = await page.getByRole('button', { name: /^Open details of / }).all();
  const newestTitle = ((await newest?.getAttribute('aria-label')) ?? '').replace('Open details of ', '');

  // The skip link comes first and lands on the list.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the task list' })).toBeFocused();
  await page.keyboard.press('Enter');
  const inList = await tabTo(page, `Open details of ${newestTitle}`);
  expect(inList).toContain('Search titles');
  expect(inList).toContain('Select all shown tasks');
  expect(inList).toContain(`Select ${newestTitle}`);
  // The row's own buttons follow its title.
  const rowButtons = await tabTo(page, /^Open details of /);
  expect(rowButtons.length).toBeGreaterThan(1);
  expect(rowButtons.at(-1)).toBe(await older?.getAttribute('aria-label'));

  // Enter opens the details and puts focus on their heading; Escape closes them and returns focus.
  await page.keyboard.press('Enter');
  const olderTitle = ((await older?.getAttribute('aria-label')) ?? '').replace('Open details of ', '');
  await expect(page.getByRole('heading', { name: olderTitle, level: 2 })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Task details', level: 2 })).toBeVisible();
  await expect(older!).toBeFocused();

  // Onwards to the form: a title, then its Submit.
  await tabTo(page, 'Title *');
  await page.keyboard.type('Typed without a mouse');
  await tabTo(page, 'Prompt *');
  await page.keyboard.type('a keyboard on a desk');
  await tabTo(page, 'Submit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Open details of Typed without a mouse' })).toBeVisible();
});
