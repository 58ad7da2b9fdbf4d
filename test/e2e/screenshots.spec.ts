/**
 * Issues 4 and 8, screenshots on the demo tasks: at 1440×900 the list with a task's details, a
 * failed task's details, the submit form, statistics, the mock panel, the dark theme and Chinese;
 * then the list and the details on a phone (390×844, the details as a sheet), the list on a
 * 13-inch laptop (1366×768) and on a wide monitor (2560×1440). Every run takes them (so the
 * screens are known to render) into the test's output; `UPDATE_SCREENSHOTS=1 npx playwright test
 * screenshots` writes them to docs/screenshots/. Chinese needs a CJK font on the machine (Debian:
 * `apt-get install -y fonts-noto-cjk`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { chooseLanguage, chooseTheme, mockConfig, sidePanel } from './support';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
/** A fixed start, so the demo's times and dates read the same on every run. */
const START = new Date('2026-03-02T09:00:00Z');

test.use({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });

function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  // Toasts come and go with completions; a screenshot of a screen should not catch one. New ones
  // may arrive while the old are dismissed (a loaded machine runs the demo's clock in bursts).
  await expect(async () => {
    for (const dismiss of await page.getByRole('region', { name: /Notifications|通知/ }).getByRole('button').all()) {
      await dismiss.click({ timeout: 1_000 }).catch(() => undefined);
    }
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // No hover underline, no focus ring left from filling in a field.
  await page.mouse.move(0, (page.viewportSize()?.height ?? 900) - 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const docs = path.join(testInfo.project.testDir, '../../docs/screenshots');
  const file = UPDATE ? path.join(docs, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
}

/** The demo as a new user sees it, a few minutes in: stats have samples, tasks have moved. */
async function openDemo(page: Page) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install({ time: START });
  await page.goto('/');
  await expect(page.getByRole('list', { name: /Tasks|任务/ }).getByRole('listitem').first()).toBeVisible();
  // The demo's own failures are enough: no new ones while the clock runs (the panel shows 0 %).
  await mockConfig(page, { taskFailureRate: 0 });
  await page.reload();
  await expect(page.getByRole('list', { name: /Tasks|任务/ }).getByRole('listitem').first()).toBeVisible();
  for (let i = 0; i < 12; i += 1) await page.clock.runFor(10_000);
}

/** Scrolls a region to the top of the page, just under the sticky header. */
async function scrollToRegion(region: Locator) {
  await region.evaluate((element) => {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    window.scrollBy(0, element.getBoundingClientRect().top - header - 16);
  });
}

async function openTask(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: new RegExp(`^(Open details of |查看 )${title}`) }).first().click();
  const details = page.getByRole('region', { name: title, exact: true });
  await expect(details.getByRole('log').locator('.td-log-line').first()).toBeVisible();
  return details;
}

test('the main screens', async ({ page }, testInfo) => {
  test.skip(UPDATE && !hasCjkFont(), 'install a CJK font (fonts-noto-cjk) before updating the screenshots');
  test.setTimeout(120_000);
  await openDemo(page);
  await chooseTheme(page, 'Light');

  await openTask(page, 'Tutorial intro · 720p');
  await shoot(page, testInfo, 'list-details');

  const failed = await openTask(page, 'Product walkthrough 30s');
  await expect(failed.getByRole('region', { name: 'Error' })).toBeVisible();
  await shoot(page, testInfo, 'details-failed');

  await page.getByRole('button', { name: 'Close' }).first().click();
  const form = page.getByRole('region', { name: 'New task' });
  await form.getByLabel('Task type').selectOption({ label: 'Image generation' });
  await form.getByLabel(/^Title/).fill('Autumn campaign hero image');
  await form.getByLabel(/^Prompt/).fill('A red maple leaf on wet asphalt, shallow depth of field, morning light');
  await form.getByLabel(/^Images/).fill('4');
  await scrollToRegion(form);
  await shoot(page, testInfo, 'submit-form');

  await page.evaluate(() => window.scrollTo(0, 0));
  const stats = await sidePanel(page, 'Statistics');
  await expect(stats.getByRole('img', { name: /^Queue depth over the last/ })).toBeVisible();
  await shoot(page, testInfo, 'stats');

  await sidePanel(page, 'Mock backend');
  await shoot(page, testInfo, 'mock-panel');
  await sidePanel(page, 'New task');

  await chooseTheme(page, 'Dark');
  await openTask(page, 'Tutorial intro · 720p');
  await shoot(page, testInfo, 'dark');

  await chooseTheme(page, 'Light');
  await chooseLanguage(page, '简体中文');
  await expect(page.getByRole('heading', { name: '任务中心', level: 1 })).toBeVisible();
  await openTask(page, '团队合影风格化');
  await shoot(page, testInfo, 'zh-CN');
});

test.describe('a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });

  test('the list and the details as a sheet', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await openDemo(page);
    await chooseTheme(page, 'Light');
    await shoot(page, testInfo, 'phone-list');
    await openTask(page, 'Product walkthrough 30s');
    await shoot(page, testInfo, 'phone-details');
  });
});

for (const [name, viewport] of [
  ['laptop-list', { width: 1366, height: 768 }],
  ['wide-list', { width: 2560, height: 1440 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport });

    test(`the list at ${viewport.width}×${viewport.height}`, async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      await openDemo(page);
      await chooseTheme(page, 'Light');
      await openTask(page, 'Tutorial intro · 720p');
      await shoot(page, testInfo, name);
    });
  });
}
