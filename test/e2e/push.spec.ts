/**
 * Issue 7, live updates over the push channel in real Chromium on the mock (`GET /events` streamed
 * by the MSW worker): the list updates with no list polls; two tabs share one stream; a dropped
 * stream reconnects and misses nothing; push off and a buffering proxy fall back to polling (the
 * latter within 15 s); a hidden page is notified within 2 s of a task finishing. Real time, with
 * the mock's tasks sped up. Every EventSource the app opens is recorded by wrapping the
 * constructor (the service worker's answers are not visible to `page.route`).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mockConfig, openFresh, recordApiRequests, serverTask, setPageHidden, settingsMenu, submitThroughForm } from './support';

declare global {
  interface Window {
    __streams: { url: string; openedAt: number; source: EventSource }[];
    __notified: { title: string; at: number }[];
  }
}

async function recordStreams(context: BrowserContext) {
  await context.addInitScript(() => {
    const Original = window.EventSource;
    const streams: { url: string; openedAt: number; source: EventSource }[] = [];
    Object.defineProperty(window, '__streams', { value: streams });
    class Recorded extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        streams.push({ url: String(url), openedAt: Date.now(), source: this });
      }
    }
    window.EventSource = Recorded;
  });
}

/** The app's EventSources in this page: how many were made, how many are open (or opening) now. */
const streams = (page: Page) =>
  page.evaluate(() => ({
    made: window.__streams.length,
    open: window.__streams.filter((s) => s.source.readyState !== EventSource.CLOSED).length,
    urls: window.__streams.map((s) => s.url),
  }));

const status = (page: Page) => page.getByRole('banner').getByRole('status').first();
const banner = (page: Page) => page.getByRole('banner');

