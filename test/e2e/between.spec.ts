/**
 * Issue 7 items 4 and 5 in real Chromium on the mock: between two updates a long task's bar moves
 * every second or two and never back, its ETA and a queued task's "starts in" count down; and with
 * the mock's clock 10 minutes ahead or behind, the automatic retry counts down a few seconds and a
 * running stage's elapsed time is right. Task time runs on Playwright's fake clock.
 */
import { expect, test, type Page } from '@playwright/test';
import { createTask, mockConfig, mockSeed, openFresh, runClockUntil, submitThroughForm, taskRow } from './support';

/**
 * The bar as drawn: each segment's share of the width times the widest fill in it (0..1), and how
 * far the running segment is filled (1 = at the end of its stage).
 */
/**
 * Counts the API's answers in the page (`window.__answers`), as the fetch resolves — before the
 * app can read the body — so a reading of the page and the count are one consistent snapshot.
 */
async function countAnswers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { __answers: number };
    counted.__answers = 0;
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
      if (url.pathname.startsWith('/api/v1/')) counted.__answers += 1;
      return response;
    };
  });
}

async function barPosition(page: Page, title: string): Promise<{ overall: number; runningFill: number }> {
  return page
    .getByRole('progressbar', { name: `Progress of ${title}`, exact: true })
    .locator('.stage-seg')
    .evaluateAll((segments) => {
      const widths = segments.map((segment) => Number.parseFloat((segment as HTMLElement).style.flexGrow) || 0);
      const total = widths.reduce((a, b) => a + b, 0) || 1;
      let overall = 0;
      let runningFill = 0;
      segments.forEach((segment, i) => {
        const fills = [...segment.querySelectorAll<HTMLElement>('.stage-fill')].map(
          (fill) => Number(/scaleX\(([\d.]+)\)/.exec(fill.style.transform)?.[1] ?? 0),
        );
        const fill = Math.max(0, ...fills);
        overall += ((widths[i] ?? 0) / total) * fill;
        if (segment.classList.contains('stage-running')) runningFill = fill;
      });
      return { overall, runningFill };
    });
}

