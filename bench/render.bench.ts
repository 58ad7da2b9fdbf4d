/**
 * `npm run bench:render` (tsx bench/render.bench.ts [--rounds 5] [--polls-per-round 4] [--scrolls 2]):
 * builds the page in bench/render (the real TaskList in the app's providers, React's profiling
 * build), serves it on 127.0.0.1 and drives it in Chromium. For 1,000 and 10,000 tasks and for
 * the app's list and its two baselines (no virtualisation; no row memo) it measures the first
 * render, a poll that changes 50 tasks and a 2 s scroll, prints a table with ratios to the app,
 * checks the targets, writes bench/results/render.json and exits with 1 if one fails.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { DROP_THRESHOLD_MS, FIXTURE_SEED, FRAME_MS, VARIANTS, type BenchApi, type MountResult, type PollResult, type ScrollResult, type Variant } from './render/protocol';
import { checkTargets, formatTable, formatVerdicts, summarize, summarizePolls, TARGETS, type SizeResult } from './render/report';
import {
  checkInteractionTargets,
  formatInteractions,
  summarizeInteractions,
  summarizePhone,
  summarizeSelects,
  type InteractionKind,
  type PhoneResult,
} from './render/interactionReport';
import type { InteractionResult, SelectTiming } from './render/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { BENCH_OUT_DIR } from './render/vite.config';
import { intOption } from './cli';

const SIZES = [1_000, 10_000] as const;
const VIEWPORT = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What the interaction rounds do at 10,000 tasks: every sort, some filters, a search typed in. */
const SORTS = ['priority', 'status', 'progress', 'eta', 'cost', 'duration', 'finished', 'oldest', 'newest'] as const;
const FILTERS: readonly (readonly ['Status' | 'Type', string])[] = [
  ['Status', 'active'],
  ['Status', 'finished'],
  ['Status', 'failed'],
  ['Status', 'all'],
  ['Type', 'image'],
  ['Type', 'video'],
  ['Type', 'all'],
];
const TYPED = 'summary of';
/** ~7 keystrokes a second, a brisk typist */
const KEYSTROKE_MS = 150;
const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // lets the page collect garbage between samples, so a GC does not land inside one
  '--js-flags=--expose-gc',
];

