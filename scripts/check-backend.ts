/**
 * `npm run check:backend -- <baseURL> [--origin <app origin>] [--only <case id prefix,…>]`
 *
 * Checks any server against the Task Center contract (docs/api.md, docs/openapi.json) and prints
 * each case as PASS, FAIL or SKIP, then a summary line. Exits 1 when a case failed. It creates a
 * few tasks (and cancels and deletes them at the end); where the server offers the mock controls
 * (`/_mock/config`) it uses them for the cases that need a fault, and restores the config after.
 */
import { parseArgs } from 'node:util';
import { formatResult, formatSummary, runChecks } from './check-backend/runner';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    origin: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const baseUrl = positionals[0];
if (values.help || !baseUrl || !/^https?:\/\//.test(baseUrl)) {
  console.log('npm run check:backend -- <baseURL, e.g. http://127.0.0.1:8787/api/v1> [--origin <app origin, e.g. http://127.0.0.1:5173>] [--only <case id prefix,…>]');
  process.exit(values.help ? 0 : 2);
}

console.log(`Checking ${baseUrl}${values.origin ? ` for an app on ${values.origin}` : ' (no --origin: CORS cases skipped)'}\n`);
const report = await runChecks({
  baseUrl,
  origin: values.origin ?? null,
  only: values.only?.split(',').map((item) => item.trim()).filter(Boolean),
  onResult: (result) => console.log(formatResult(result)),
});
console.log(`\n${formatSummary(report)}`);
process.exit(report.failed > 0 ? 1 : 0);
