/**
 * Polling, the fallback when the server has no push channel (`push: "off"` in the mock), in real
 * Chromium: the page hidden switches to the slow tier at once and catches up the
 * moment it returns; offline sends nothing and catches up on reconnect; two tabs share one
 * poller and hand over when the leader closes; a 429 with Retry-After: 30 silences every request
 * for 30 s.
 */
import { expect, test, type Page } from '@playwright/test';
import { mockConfig, openFresh, recordApiRequests, setPageHidden } from './support';

/** Submits behind the app's back (as another client would), then lets the app's idle heartbeat find it. */
async function submitDirect(page: Page, title: string, type: 'video' | 'analysis' = 'video') {
  await page.evaluate(
    async ({ title, type }) => {
      const params = type === 'video' ? { prompt: 'a paper plane' } : { dataset: 's3://demo/sales.csv' };
      const response = await fetch('/api/v1/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type, title, params }),
      });
      if (response.status !== 201) throw new Error(`submit failed: ${response.status} ${await response.text()}`);
    },
    { title, type },
  );
  await page.clock.runFor(61_000);
  await expect(page.getByRole('button', { name: `Open details of ${title}` })).toBeVisible();
}

test('hidden page: the slow tier at once, a catch-up request the moment it returns', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off' });
  await submitDirect(page, 'Long video');
  const api = recordApiRequests(page);

  await setPageHidden(page, true);
  api.clear();
  await page.clock.runFor(59_000);
  expect(api.listPolls().length).toBeLessThanOrEqual(1);
  await page.clock.runFor(120_000);
  expect(api.listPolls().length).toBeLessThanOrEqual(4); // at most one a minute (plus the edge)

  api.clear();
  await setPageHidden(page, false);
  // At once: no clock time passes here; the window only absorbs a slow machine.
  await expect.poll(() => api.listPolls().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
});

test('offline: no requests at all; back online: a catch-up request', async ({ page, context }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off' });
  await submitDirect(page, 'Offline video');
  const api = recordApiRequests(page);

  await context.setOffline(true);
  await expect(page.getByText('Offline — will resume by itself')).toBeVisible();
  api.clear();
  await page.clock.runFor(120_000);
  expect(api.count()).toBe(0);

  await context.setOffline(false);
  await expect.poll(() => api.listPolls().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByText('Offline — will resume by itself')).toBeHidden();
});

test('two tabs: one poller; when it closes the other takes over', async ({ context }) => {
  const first = await context.newPage();
  await first.clock.install();
  await openFresh(first, { push: 'off' });
  await submitDirect(first, 'Shared analysis', 'analysis');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('button', { name: 'Open details of Shared analysis' })).toBeVisible();
  await expect(second.getByText('updates shared by another tab')).toBeVisible();

  const a = recordApiRequests(first);
  const b = recordApiRequests(second);
  await first.clock.runFor(40_000);
  expect(a.listPolls().length).toBeGreaterThan(0);
  expect(b.listPolls().length).toBe(0);

  await first.close();
  await expect(second.getByText('updates shared by another tab')).toBeHidden({ timeout: 5_000 });
  await second.clock.runFor(20_000);
  await expect.poll(() => b.listPolls().length, { timeout: 10_000 }).toBeGreaterThan(0);
});

test('429 with Retry-After: 30 → nothing is sent for 30 s', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off' });
  await submitDirect(page, 'Busy analysis', 'analysis');
  const api = recordApiRequests(page);

  await mockConfig(page, { faults: { http429: 1 }, retryAfterSeconds: 30 });
  const limited = page.waitForResponse((response) => response.status() === 429);
  await page.clock.runFor(10_000);
  await limited;
  await mockConfig(page, { faults: { http429: 0 } });
  await expect(page.getByText(/Server busy — cooling down until/)).toBeVisible();

  api.clear();
  await page.clock.runFor(29_000);
  expect(api.count()).toBe(0);
  await page.clock.runFor(3_000);
  await expect.poll(() => api.count(), { timeout: 5_000 }).toBeGreaterThan(0);
});