/** The commit measured, and the files under src/ that differed from it (others work in this checkout). */
function gitState(): { commit: string; changedInSrc: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
  try {
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter((line) => line.length > 3);
    return { commit: git('rev-parse', 'HEAD').trim(), changedInSrc: changed.map((line) => line.slice(3)) };
  } catch {
    return { commit: 'unknown', changedInSrc: [] };
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
const interactionsOnly = process.argv.includes('--interactions-only');

type BenchWindow = Window & { __bench: BenchApi };

const config = {
  sizes: SIZES,
  changedPerPoll: TARGETS.pollChanged,
  /** rounds of: a fresh page per variant, one first render, polls, maybe a scroll */
  rounds: intOption('rounds', 5),
  /** polls after each first render that are not reported (the page's code is still cold) */
  warmupPolls: 2,
  pollsPerRound: intOption('polls-per-round', 4),
  /** rounds that end with a scroll */
  scrolls: intOption('scrolls', 2),
  /** fresh pages on which every sort, the filters and a typed search are measured */
  interactionRounds: intOption('interaction-rounds', 3),
  keystrokeMs: KEYSTROKE_MS,
  typed: TYPED,
  phoneViewport: PHONE,
  scrollMs: 2_000,
  pxPerSecond: 3_000,
  seed: FIXTURE_SEED,
  frameMs: FRAME_MS,
  dropThresholdMs: DROP_THRESHOLD_MS,
  viewport: VIEWPORT,
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A tiny static server for the built page on 127.0.0.1 and a free port. */
async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const base = normalize(root + sep);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => '__bench' in window);
}

const bench = {
  mount: (page: Page, n: number, variant: Variant) =>
    page.evaluate(([count, key]) => (window as unknown as BenchWindow).__bench.mount(count, key), [n, variant] as const),
  poll: (page: Page) => page.evaluate((k) => (window as unknown as BenchWindow).__bench.poll(k), config.changedPerPoll),
  scroll: (page: Page) =>
    page.evaluate(([ms, speed]) => (window as unknown as BenchWindow).__bench.scroll(ms, speed), [config.scrollMs, config.pxPerSecond] as const),
  unmount: (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.unmount()),
  mountPanel: (page: Page, n: number) => page.evaluate((count) => (window as unknown as BenchWindow).__bench.mountPanel(count), n),
  choose: (page: Page, label: 'Sort' | 'Status' | 'Type', value: string) =>
    page.evaluate(([l, v]) => (window as unknown as BenchWindow).__bench.choose(l, v), [label, value] as const),
  typeSearch: (page: Page) =>
    page.evaluate(([text, ms]) => (window as unknown as BenchWindow).__bench.typeSearch(text, ms), [TYPED, KEYSTROKE_MS] as const),
  clearSearch: (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.clearSearch()),
  timeSelect: (page: Page, repeats: number) => page.evaluate((r) => (window as unknown as BenchWindow).__bench.timeSelect(r), repeats),
};

/**
 * Sort, filter and search on the real task region at 10,000 tasks, in rounds of a fresh page each;
 * then the selection alone, app against naive, on the last page.
 */
async function measureInteractions(page: Page, url: string): Promise<{ samples: Record<InteractionKind, InteractionResult[]>; selects: SelectTiming[] }> {
  const samples: Record<InteractionKind, InteractionResult[]> = { sort: [], filter: [], search: [] };
  let selects: SelectTiming[] = [];
  for (let round = 0; round < config.interactionRounds; round += 1) {
    log(`  interactions at 10,000 tasks: round ${round + 1} of ${config.interactionRounds}`);
    await openPage(page, url);
    await bench.mountPanel(page, 10_000);
    for (const sort of SORTS) samples.sort.push(await bench.choose(page, 'Sort', sort));
    for (const [label, value] of FILTERS) samples.filter.push(await bench.choose(page, label, value));
    samples.search.push(...(await bench.typeSearch(page)));
    await bench.clearSearch(page);
    if (round === config.interactionRounds - 1) selects = await bench.timeSelect(page, 7);
    await bench.unmount(page);
  }
  return { samples, selects };
}

/** The app's list at a phone's width (cards, measured rows): first render, polls, a scroll. */
async function measurePhone(browser: Browser, url: string): Promise<PhoneResult> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US', hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const mounts: MountResult[] = [];
  const polls: PollResult[] = [];
  const scrolls: ScrollResult[] = [];
  try {
    for (let round = 0; round < config.rounds; round += 1) {
      log(`  10,000 tasks on a phone: round ${round + 1} of ${config.rounds}`);
      await openPage(page, url);
      mounts.push(await bench.mount(page, 10_000, 'app'));
      for (let i = 0; i < config.warmupPolls; i += 1) await bench.poll(page);
      for (let i = 0; i < config.pollsPerRound; i += 1) polls.push(await bench.poll(page));
      if (round < config.scrolls) scrolls.push(await bench.scroll(page));
      await bench.unmount(page);
    }
  } finally {
    await context.close();
  }
  return summarizePhone(PHONE, 10_000, { mounts, polls, scrolls });
}

interface Samples {
  mounts: MountResult[];
  polls: PollResult[];
  scrolls: ScrollResult[];
}

/**
 * All samples for one list size, in rounds. Each round loads a fresh page per variant (a list's
 * first render is a cold one), mounts it, polls and, in the first rounds, scrolls. Interleaving
 * the variants round by round, each round starting with the next one, spreads drift on a shared
 * machine (and the browser's code cache warming up) over all of them.
 */
