/**
 * Issue 8, a phone (390 × 844, touch) and a 13-inch laptop (1366 × 768): runs in the "phone" and
 * "laptop" projects only. Axe with the WCAG 2.2 AA rules (target size included) on the list, the
 * details, the form with its errors and the settings menu; every control at least 24 px, and
 * 44 px on the touch screen; on the phone the details are a full-screen sheet that the URL names
 * and Back closes, under a compact header that keeps the connection state in view.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { isOneColumn, openWithEveryKindOfRow, settingsMenu } from './support';

const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG22_AA).analyze();
  const summary = violations.map((violation) => ({
    rule: violation.id,
    nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
  expect(summary, `WCAG 2.2 AA violations on ${what}`).toEqual([]);
}

/** Visible controls smaller than `min` px either way; a checkbox counts with the label it sits in. */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll('button, a[href], input, select, textarea, [role="tab"]');
    for (const control of controls) {
      if (control.closest('.visually-hidden') || control.classList.contains('skip-link')) continue;
      const style = getComputedStyle(control);
      if (style.visibility === 'hidden') continue;
      const target = (control as HTMLInputElement).type === 'checkbox' ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const label = control.getAttribute('aria-label') ?? target.textContent ?? '';
        small.push(`<${control.tagName.toLowerCase()}> "${label.trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  }, min);
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openWithEveryKindOfRow(page);
});

test('WCAG 2.2 AA (target size included): list, details, form errors, settings', async ({ page }) => {
  await expectNoViolations(page, 'the list');

  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
  await page.getByRole('button', { name: /^Open details of / }).first().click();
  await expect(page.getByRole('region', { name: 'Error' }).getByRole('button', { name: 'Copy error log' })).toBeVisible();
  await expectNoViolations(page, "a failed task's details");
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Error' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'All statuses' });

  const form = page.getByRole('region', { name: 'New task' });
  await form.getByLabel('Task type').selectOption({ label: 'Text generation' });
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(form.getByText('A title is required.')).toBeVisible();
  await expectNoViolations(page, 'the form with its errors');

  await settingsMenu(page);
  await expectNoViolations(page, 'the settings menu');
});

test('every control is at least 24 px, and 44 px on a touch screen', async ({ page }) => {
  const coarse = await page.evaluate(() => matchMedia('(pointer: coarse)').matches);
  const min = coarse ? 44 : 24;
  expect(await smallTargets(page, min), 'the list and the form').toEqual([]);
  await settingsMenu(page);
  expect(await smallTargets(page, min), 'the settings menu').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Open details of / }).first().click();
  await expect(page.getByRole('region', { name: 'Stages' })).toBeVisible();
  expect(await smallTargets(page, min), 'the details').toEqual([]);
});

test('a phone: compact header with the connection in view, details as a sheet that Back closes', async ({ page }) => {
  test.skip(!isOneColumn(page), 'the sheet is for one column (under 1,000 px)');
  const header = page.getByRole('banner');
  const headerBox = await header.boundingBox();
  expect(headerBox?.height ?? 999, 'the header takes at most ~11 % of the screen').toBeLessThanOrEqual(92);
  await expect(header.getByRole('status').first()).toBeInViewport();
  // Settings live behind one button.
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveCount(0);
  await expect((await settingsMenu(page)).getByRole('combobox', { name: 'Theme' })).toBeVisible();
  await page.keyboard.press('Escape');

  const open = page.getByRole('button', { name: /^Open details of / }).nth(1);
  const title = ((await open.getAttribute('aria-label')) ?? '').replace('Open details of ', '');
  const id = await open.getAttribute('data-open-task');
  await open.click();
  const sheet = page.getByRole('dialog', { name: 'Task details' });
  await expect(sheet.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('task')).toBe(id);
  // Full screen: the sheet covers the viewport.
  const viewport = page.viewportSize();
  expect(await sheet.boundingBox()).toEqual({ x: 0, y: 0, width: viewport?.width, height: viewport?.height });

  // The browser's Back closes it; the list is where it was.
  await page.goBack();
  await expect(sheet).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('task')).toBeNull();
  await expect(open).toBeVisible();

  // "Back to the list" closes it too, and afterwards Back does not bring it back.
  await open.click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Back to the list' }).click();
  await expect(sheet).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('task')).toBeNull();

  // A link that names the task opens the sheet directly.
  await page.goto(`/?task=${id}`);
  await expect(page.getByRole('dialog', { name: 'Task details' }).getByRole('heading', { name: title, level: 2 })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
