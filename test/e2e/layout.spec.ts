/**
 * Issue 8, the layout from a phone to a wide monitor: no sideways scrolling and no cut-off control
 * at 320 (WCAG 1.4.10 reflow, and 200 % zoom of a 640 px window), 390, 768, 1280, 1366, 1920 and
 * 2560 px — with the list, with a failed task's details open and with the settings menu open;
 * titles get the room on wide screens; the header does not move when it gains a counter; the
 * side column's tab is remembered. Each test sets its own viewport (it runs in the 1440 project).
 */
import { expect, test, type Page } from '@playwright/test';
import { AWKWARD_TITLES, mockConfig, openFresh, openWithEveryKindOfRow, settingsMenu, sidePanel, submitThroughForm } from './support';

// 640 is a 1280 px window at 200 % zoom; 320 is WCAG 1.4.10 reflow (1280 px at 400 %).
const WIDTHS = [320, 390, 640, 768, 1280, 1366, 1920, 2560] as const;

/**
 * Everything that breaks "no sideways scrolling, every control visible": the page or any scroller
 * scrolling sideways, a row whose content is wider than the row (the list clips it), and any
 * visible control whose box reaches past the window's edges.
 */
async function horizontalProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (element: Element) => {
      const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
      return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> "${label.trim().slice(0, 40)}"`;
    };
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of document.querySelectorAll('body *')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls && element.scrollWidth > element.clientWidth + 1) problems.push(`${name(element)} scrolls sideways`);
    }
    for (const row of document.querySelectorAll('.task-row')) {
      if (row.scrollWidth > row.clientWidth + 1) problems.push(`${name(row)} is wider than the list: ${row.scrollWidth} > ${row.clientWidth}`);
    }
    const controls = document.querySelectorAll('button, a[href], input, select, textarea, [role="tab"], [role="switch"]');
    for (const control of controls) {
      if (control.closest('.visually-hidden') || control.classList.contains('skip-link')) continue;
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        problems.push(`${name(control)} is cut off: ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`);
      }
    }
    return problems;
  });
}

test('no sideways scrolling and no cut-off control from 320 to 2560 px: list, details, settings', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openWithEveryKindOfRow(page);
  const failedTitle = await page
    .getByRole('listitem')
    .filter({ hasText: 'Failed' })
    .first()
    .getByRole('button', { name: /^Open details of / })
    .getAttribute('aria-label');

  for (const width of WIDTHS) {
    await test.step(`${width} px`, async () => {
      await page.setViewportSize({ width, height: width < 700 ? 800 : 900 });
      await expect(page.getByRole('button', { name: `Open details of ${AWKWARD_TITLES[1]}` })).toBeVisible();
      expect(await horizontalProblems(page), `the list at ${width} px`).toEqual([]);
      // The rows' actions are among the controls checked: none past the list's edge.
      await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('button', { name: /^(Cancel|Retry|Run again|Delete) / }).first()).toBeVisible();

      await page.getByRole('button', { name: failedTitle ?? '' }).click();
      await expect(page.getByRole('region', { name: 'Error' })).toBeVisible();
      if (width < 1000) await expect(page.getByRole('dialog', { name: 'Task details' })).toBeVisible();
      expect(await horizontalProblems(page), `a failed task's details at ${width} px`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: 'Error' })).toHaveCount(0);

      const menu = await settingsMenu(page);
      await expect(menu.getByRole('combobox', { name: 'Theme' })).toBeVisible();
      expect(await horizontalProblems(page), `the settings menu at ${width} px`).toEqual([]);
      await page.keyboard.press('Escape');
    });
  }
});

