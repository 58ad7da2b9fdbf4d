#!/usr/bin/env node
/**
 * Bundle budget: the initial JavaScript of the production build (the entry script and the modules
 * index.html preloads) must stay within BUDGET_KB gzip, and no MSW or mock-engine code may be in
 * any chunk of it. Run after `npm run build`; exits 1 when a rule is broken.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 100;
const dist = process.argv[2] ?? 'dist';
const MOCK_MARKERS = ['mockServiceWorker', 'setupWorker', '__taskCenterMock', 'msw/browser', '[MSW]'];

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(match[1]);
if (initial.size === 0) {
  console.error('check-bundle: no entry script found in index.html');
  process.exit(1);
}

const rows = [];
let total = 0;
for (const src of initial) {
  const file = join(dist, src.replace(/^\//, ''));
  const gzip = gzipSync(readFileSync(file)).length;
  total += gzip;
  rows.push({ file: src, gzipKB: (gzip / 1024).toFixed(1) });
}
console.table(rows);
console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);

const offenders = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) {
      const text = readFileSync(path, 'utf8');
      const marker = MOCK_MARKERS.find((m) => text.includes(m));
      if (marker) offenders.push(`${path} contains "${marker}"`);
    }
  }
};
walk(join(dist, 'assets'));

let failed = false;
if (total > BUDGET_KB * 1024) {
  console.error(`check-bundle: initial JS ${(total / 1024).toFixed(1)} KB exceeds the ${BUDGET_KB} KB budget`);
  failed = true;
}
if (offenders.length > 0) {
  console.error('check-bundle: mock code in the production build:\n  ' + offenders.join('\n  '));
  failed = true;
}
if (!failed) console.log('check-bundle: OK — within budget, no mock code');
process.exit(failed ? 1 : 0);
