/**
 * Issue 3, safe submits in real Chromium: a double click creates one task; a reload in the middle
 * of a submit creates one task (the outbox resends with the same Idempotency-Key); a submit made
 * offline waits in the outbox, visibly, and goes out once on reconnect.
 */
import { expect, test, type Page } from '@playwright/test';
import { openFresh, recordApiRequests, serverTasks } from './support';

async function fillImageForm(page: Page, title: string) {
  const form = page.getByRole('region', { name: 'New task' });
  await form.getByLabel('Task type').selectOption({ label: 'Image generation' });
  await form.getByLabel(/^Title/).fill(title);
  await form.getByLabel(/^Prompt/).fill('a lighthouse at dusk');
  return form;
}

test('a double click on Submit creates one task', async ({ page }) => {
  await openFresh(page);
  const api = recordApiRequests(page);
  const form = await fillImageForm(page, 'Double click poster');
  await form.getByRole('button', { name: 'Submit' }).dblclick();
  await expect(page.getByRole('button', { name: 'Open details of Double click poster' })).toBeVisible();
  await page.waitForTimeout(1_000); // let any second request (there must be none) arrive
  const keys = new Set(api.posts().map((post) => post.headers['idempotency-key']));
  expect(keys.size).toBe(1);
  expect((await serverTasks(page)).filter((task) => task.title === 'Double click poster')).toHaveLength(1);
});

test('a reload in the middle of a submit creates one task', async ({ page }) => {
  await openFresh(page, { latencyMs: 2_500 });
  const form = await fillImageForm(page, 'Reload poster');
  const sent = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/v1/tasks'));
  await form.getByRole('button', { name: 'Submit' }).click();
  const first = await sent;
  const key = first.headers()['idempotency-key'];
  // Recording from before the reload: the reloaded page may resend before its load event.
  const api = recordApiRequests(page);
  await page.reload(); // the answer never arrives in this page

  await expect(page.getByRole('button', { name: 'Open details of Reload poster' })).toBeVisible({ timeout: 20_000 });
  expect(api.posts().map((post) => post.headers['idempotency-key'])).toContain(key);
  expect(new Set(api.posts().map((post) => post.headers['idempotency-key']))).toEqual(new Set([key]));
  expect((await serverTasks(page)).filter((task) => task.title === 'Reload poster')).toHaveLength(1);
});

test('an offline submit waits in the outbox and goes out once on reconnect', async ({ page, context }) => {
  await openFresh(page);
  await expect(page.getByRole('region', { name: 'New task' }).getByLabel('Task type')).toBeVisible();
  await context.setOffline(true);
  const api = recordApiRequests(page);
  const form = await fillImageForm(page, 'Offline poster');
  await form.getByRole('button', { name: 'Submit' }).click();
  const outbox = page.getByRole('region', { name: 'Waiting to be sent' });
  await expect(outbox.getByText('Offline poster')).toBeVisible();
  await expect(outbox.getByText('goes out when the network is back')).toBeVisible();
  await page.waitForTimeout(1_500);
  expect(api.posts()).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByRole('button', { name: 'Open details of Offline poster' })).toBeVisible();
  await expect(outbox).toBeHidden();
  expect(api.posts()).toHaveLength(1);
  expect((await serverTasks(page)).filter((task) => task.title === 'Offline poster')).toHaveLength(1);
});