test('wide screens give the title the room; a laptop keeps every action in view', async ({ page }) => {
  await openWithEveryKindOfRow(page);
  const title = page.getByText(AWKWARD_TITLES[0], { exact: true });
  const fullWidth = async () => title.evaluate((element) => ({ shown: element.clientWidth, needed: element.scrollWidth }));

  await page.setViewportSize({ width: 2560, height: 1440 });
  const wide = await fullWidth();
  expect(wide.shown, 'a 105-character title fits whole at 2560 px').toBeGreaterThanOrEqual(wide.needed);

  await page.setViewportSize({ width: 1920, height: 1080 });
  const desktop = await fullWidth();
  expect(desktop.shown, 'at 1920 px the title column takes most of the row').toBeGreaterThan(450);

  for (const width of [1280, 1366, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    const shown = (await fullWidth()).shown;
    // Two lines per row on a laptop: the title spans the width the bar and figures leave.
    expect(shown, `title width at ${width} px`).toBeGreaterThan(250);
  }
});

test('the header gains a counter without moving anything or growing a line', async ({ page }) => {
  test.setTimeout(120_000);
  for (const width of [1280, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    await openFresh(page, { timeScale: 10 });
    const header = page.getByRole('banner');
    // Where things start, and the header's height (the connection's words change width as they change).
    const at = async (locator: ReturnType<Page['locator']>) => {
      const box = await locator.boundingBox();
      return box && { x: Math.round(box.x), y: Math.round(box.y), height: Math.round(box.height) };
    };
    const boxes = async () => ({
      header: await at(header),
      title: await at(header.getByRole('heading', { level: 1 })),
      connection: await at(header.getByRole('status').first()),
      settings: await at(header.getByRole('button', { name: 'Settings' })),
    });
    await expect(header.getByRole('status').first()).toBeVisible();
    // Layout shifts of anything in the header (the list below changes by design when a task ends).
    await page.evaluate(() => {
      const shifts: number[] = [];
      (window as unknown as { __shifts: number[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node }[] })[]) {
          // Boxes of the header that moved. The connection's own words are left out: they change
          // with the connection ("Live", "Up to date — nothing running"), not with the counter.
          const moved = entry.sources.filter(
            (source) => source.node && document.querySelector('header')?.contains(source.node) && !source.node.parentElement?.closest('.connection'),
          );
          if (moved.length > 0) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift' });
    });
    // Through the form, so the app watches it run and finish (a completion it saw happen).
    await submitThroughForm(page, { title: `Short note ${width}` });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(600); // past the 500 ms in which a shift counts as the user's doing
    const before = await boxes();
    await expect(header.getByText('1 finished')).toBeVisible({ timeout: 45_000 });
    const after = await boxes();
    expect(after, `header boxes at ${width} px`).toEqual(before);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
    expect(shifts, 'layout shifts in the header while the counter appeared').toEqual([]);
  }
});

test('the side column is tabs: each region one click away, the choice remembered', async ({ page }) => {
  await openFresh(page);
  const tabs = page.getByRole('tablist', { name: 'Forms and statistics' }).getByRole('tab');
  await expect(tabs).toHaveText(['New task', 'Statistics', 'Mock backend']);
  await expect(page.getByRole('region', { name: 'New task' })).toBeVisible();
  const stats = await sidePanel(page, 'Statistics');
  await expect(stats).toBeVisible();
  await expect(page.getByRole('region', { name: 'New task' })).toHaveCount(0);
  // The column is one region tall, not all of them stacked.
  const column = await page.locator('.column-side').boundingBox();
  expect(column?.height ?? 0).toBeLessThan(1400);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Statistics' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Statistics' })).toBeVisible();
  await sidePanel(page, 'New task');
});

test('an outbox entry shows above the tabs, whichever tab is chosen', async ({ page, context }) => {
  await openFresh(page);
  await mockConfig(page, {});
  // The form's code is loaded when the browser is idle after the list: there before going offline.
  const form = page.getByRole('region', { name: 'New task' });
  await sidePanel(page, 'New task');
  await expect(form.getByLabel('Task type')).toBeVisible();
  await sidePanel(page, 'Statistics');
  await context.setOffline(true);
  await page.getByRole('tab', { name: 'New task' }).click();
  await form.getByLabel('Task type').selectOption({ label: 'Text generation' });
  await form.getByLabel(/^Title/).fill('Written on a train');
  await form.getByLabel(/^Prompt/).fill('three bullet points');
  await form.getByRole('button', { name: 'Submit' }).click();
  await sidePanel(page, 'Statistics');
  await expect(page.getByRole('region', { name: 'Waiting to be sent' }).getByText('Written on a train')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('region', { name: 'Waiting to be sent' })).toBeHidden();
});
