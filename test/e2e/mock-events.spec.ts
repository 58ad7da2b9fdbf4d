/**
 * The mock's push channel in the browser (contract 1.1): `GET /events` answered by the MSW
 * service worker streams to a real `EventSource`, heartbeats and task events arrive live, the
 * browser's own reconnect after `POST /_mock/events/drop` resumes with Last-Event-ID and misses
 * nothing, `push: "off"` answers 404 (the EventSource fails for good), and under Playwright's
 * `page.clock` the stream's heartbeats follow the page's clock.
 */
import { expect, test, type Page } from '@playwright/test';
import { mockConfig, openFresh } from './support';

interface Seen {
  type: string;
  id: string;
  data: string;
}

declare global {
  interface Window {
    __events?: Seen[];
    __source?: EventSource;
    __errors?: number;
  }
}

/** Opens an EventSource on the mock in the page; its events collect in window.__events. */
async function listen(page: Page) {
  await page.evaluate(() => {
    window.__events = [];
    window.__errors = 0;
    const source = new EventSource('/api/v1/events');
    for (const type of ['task', 'removed', 'reset', 'heartbeat', 'stats']) {
      source.addEventListener(type, (event) => window.__events?.push({ type, id: event.lastEventId, data: event.data as string }));
    }
    source.onerror = () => {
      window.__errors = (window.__errors ?? 0) + 1;
    };
    window.__source = source;
  });
}

const events = (page: Page) => page.evaluate(() => window.__events ?? []);

async function submit(page: Page, title: string): Promise<string> {
  return page.evaluate(async (title) => {
    const response = await fetch('/api/v1/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ type: 'image', title, params: { prompt: 'A kite' } }),
    });
    return ((await response.json()) as { id: string }).id;
  }, title);
}

test('the worker streams events to an EventSource; after a drop the browser resumes and misses nothing', async ({ page }) => {
  await openFresh(page, { timeScale: 5 });
  await listen(page);
  await expect.poll(async () => (await events(page)).map((event) => event.type)).toContain('heartbeat');
  const first = await submit(page, 'Streamed kite');
  await expect.poll(async () => (await events(page)).filter((event) => event.type === 'task' && event.data.includes(first)).length).toBeGreaterThan(2);

  await page.evaluate(() => fetch('/api/v1/_mock/events/drop', { method: 'POST' }));
  await expect.poll(() => page.evaluate(() => window.__errors ?? 0)).toBeGreaterThan(0);
  const missed = await submit(page, 'Sent while reconnecting');
  // The browser reconnects by itself (retry: 1000) with Last-Event-ID and gets what it missed.
  await expect.poll(async () => (await events(page)).some((event) => event.type === 'task' && event.data.includes(missed)), { timeout: 10_000 }).toBe(true);
  const ids = (await events(page)).map((event) => Number(event.id.split('.')[1]));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(await page.evaluate(() => window.__source?.readyState)).toBe(1);
  await page.evaluate(() => window.__source?.close());
});

test('push off: the stream answers 404 and the EventSource gives up', async ({ page }) => {
  await openFresh(page);
  await mockConfig(page, { push: 'off' });
  expect(await page.evaluate(async () => (await fetch('/api/v1/events', { headers: { Accept: 'text/event-stream' } })).status)).toBe(404);
  await listen(page);
  await expect.poll(() => page.evaluate(() => window.__source?.readyState)).toBe(2);
});

test("under Playwright's page.clock the stream runs on the page's clock: heartbeats as the clock moves", async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { heartbeatSeconds: 10 });
  await listen(page);
  await expect.poll(async () => (await events(page)).filter((event) => event.type === 'heartbeat').length).toBe(1);
  const start = await page.evaluate(() => Date.now());
  await page.clock.runFor(35_000);
  await expect.poll(async () => (await events(page)).filter((event) => event.type === 'heartbeat').length).toBe(4);
  const times = (await events(page))
    .filter((event) => event.type === 'heartbeat')
    .map((event) => Date.parse((JSON.parse(event.data) as { serverTime: string }).serverTime) - start);
  // 0, 10, 20, 30 s on the page's clock (the first one came just before `start` was read).
  expect(times.map((ms) => Math.round(ms / 1000) + 0)).toEqual([0, 10, 20, 30]);
  await page.evaluate(() => window.__source?.close());
});
