/**
 * Issue 4, titles are text: a task titled like an HTML payload shows those very characters in the
 * list, the details and the completion toast, and nothing in it ever runs.
 */
import { expect, test } from '@playwright/test';
import { openFresh, runClockUntil, submitThroughForm, taskRow } from './support';

const PAYLOAD = '<img src=x onerror=alert(1)>';

test('a title full of HTML renders as text everywhere and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.addEventListener('error', (event) => {
      if (event.target instanceof HTMLImageElement) document.documentElement.dataset.brokenImage = event.target.src;
    }, true);
  });
  await page.clock.install();
  await openFresh(page);
  await submitThroughForm(page, { title: PAYLOAD });

  const row = taskRow(page, PAYLOAD);
  await expect(row.getByText(PAYLOAD, { exact: true })).toBeVisible();
  await row.getByRole('button', { name: `Open details of ${PAYLOAD}` }).click();
  await expect(page.getByRole('heading', { name: PAYLOAD, level: 2 })).toHaveText(PAYLOAD);

  await runClockUntil(page, async () => (await row.getByText('Succeeded').count()) > 0, { what: 'the task to succeed' });
  await expect(page.getByRole('status').filter({ hasText: `Done: ${PAYLOAD}` })).toBeVisible();

  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.dataset.brokenImage)).toBeUndefined();
});
