/**
 * Shared helpers for the browser journeys: talking to the mock's controls through the page (the
 * service worker answers only the page's own requests), counting the app's API requests, and the
 * page states no CDP call can produce (a hidden page).
 */
import type { Page, Request } from '@playwright/test';
import type { MockConfigPatch } from '../../src/api/mockConfig';

/** The app's own API calls: everything under /api/v1 except the mock's controls. */
export function isAppApiRequest(request: Request): boolean {
  const url = new URL(request.url());
  return url.pathname.startsWith('/api/v1/') && !url.pathname.startsWith('/api/v1/_mock');
}

/** Records the app's API requests of a page from now on. */
export function recordApiRequests(page: Page) {
  const seen: { at: number; method: string; url: URL; headers: Record<string, string> }[] = [];
  page.on('request', (request) => {
    if (isAppApiRequest(request)) {
      seen.push({ at: Date.now(), method: request.method(), url: new URL(request.url()), headers: request.headers() });
    }
  });
  return {
    all: () => [...seen],
    count: () => seen.length,
    listPolls: () => seen.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/tasks'),
    posts: () => seen.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/tasks'),
    clear: () => {
      seen.length = 0;
    },
  };
}

async function mockCall(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/v1/_mock${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`mock ${method} ${path}: ${response.status}`);
      return response.status === 204 ? null : ((await response.json()) as unknown);
    },
    { method, path, body },
  );
}

export const mockConfig = (page: Page, patch: MockConfigPatch) => mockCall(page, 'PUT', '/config', patch);
export const mockReset = (page: Page) => mockCall(page, 'POST', '/reset');
export const mockSeed = (page: Page, body: { count: number; statuses?: string[]; types?: string[] }) =>
  mockCall(page, 'POST', '/seed', body);

/** Tasks as the server sees them (through the page, bypassing the app). */
export async function serverTasks(page: Page, query = ''): Promise<{ id: string; title: string; status: string; attempt: number }[]> {
  return page.evaluate(async (query) => {
    const response = await fetch(`/api/v1/tasks?limit=500${query}`);
    const body = (await response.json()) as { items: { id: string; title: string; status: string; attempt: number }[] };
    return body.items;
  }, query);
}

/** Quiet, fast defaults for deterministic journeys. */
export const QUIET: MockConfigPatch = {
  latencyMs: 20,
  latencyJitterMs: 0,
  taskFailureRate: 0,
  faults: { http500: 0, http503: 0, http429: 0, network: 0, malformed: 0 },
};

/** Opens the app on a fresh mock (no demo tasks) with the given config. */
export async function openFresh(page: Page, config: MockConfigPatch = {}) {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Task Center', level: 1 }).waitFor();
  await mockReset(page);
  await mockConfig(page, { ...QUIET, ...config });
  await page.reload();
  await page.getByRole('heading', { name: 'Task Center', level: 1 }).waitFor();
}

/** Headless Chromium cannot hide a page through CDP: override visibilityState and announce it. */
export async function setPageHidden(page: Page, hidden: boolean) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
}

/** One task as the server sees it, with its stages and error (through the page, bypassing the app). */
export interface ServerTask {
  id: string;
  title: string;
  status: string;
  attempt: number;
  finishedAt: string | null;
  stages: { key: string; label: string; status: string; progress: number; startedAt: string | null; finishedAt: string | null }[];
  error: { code: string; retryable: boolean; stage: string; traceId: string; message: string } | null;
}

export async function serverTask(page: Page, id: string): Promise<ServerTask> {
  return page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/tasks/${encodeURIComponent(id)}`);
    if (!response.ok) throw new Error(`task ${id}: ${response.status}`);
    return (await response.json()) as ServerTask;
  }, id);
}

/**
 * Moves the page's fake clock (`page.clock.install()` first) in steps until `done()` holds: minutes
 * of task time in seconds, and a check between steps so short-lived things (a toast) are seen.
 */
export async function runClockUntil(
  page: Page,
  done: () => Promise<boolean>,
  { stepMs = 1_000, maxMs = 15 * 60_000, what = 'the condition' }: { stepMs?: number; maxMs?: number; what?: string } = {},
): Promise<number> {
  for (let elapsed = 0; elapsed <= maxMs; elapsed += stepMs) {
    if (await done()) return elapsed;
    await page.clock.runFor(stepMs);
  }
  throw new Error(`${what} did not happen within ${maxMs / 1000} s of page time`);
}

/** Fills the "New task" form and submits it; the task's row is on screen when this returns. */
export async function submitThroughForm(
  page: Page,
  { title, type = 'Text generation', prompt = 'Summarise the release in three bullet points' }: { title: string; type?: string; prompt?: string },
) {
  const form = page.getByRole('region', { name: 'New task' });
  await form.getByLabel('Task type').selectOption({ label: type });
  await form.getByLabel(/^Title/).fill(title);
  await form.getByLabel(type === 'Data analysis' ? /^Dataset/ : /^Prompt/).fill(prompt);
  await form.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('button', { name: `Open details of ${title}` }).waitFor();
}

/** The row of a task in the list, found by its title. */
export function taskRow(page: Page, title: string) {
  return page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Open details of ${title}`, exact: true }) });
}