/** "1m 5s left", "~40s–52s left", "starts in ~54s" → seconds (the upper end of a range). */
function etaSeconds(text: string): number | null {
  const match = /(?:–|~|in ~|^)(?:(\d+)h ?)?(?:(\d+)m ?)?(?:(\d+)s)?(?: left)?$/.exec(text.replace(/\s*\(paused\).*$/, '').trim());
  if (!match || (!match[1] && !match[2] && !match[3])) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

test("polling: a long task's bar moves every second or two and never back, waiting only at a stage's end; its ETA counts down between updates", async ({ page }) => {
  await page.clock.install();
  await countAnswers(page);
  // Polling only (the fallback when there is no push): long stretches between two updates.
  await openFresh(page, { push: 'off' });
  const title = 'Product launch teaser';
  await submitThroughForm(page, { title, type: 'Video generation', prompt: 'A slow pan over a mountain lake at dawn' });
  const row = taskRow(page, title);
  await runClockUntil(page, async () => (await row.getByText('Running').count()) > 0, { what: 'the video task to start' });
  // Answers from the server, counted in the page (see countAnswers) in the same instant the ETA
  // is read: any new data may correct an ETA, nothing else may raise it.
  const readEta = () =>
    row
      .locator('.eta')
      .first()
      .evaluate((eta) => ({ text: eta.textContent ?? '', answers: (window as unknown as { __answers: number }).__answers }));
  let answers = (await readEta()).answers;

  const positions: { overall: number; runningFill: number }[] = [];
  const etas: { seconds: number | null; updatedBetween: boolean }[] = [];
  for (let second = 0; second < 240; second += 1) {
    await page.clock.runFor(1_000);
    positions.push(await barPosition(page, title));
    const reading = await readEta();
    etas.push({ seconds: etaSeconds(reading.text), updatedBetween: reading.answers !== answers });
    answers = reading.answers;
  }

  // Never back. Still for more than two seconds only at the end of the running stage: the bar
  // does not run into a stage the server has not started (it waits for the next update there).
  let still = 0;
  let movedSeconds = 0;
  for (let i = 1; i < positions.length; i += 1) {
    const [before, now] = [positions[i - 1]!, positions[i]!];
    expect(now.overall, `second ${i}`).toBeGreaterThanOrEqual(before.overall);
    if (now.overall > before.overall) {
      still = 0;
      movedSeconds += 1;
    } else if (++still >= 2) {
      expect(now.runningFill, `still for ${still + 1} s at second ${i}, not at a stage's end`).toBeGreaterThanOrEqual(0.98);
    }
  }
  // It moved from the first seconds on (no "0 %" for minutes) and far past its first stage by the end.
  expect(positions[2]!.overall).toBeGreaterThan(positions[0]!.overall);
  // Polled every minute or two, it waits at a stage's end for the next answer; under a loaded
  // machine the answers come later in page time, so the floor is modest (a frozen bar moves 0).
  expect(movedSeconds).toBeGreaterThan(20);
  expect(positions[positions.length - 1]!.overall).toBeGreaterThan(0.1);

  // The ETA: never up between two updates (only an update may correct it), mostly down a second a second.
  let countedDown = 0;
  for (let i = 1; i < etas.length; i += 1) {
    const before = etas[i - 1]!.seconds;
    const now = etas[i]!;
    if (before === null || now.seconds === null || now.updatedBetween) continue;
    expect(now.seconds, `ETA at second ${i}`).toBeLessThanOrEqual(before);
    if (now.seconds < before) countedDown += 1;
  }
  expect(countedDown).toBeGreaterThan(120);
});

test("push (the default): a long task's bar moves every second or two and never back", async ({ page }) => {
  await page.clock.install();
  await openFresh(page);
  const title = 'Pushed launch teaser';
  await submitThroughForm(page, { title, type: 'Video generation', prompt: 'A slow pan over a mountain lake at dawn' });
  const row = taskRow(page, title);
  await runClockUntil(page, async () => (await row.getByText('Running').count()) > 0, { what: 'the video task to start' });
  const positions: { overall: number; runningFill: number }[] = [];
  for (let second = 0; second < 120; second += 1) {
    await page.clock.runFor(1_000);
    positions.push(await barPosition(page, title));
  }
  // Never back; still for more than two seconds only where a stage ran longer than its pace said
  // and the bar waits at the stage's end for the server's next event.
  let still = 0;
  let stillAtStageEnd = 0;
  for (let i = 1; i < positions.length; i += 1) {
    const [before, now] = [positions[i - 1]!, positions[i]!];
    expect(now.overall, `second ${i}`).toBeGreaterThanOrEqual(before.overall);
    still = now.overall > before.overall ? 0 : still + 1;
    if (still >= 2 && now.runningFill >= 0.98) stillAtStageEnd += 1;
    else expect(still, `the bar stood still for ${still + 1} s at second ${i}, not at a stage's end`).toBeLessThanOrEqual(1);
  }
  // Pushed updates leave the bar waiting far less than polling does.
  expect(stillAtStageEnd).toBeLessThan(20);
});

test('a queued task\'s "starts in" counts down, and two rows never share a queue position', async ({ page }) => {
  await page.clock.install();
  await openFresh(page, { push: 'off', maxConcurrent: 1 });
  // Finished analyses give a history to estimate from; then one runs and two wait.
  await mockSeed(page, { count: 4, statuses: ['succeeded'], types: ['analysis'] });
  await submitThroughForm(page, { title: 'Running report', type: 'Data analysis', prompt: 'sales.csv' });
  await createTask(page, 'Waiting report A', 'analysis');
  await createTask(page, 'Waiting report B', 'analysis');
  await page.reload();
  const waiting = taskRow(page, 'Waiting report B');
  await expect(waiting.getByText(/^#\d+ in queue$/)).toBeVisible();
  const positions = await page.getByText(/^#\d+ in queue$/).allTextContents();
  expect(new Set(positions).size).toBe(positions.length);

  const startsIn = async () => etaSeconds((await waiting.locator('.eta').textContent()) ?? '');
  const first = await startsIn();
  expect(first, 'a "starts in" estimate').not.toBeNull();
  await page.clock.runFor(5_000);
  const later = await startsIn();
  expect(later).not.toBeNull();
  expect(later!).toBeLessThan(first!);
});

for (const skewMinutes of [10, -10]) {
  test(`the server's clock ${skewMinutes > 0 ? 'ahead' : 'behind'} by 10 min: the retry counts down seconds, a running stage's elapsed is right`, async ({ page }) => {
    await page.clock.install();
    await openFresh(page, { clockSkewMs: skewMinutes * 60_000, taskFailureRate: 1 });

    // Where and how an attempt fails is drawn: submit until a first failure is retryable.
    let title = '';
    for (let n = 1; n <= 6 && !title; n += 1) {
      const candidate = `Skewed summary ${n}`;
      await submitThroughForm(page, { title: candidate });
      const row = taskRow(page, candidate);
      await runClockUntil(page, async () => (await row.getByText('Failed').count()) > 0, { stepMs: 250, what: `${candidate} to fail` });
      if ((await row.getByText(/^Retrying in \d+ s$/).count()) > 0) title = candidate;
      // A final error: not this one.
    }
    expect(title, 'a retryable failure within six tasks').not.toBe('');
    const row = taskRow(page, title);
    const lookedAt = await page.evaluate(() => Date.now());
    await page.clock.setFixedTime(lookedAt);
    // The backoff of a first retry is 1.5–3 s: not 119 s, and not disabled.
    await expect(row.getByText(/^Retrying in [1-3] s$/)).toBeVisible();
    await page.clock.setSystemTime(lookedAt);

    // A running stage's elapsed time, on the server's clock: counts up from a few seconds, not "0s" or "10m".
    await mockConfig(page, { taskFailureRate: 0 });
    const long = 'Skewed long clip';
    await submitThroughForm(page, { title: long, type: 'Video generation', prompt: 'Waves on a beach' });
    await runClockUntil(page, async () => (await taskRow(page, long).getByText('Running').count()) > 0, { what: 'the clip to start' });
    await page.clock.runFor(7_000);
    await taskRow(page, long).getByRole('button', { name: `Open details of ${long}` }).click();
    const running = page
      .getByRole('region', { name: long, exact: true })
      .getByRole('region', { name: 'Stages' })
      .getByRole('listitem')
      .filter({ hasText: 'running' });
    const duration = running.locator('div', { has: page.locator('dt', { hasText: /^Duration$/ }) }).locator('dd');
    const elapsed = async () => etaSeconds((await duration.textContent()) ?? '');
    const before = await elapsed();
    expect(before).not.toBeNull();
    expect(before!).toBeGreaterThan(0);
    expect(before!).toBeLessThan(60);
    await page.clock.runFor(3_000);
    expect(await elapsed()).toBeGreaterThan(before!);
  });
}
