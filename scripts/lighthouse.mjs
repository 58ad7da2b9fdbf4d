#!/usr/bin/env node
/**
 * `npm run lighthouse [-- --api <base URL>] [--runs 5]`: Lighthouse 12.2.3, mobile preset, on the
 * production build as a real deployment serves it — compressed (brotli or gzip), long-cached
 * assets — against a server that speaks the contract on another origin. Without --api it starts
 * the project's mock over real HTTP (`npm run mock:server`) on a free port; with --api it uses the
 * given server. `--demo` measures the demo build instead (the mock inside the page, as
 * `npm run build:demo` ships it): no server, and not the figure the targets are about.
 *
 * Prints each run's scores and metrics and their medians, and the JavaScript fetched before the
 * list is usable: the scripts requested before the app's `task-list-ready` mark (set when the
 * first rows are on screen), as Lighthouse's network log saw them. Writes
 * bench/results/lighthouse.json and exits 1 when a median misses a target (performance ≥ 97;
 * accessibility, best practices and SEO 100). CHROMIUM_PATH overrides /usr/bin/chromium.
 *
 * For a closer look: `--save <prefix>` keeps each run's report and trace (<prefix>-<n>.json,
 * <prefix>-<n>.trace.json); `--no-minify` builds with readable names and adds CPU samples to the
 * trace (slower, so not the figures to report). docs/performance.md "Finding the long tasks".
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(root, 'node_modules/.tmp/lighthouse-dist');
const RESULT = join(root, 'bench/results/lighthouse.json');
const CHROME = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
const TARGETS = { performance: 97, accessibility: 100, 'best-practices': 100, seo: 100 };
const READY_MARK = 'task-list-ready';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const runs = Number(option('runs', '5'));
const log = (message) => process.stderr.write(`${message}\n`);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Listens on 127.0.0.1 and a free port. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** Every file under dir (relative paths). */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

/**
 * The build, served as a real deployment would: compressed ahead of time (as nginx's
 * `brotli_static` / `gzip_static` or a CDN serve it, so no request waits for a compressor), hashed
 * assets cached for a year, SPA fallback.
 */