/** The status of each segment of a row's stage bar, in order ("done", "running", …). */
export async function stageBarStatuses(page: Page, title: string): Promise<string[]> {
  return page
    .getByRole('progressbar', { name: `Progress of ${title}`, exact: true })
    .locator('.stage-seg')
    .evaluateAll((segments) => segments.map((segment) => /\bstage-(?!seg\b)(\w+)/.exec(segment.getAttribute('class') ?? '')?.[1] ?? '?'));
}

/** The header's settings menu, opened if it is closed (language, theme, notifications live there). */
export async function settingsMenu(page: Page) {
  const button = page.getByRole('banner').getByRole('button', { name: /^(Settings|设置)$/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('banner').getByRole('group', { name: /^(Settings|设置)$/ });
}

/** Closes the settings menu if it is open. */
export async function closeSettings(page: Page) {
  const button = page.getByRole('banner').getByRole('button', { name: /^(Settings|设置)$/ });
  if ((await button.getAttribute('aria-expanded')) === 'true') await button.click();
}

/** Picks a theme ("Light", "Dark", "System") in the settings menu, then closes the menu. */
export async function chooseTheme(page: Page, label: string) {
  const menu = await settingsMenu(page);
  await menu.getByRole('combobox', { name: /^(Theme|主题)$/ }).selectOption({ label });
  await closeSettings(page);
}

/** Picks a language ("English", "简体中文") in the settings menu, then closes the menu. */
export async function chooseLanguage(page: Page, label: string) {
  const menu = await settingsMenu(page);
  await menu.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption({ label });
  await closeSettings(page);
}

/** Shows one of the side column's tabs ("New task", "Statistics", "Mock backend") and returns its region. */
export async function sidePanel(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  return page.getByRole('region', { name, exact: true });
}

/** Whether the page runs at a phone's width (the details open as a full-screen sheet there). */
export function isOneColumn(page: Page): boolean {
  return (page.viewportSize()?.width ?? 1440) < 1000;
}

/** Closes the open task's details: the sheet's "Back to the list" on one column, else Close. */
export async function closeDetails(page: Page) {
  if (isOneColumn(page)) await page.getByRole('dialog').getByRole('button', { name: 'Back to the list' }).click();
  else await page.getByRole('region', { name: /./ }).getByRole('button', { name: 'Close', exact: true }).first().click();
}

/** Creates a task through the API (from the page, so the mock answers), e.g. one with an awkward title. */
export async function createTask(page: Page, title: string, type = 'text'): Promise<string> {
  return page.evaluate(
    async ({ title, type }) => {
      const params = type === 'analysis' ? { dataset: 'sales.csv' } : { prompt: 'a lighthouse at dusk' };
      const response = await fetch('/api/v1/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type, title, params, priority: 'medium' }),
      });
      if (!response.ok) throw new Error(`create ${title}: ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
    { title, type },
  );
}

/**
 * A list that has every kind of row: each status (so every set of actions), a failed one counting
 * down to its retry, and titles that are long, unbroken, Chinese or right-to-left.
 */
export const AWKWARD_TITLES = [
  'Quarterly revenue analysis for the board meeting with every region broken down by product line and channel',
  'Supercalifragilisticexpialidocious_unbroken_identifier_without_any_spaces_at_all_1234567890',
  '季度营收分析：按地区、产品线和渠道细分，供董事会会议使用的完整报告',
  'تحليل الإيرادات الفصلية لاجتماع مجلس الإدارة',
] as const;

export async function openWithEveryKindOfRow(page: Page) {
  await openFresh(page, { latencyMs: 0 });
  await mockSeed(page, { count: 3, statuses: ['succeeded', 'canceled'] });
  await mockSeed(page, { count: 2, statuses: ['failed'], types: ['image', 'video'] });
  await mockSeed(page, { count: 2, statuses: ['running'], types: ['video', 'analysis'] });
  await mockSeed(page, { count: 2, statuses: ['queued'] });
  for (const title of AWKWARD_TITLES) await createTask(page, title);
  await page.reload();
  await page.getByRole('button', { name: `Open details of ${AWKWARD_TITLES[0]}` }).waitFor();
}
