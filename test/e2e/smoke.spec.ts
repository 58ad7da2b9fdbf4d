/**
 * Issue 2: the app starts on the mock backend, shows the seeded demo tasks, and they move.
 */
import { expect, test } from '@playwright/test';

test('starts on the mock with seeded tasks that progress', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Task Center', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Mock backend')).toBeVisible();

  const list = page.getByRole('list', { name: 'Tasks' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeGreaterThan(5);
  await expect(list.getByText('Running').first()).toBeVisible();

  // A running task's progress goes up while we watch.
  const bar = list.getByRole('progressbar').filter({ has: page.locator('.stage-running') }).first();
  const name = await bar.getAttribute('aria-label');
  const before = Number(await bar.getAttribute('aria-valuenow'));
  const same = page.getByRole('progressbar', { name: name ?? '' });
  await expect.poll(async () => Number(await same.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(before);
  expect(errors).toEqual([]);
});