async function serveBuild(dir) {
  const base = normalize(dir + sep);
  const bodies = new Map();
  for (const relative of filesUnder(base)) {
    const raw = readFileSync(join(base, relative));
    bodies.set(`${join(base, relative)}:null`, raw);
    bodies.set(`${join(base, relative)}:br`, brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    bodies.set(`${join(base, relative)}:gzip`, gzipSync(raw, { level: 9 }));
  }
  const handler = (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base) || !bodies.has(`${file}:null`)) file = join(base, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const accepts = String(request.headers['accept-encoding'] ?? '');
    const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null;
    const body = bodies.get(`${file}:${encoding}`);
    const immutable = file.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}),
      'content-length': body.length,
    });
    response.end(body);
  };
  const tls = selfSignedCertificate();
  const server = createSecureServer({ ...tls, allowHTTP1: true }, handler);
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A throw-away certificate for 127.0.0.1 (openssl), so the build is served over HTTPS and HTTP/2. */
function selfSignedCertificate() {
  const dir = join(root, 'node_modules/.tmp/lighthouse-tls');
  mkdirSync(dir, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

/** A free port, by opening and closing a server on port 0. */
async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForApi(api, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`mock:server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${api}/task-types`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no answer from ${api}/task-types within 60 s`);
}

/**
 * The contract server: the given --api, or the project's mock over HTTP (`npm run mock:server`) on
 * a free port, with CORS for the origin the build is served from.
 */
async function contractServer() {
  if (process.argv.includes('--demo')) return { api: null, start: async () => {}, stop: async () => {} };
  const given = option('api');
  if (given) {
    const api = given.replace(/\/$/, '');
    return { api, start: () => waitForApi(api, null), stop: async () => {} };
  }
  const port = await freePort();
  const api = `http://127.0.0.1:${port}/api/v1`;
  let child = null;
  return {
    api,
    start: async (origin) => {
      log(`Starting npm run mock:server -- --port ${port} --origin ${origin} …`);
      child = spawn('npm', ['run', '--silent', 'mock:server', '--', '--port', String(port), '--origin', origin], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      });
      await waitForApi(api, child);
      // The mock adds 150 ± 100 ms to every answer to feel like a network in development.
      // Lighthouse simulates the network itself (150 ms round trips, 1.6 Mbit/s), and it adds the
      // server time it observes on top: the mock's pretend latency would count the network twice.
      const quiet = await fetch(`${api}/_mock/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 0, latencyJitterMs: 0 }),
      });
      if (!quiet.ok) throw new Error(`PUT /_mock/config: ${quiet.status}`);
    },
    stop: async () => {
      try {
        if (child) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

function build(api) {
  log(api ? `Building for production against ${api} …` : 'Building the demo (the mock in the page) …');
  const env = api ? { VITE_API_BASE_URL: api, VITE_ENABLE_MOCKS: 'false' } : { VITE_ENABLE_MOCKS: 'true' };
  // --no-minify: readable function names in saved traces (--save), for profiling only
  const minify = process.argv.includes('--no-minify') ? ['--minify', 'false'] : [];
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn', ...minify], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};

/** The figures of one Lighthouse result. */
function figures(lhr) {
  const audit = (id) => lhr.audits[id];
  const marks = audit('user-timings')?.details?.items ?? [];
  const ready = marks.find((item) => item.name === READY_MARK);
  const requests = audit('network-requests')?.details?.items ?? [];
  const first = Math.min(...requests.map((r) => r.networkRequestTime ?? Infinity));
  const readyAt = ready ? first + ready.startTime : NaN;
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const before = scripts.filter((r) => (r.networkRequestTime ?? Infinity) <= readyAt);
  return {
    scores: Object.fromEntries(Object.entries(lhr.categories).map(([key, category]) => [key, Math.round(category.score * 100)])),
    metrics: {
      fcpMs: audit('first-contentful-paint').numericValue,
      lcpMs: audit('largest-contentful-paint').numericValue,
      tbtMs: audit('total-blocking-time').numericValue,
      cls: audit('cumulative-layout-shift').numericValue,
      speedIndexMs: audit('speed-index').numericValue,
    },
    listReadyMs: ready ? ready.startTime : null,
    jsBeforeListReady: {
      scripts: before.length,
      transferKB: before.reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
      files: before.map((r) => new URL(r.url).pathname),
    },
    jsTotal: { scripts: scripts.length, transferKB: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024 },
    failedAudits: Object.values(lhr.categories)
      .filter((category) => category.id !== 'performance')
      .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1).map((ref) => `${category.id}: ${ref.id}`)),
  };
}

async function main() {
  const server = await contractServer();
  const { api } = server;
  let chrome;
  let site;
  try {
    build(api);
    site = await serveBuild(OUT_DIR);
    await server.start(new URL(site.url).origin);
    chrome = await chromeLauncher.launch({
      chromePath: CHROME,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--ignore-certificate-errors'],
    });
    const results = [];
    for (let run = 1; run <= runs; run += 1) {
      log(`Lighthouse run ${run} of ${runs} on ${site.url} …`);
      const { lhr, artifacts } = await lighthouse(site.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(TARGETS),
        // --no-minify (profiling): CPU samples in the saved trace too
        ...(process.argv.includes('--no-minify') && { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' }),
      });
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      // --save <prefix>: each run's report and trace, for a closer look
      if (option('save')) {
        mkdirSync(dirname(resolve(option('save'))), { recursive: true });
        writeFileSync(`${option('save')}-${run}.json`, JSON.stringify(lhr));
        writeFileSync(`${option('save')}-${run}.trace.json`, JSON.stringify(artifacts.Trace));
      }
      results.push({ ...figures(lhr), lighthouse: lhr.lighthouseVersion, userAgent: lhr.environment?.hostUserAgent });
    }

    const medians = {
      scores: Object.fromEntries(Object.keys(TARGETS).map((key) => [key, median(results.map((r) => r.scores[key]))])),
      metrics: Object.fromEntries(Object.keys(results[0].metrics).map((key) => [key, median(results.map((r) => r.metrics[key]))])),
      jsBeforeListReadyKB: median(results.map((r) => r.jsBeforeListReady.transferKB)),
      jsBeforeListReadyScripts: median(results.map((r) => r.jsBeforeListReady.scripts)),
    };
    const verdicts = Object.entries(TARGETS).map(([key, target]) => ({ category: key, target, median: medians.scores[key], pass: medians.scores[key] >= target }));

    const ms = (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')} ms` : '—');
    console.log(`# Lighthouse ${results[0].lighthouse}, mobile preset, ${runs} runs — ${site.url} against ${api ?? 'the mock in the page (demo build)'}\n`);
    console.log('| run | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index | JS before the list is ready |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    results.forEach((r, i) => {
      const s = r.scores;
      const m = r.metrics;
      console.log(
        `| ${i + 1} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${ms(m.fcpMs)} | ${ms(m.lcpMs)} | ${ms(m.tbtMs)} | ${m.cls.toFixed(3)} | ${ms(m.speedIndexMs)} | ${r.jsBeforeListReady.scripts} scripts, ${r.jsBeforeListReady.transferKB.toFixed(1)} KB |`,
      );
    });
    const s = medians.scores;
    const m = medians.metrics;
    console.log(
      `| median | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${ms(m.fcpMs)} | ${ms(m.lcpMs)} | ${ms(m.tbtMs)} | ${m.cls.toFixed(3)} | ${ms(m.speedIndexMs)} | ${medians.jsBeforeListReadyScripts} scripts, ${medians.jsBeforeListReadyKB.toFixed(1)} KB |\n`,
    );
    console.log(`Scripts fetched before the list was ready (run 1): ${results[0].jsBeforeListReady.files.join(', ')}`);
    const failing = [...new Set(results.flatMap((r) => r.failedAudits))];
    if (failing.length > 0) console.log(`Audits not passed in some run: ${failing.join(', ')}`);
    for (const v of verdicts) console.log(`${v.pass ? 'PASS' : 'FAIL'}  ${v.category} ≥ ${v.target}: median ${v.median}`);

    mkdirSync(dirname(RESULT), { recursive: true });
    writeFileSync(RESULT, `${JSON.stringify({ api, url: site.url, runs: results, medians, targets: verdicts }, null, 2)}\n`);
    console.log(`Wrote ${RESULT}`);
    if (!verdicts.every((v) => v.pass)) process.exitCode = 1;
  } finally {
    await chrome?.kill();
    await site?.close();
    await server.stop();
  }
}

await main();