async function measureSize(page: Page, url: string, n: number): Promise<Map<Variant, Samples>> {
  const samples = new Map<Variant, Samples>(VARIANTS.map(({ key }) => [key, { mounts: [], polls: [], scrolls: [] }]));
  const of = (variant: Variant) => samples.get(variant) ?? { mounts: [], polls: [], scrolls: [] };
  for (let round = 0; round < config.rounds; round += 1) {
    log(`  ${n.toLocaleString('en')} tasks: round ${round + 1} of ${config.rounds}`);
    // Each round starts with the next variant, so that none always runs first.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]?.key ?? 'app');
    for (const key of order) {
      await openPage(page, url);
      of(key).mounts.push(await bench.mount(page, n, key));
      for (let i = 0; i < config.warmupPolls; i += 1) await bench.poll(page);
      for (let i = 0; i < config.pollsPerRound; i += 1) of(key).polls.push(await bench.poll(page));
      if (round < config.scrolls) of(key).scrolls.push(await bench.scroll(page));
      await bench.unmount(page);
    }
  }
  return samples;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  const git = gitState();
  log('Building bench/render …');
  await build({ configFile: fileURLToPath(new URL('./render/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  const server = await serveStatic(BENCH_OUT_DIR);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    // One discarded first render, so that the first measured page load is not the browser's very first.
    await openPage(page, server.url);
    await bench.mount(page, SIZES[0], 'app');

    const sizes: SizeResult[] = [];
    // --interactions-only: just issue 8's part (sort, filter, search; the phone), into its own file.
    for (const n of interactionsOnly ? [] : SIZES) {
      const samples = await measureSize(page, server.url, n);
      if (pageErrors.length > 0) throw new Error(`the page reported errors:\n${pageErrors.join('\n')}`);
      sizes.push({
        n,
        variants: VARIANTS.map(({ key, label }) => {
          const { mounts, polls, scrolls } = samples.get(key) ?? { mounts: [], polls: [], scrolls: [] };
          return { variant: key, label, mount: summarize(mounts), poll: summarizePolls(polls), scroll: summarize(scrolls) };
        }),
      });
    }

    // In a context of its own (a fresh renderer), as the phone's part below: the garbage of the
    // 10,000-row baselines above would otherwise be collected in the middle of a sort.
    const interactionContext = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const interactionPage = await interactionContext.newPage();
    interactionPage.on('pageerror', (error) => pageErrors.push(error.message));
    const interactionRaw = await measureInteractions(interactionPage, server.url);
    await interactionContext.close();
    if (pageErrors.length > 0) throw new Error(`the page reported errors:\n${pageErrors.join('\n')}`);
    const interactions = summarizeInteractions(interactionRaw.samples);
    const selects = summarizeSelects(interactionRaw.selects);
    const phone = await measurePhone(browser, server.url);

    const verdicts = [...checkTargets(sizes), ...checkInteractionTargets(interactions)];
    const pass = verdicts.length > 0 && verdicts.every((v) => v.pass);
    const chromiumVersion = browser.version();
    const elapsed = ((performance.now() - started) / 1000).toFixed(0);
    console.log(
      `# Render benchmark — Chromium ${chromiumVersion}, ${cpus().length} CPUs, ${config.rounds} first renders, ${config.rounds * config.pollsPerRound} polls, ${Math.min(config.scrolls, config.rounds)} scrolls per variant (${elapsed} s)\n`,
    );
    const busiest = Math.max(loadBefore[0] ?? 0, loadavg()[0] ?? 0);
    if (busiest > cpus().length) {
      console.log(
        `Note: the load average reached ${busiest.toFixed(1)} on ${cpus().length} CPUs during the run; other work inflates every timing (scrolling most). Compare ratios, or re-run on a quiet machine.\n`,
      );
    }
    if (sizes.length > 0) console.log(formatTable(sizes, { changed: config.changedPerPoll, scrollMs: config.scrollMs, pxPerSecond: config.pxPerSecond }));
    console.log(formatInteractions(interactions, selects, phone));
    console.log('');
    console.log(formatVerdicts(verdicts));
    console.log(pass ? '\nAll targets met.' : '\nSome targets FAILED.');

    const out = fileURLToPath(new URL(interactionsOnly ? './results/render-interactions.json' : './results/render.json', import.meta.url));
    mkdirSync(dirname(out), { recursive: true });
    const report = {
      environment: {
        chromium: chromiumVersion,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? null,
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        /** 1-minute load average before and after the run: other work on the machine skews timings */
        loadAverage: { before: round(loadBefore[0] ?? NaN), after: round(loadavg()[0] ?? NaN) },
        chromiumArgs: BENCH_CHROMIUM_ARGS,
      },
      git,
      config,
      variants: VARIANTS,
      results: sizes,
      interactions,
      selects,
      phone,
      targets: verdicts,
      pass,
    };
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Wrote ${out}`);
    if (!pass) process.exitCode = 1;
  } finally {
    await browser?.close();
    await server.close();
  }
}

await main();