/** Submits behind the app's back (as another client would); returns the new task's id. */
async function submitDirect(page: Page, title: string): Promise<string> {
  return page.evaluate(async (title) => {
    const response = await fetch('/api/v1/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ type: 'text', title, params: { prompt: 'Three bullet points' } }),
    });
    if (response.status !== 201) throw new Error(`submit failed: ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }, title);
}

const rowStatus = (page: Page, title: string) =>
  page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: `Open details of ${title}`, exact: true }) });

/** "Live" and nothing after it: the stream carries the updates. */
async function expectPushed(page: Page) {
  await expect(status(page)).toHaveText('Live');
  await expect(banner(page)).not.toContainText('checking every');
}

test.beforeEach(async ({ context }) => {
  await recordStreams(context);
});

test('the list updates over the stream with no list polls', async ({ page }) => {
  await openFresh(page, { timeScale: 10 });
  await expectPushed(page);
  const api = recordApiRequests(page);
  const id = await submitDirect(page, 'Pushed summary');
  await expect(page.getByRole('button', { name: 'Open details of Pushed summary' })).toBeVisible({ timeout: 3_000 });
  await expect(rowStatus(page, 'Pushed summary').getByText('Succeeded')).toBeVisible({ timeout: 20_000 });
  expect((await serverTask(page, id)).status).toBe('succeeded');
  expect(api.listPolls()).toHaveLength(0);
  const { made, open, urls } = await streams(page);
  expect(open).toBe(1);
  expect(made).toBe(1);
  // The first connection resumed from the cursor of the list already loaded.
  expect(new URL(urls[0] ?? '', page.url()).searchParams.get('since')).toMatch(/\S/);
  await expectPushed(page);
});

test('two tabs share one stream; the follower sees the news', async ({ page, context }) => {
  await openFresh(page, { timeScale: 10 });
  const second = await context.newPage();
  await second.goto('/');
  await second.getByRole('heading', { name: 'Task Center', level: 1 }).waitFor();
  await expectPushed(page);
  await submitDirect(page, 'Seen in both tabs');
  for (const tab of [page, second]) {
    await expect(rowStatus(tab, 'Seen in both tabs').getByText('Succeeded')).toBeVisible({ timeout: 20_000 });
  }
  const counts = [await streams(page), await streams(second)];
  expect(counts.reduce((sum, c) => sum + c.open, 0)).toBe(1);
  await expect(status(second)).toHaveText('Live');

  // The leader's tab closes: the other opens the one stream and stays live.
  const leader = counts[0]?.open === 1 ? page : second;
  const follower = leader === page ? second : page;
  await leader.close();
  await expect.poll(async () => (await streams(follower)).open).toBe(1);
  await expectPushed(follower);
});

test('a dropped stream reconnects from the last event and misses nothing', async ({ page }) => {
  await openFresh(page, { timeScale: 10 });
  await expectPushed(page);
  const api = recordApiRequests(page);
  await mockConfig(page, { push: 'on' });
  await page.evaluate(() => fetch('/api/v1/_mock/events/drop', { method: 'POST' }));
  // Sent while the stream is down: the resume from the last event id brings it.
  await submitDirect(page, 'Sent during the drop');
  await expect(page.getByRole('button', { name: 'Open details of Sent during the drop' })).toBeVisible({ timeout: 5_000 });
  await expect.poll(async () => (await streams(page)).made).toBe(2);
  const { urls, open } = await streams(page);
  expect(open).toBe(1);
  expect(new URL(urls[1] ?? '', page.url()).searchParams.get('since')).toMatch(/\S/);
  expect(api.listPolls()).toHaveLength(0);
  await expectPushed(page);
});

test('push off: the app falls back to polling and says so', async ({ page }) => {
  await openFresh(page);
  await expectPushed(page);
  await mockConfig(page, { push: 'off' });
  const api = recordApiRequests(page);
  await page.evaluate(() => fetch('/api/v1/_mock/events/drop', { method: 'POST' }));
  // Nothing runs: "Up to date", checked by the idle heartbeat poll.
  await expect(banner(page)).toContainText(/Up to date — nothing running\s*· checking every \d+ s/, { timeout: 10_000 });
  await submitThroughForm(page, { title: 'Polled summary' });
  await expect(banner(page)).toContainText(/Live\s*· checking every \d+ s/);
  await expect.poll(() => api.listPolls().length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(api.listPolls().length).toBeGreaterThan(0);
});

test('a buffering proxy: polling takes over within 15 s', async ({ page }) => {
  await openFresh(page, { timeScale: 1 });
  await expectPushed(page);
  await submitDirect(page, 'Long report');
  await expect(page.getByRole('button', { name: 'Open details of Long report' })).toBeVisible({ timeout: 5_000 });
  await mockConfig(page, { push: 'buffered' });
  const api = recordApiRequests(page);
  const droppedAt = Date.now();
  await page.evaluate(() => fetch('/api/v1/_mock/events/drop', { method: 'POST' }));
  await expect.poll(() => api.listPolls().length, { timeout: 16_000, intervals: [250] }).toBeGreaterThan(0);
  const tookOver = (api.listPolls()[0]?.at ?? Infinity) - droppedAt;
  expect(tookOver).toBeLessThanOrEqual(15_000);
  await expect(banner(page)).toContainText(/checking every \d+ s/);
});

test('a hidden page keeps its stream: the system notification comes within 2 s', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const Original = window.Notification;
    const calls: { title: string; at: number }[] = [];
    Object.defineProperty(window, '__notified', { value: calls });
    class Recorded extends Original {
      constructor(title: string, options?: NotificationOptions) {
        calls.push({ title, at: Date.now() });
        super(title, options);
      }
    }
    window.Notification = Recorded;
  });
  await openFresh(page, { timeScale: 10 });
  const notify = (await settingsMenu(page)).getByRole('switch', { name: 'Notify me when tasks finish' });
  await notify.check();
  await page.keyboard.press('Escape');
  await expectPushed(page);
  await setPageHidden(page, true);
  const id = await submitDirect(page, 'Hidden summary');
  await expect.poll(() => page.evaluate(() => window.__notified.length), { timeout: 30_000 }).toBeGreaterThan(0);
  const [notification] = await page.evaluate(() => window.__notified);
  const finishedAt = Date.parse((await serverTask(page, id)).finishedAt ?? '');
  expect(notification?.title).toBe('Done: Hidden summary');
  expect((notification?.at ?? Infinity) - finishedAt).toBeLessThanOrEqual(2_000);
  expect((await streams(page)).open).toBe(1);
});
