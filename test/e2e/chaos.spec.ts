/**
 * Issue 4, chaos: broken answers and server errors from the mock. The app says what is wrong in
 * words, keeps what it shows usable (stale data greyed, not an error screen), backs off, gives up
 * with "Retry now", and picks up again once the server behaves. These run on polling (`push:
 * "off"`): an open event stream would carry the updates past the faults of single requests; the
 * push channel's own outage journeys are in push.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { mockConfig, openFresh, runClockUntil, sidePanel, submitThroughForm, taskRow } from './support';

const connection = (page: Page) => page.getByRole('banner');
const progressOf = async (page: Page, title: string) =>
  Number(await page.getByRole('progressbar', { name: `Progress of ${title}` }).getAttribute('aria-valuenow'));

test('malformed answers for a while: a message in words, a usable page, recovery when they stop', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off' });
  await submitThroughForm(page, { title: 'Long teaser', type: 'Video generation', prompt: 'a paper plane over a city' });
  await submitThroughForm(page, { title: 'Short note' });
  const row = taskRow(page, 'Long teaser');

  // Through the chaos controls, as a demo would.
  const panel = await sidePanel(page, 'Mock backend');
  await panel.getByLabel('Malformed JSON').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Mock settings applied.' })).toBeVisible();
  await expect(connection(page).getByText(/^(Connection trouble — retrying|Gave up reaching the server)$/)).toBeVisible();
  await expect(connection(page)).toContainText('Last error: The server sent an answer the app does not understand.');
  await expect(connection(page).getByRole('button', { name: 'Retry now' })).toBeVisible();

  // A minute and a half of it: what was shown stays, marked as not updating, and the page works.
  await page.clock.runFor(90_000);
  const frozen = await progressOf(page, 'Long teaser');
  await expect(row.getByText('(paused)')).toBeVisible();
  await expect(row.getByText('Running')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tasks' }).getByRole('alert')).toHaveCount(0); // no error screen
  await page.getByRole('searchbox', { name: 'Search titles' }).fill('teaser');
  await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('listitem')).toHaveCount(1);
  await row.getByRole('button', { name: 'Open details of Long teaser' }).click();
  await expect(page.getByRole('heading', { name: 'Long teaser', level: 2 })).toBeFocused();

  // Faults off: the app is live again and the list moves on.
  await panel.getByLabel('Malformed JSON').fill('0');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(connection(page).getByText('Live', { exact: true })).toBeVisible();
  await expect(connection(page)).not.toContainText('Last error');
  await expect(row.getByText('(paused)')).toHaveCount(0);
  await expect.poll(() => progressOf(page, 'Long teaser')).toBeGreaterThan(frozen);
});

test('500s: backing off, then gave up with "Retry now"; Retry now recovers once the server is back', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off' });
  await submitThroughForm(page, { title: 'Quarterly summary' });
  await mockConfig(page, { faults: { http500: 1 } });

  await runClockUntil(page, async () => (await connection(page).getByText('Connection trouble — retrying').count()) > 0, {
    stepMs: 500,
    what: 'backing off',
  });
  await expect(connection(page)).toContainText('Last error: The server refused the request (500).');
  await expect(connection(page).getByRole('button', { name: 'Retry now' })).toBeVisible();
  await runClockUntil(page, async () => (await connection(page).getByText('Gave up reaching the server').count()) > 0, {
    stepMs: 500,
    what: 'giving up',
  });
  const retryNow = connection(page).getByRole('button', { name: 'Retry now' });
  await expect(retryNow).toBeVisible();
  await expect(taskRow(page, 'Quarterly summary').getByText('Running')).toBeVisible();

  // The server is back; the user asks.
  await mockConfig(page, { faults: { http500: 0 } });
  await retryNow.click();
  await expect(connection(page).getByText(/^(Live|Up to date — nothing running)$/)).toBeVisible();
  await expect(retryNow).toBeHidden();
  await runClockUntil(page, async () => (await taskRow(page, 'Quarterly summary').getByText('Succeeded').count()) > 0, {
    what: 'the task to finish',
  });
});
