/**
 * Runs the conformance cases in order against one server and reports each as pass, fail or skip.
 * A case fails when it says so, when it throws, when it runs out of time, or when any answer it
 * received does not match the OpenAPI document. The tasks it created and the mock config it
 * changed are put back at the end.
 */
import { basicCases } from './cases/basics';
import { corsCases } from './cases/cors';
import { cursorCases } from './cases/cursors';
import { idempotencyCases } from './cases/idempotency';
import { listCases } from './cases/list';
import { mockControlCases } from './cases/mockControls';
import { streamCases } from './cases/stream';
import { taskCases } from './cases/tasks';
import { CaseFailure, CaseSkip, type CheckCase } from './checkCase';
import { ContractValidator, loadDocument, type OpenApiDocument } from './contract';
import { CheckContext } from './context';
import { describe } from './http';

export const ALL_CASES: readonly CheckCase[] = [
  ...basicCases,
  ...listCases,
  ...cursorCases,
  ...idempotencyCases,
  ...taskCases,
  ...corsCases,
  ...streamCases,
  ...mockControlCases,
];

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  id: string;
  title: string;
  outcome: Outcome;
  /** why it failed or was skipped, or a note on a pass */
  detail: string;
  ms: number;
}

export interface CheckOptions {
  baseUrl: string;
  origin?: string | null;
  /** only the cases whose id starts with one of these */
  only?: readonly string[];
  caseTimeoutMs?: number;
  document?: OpenApiDocument;
  onResult?: (result: CaseResult) => void;
}

export interface CheckReport {
  results: CaseResult[];
  answers: number;
  passed: number;
  failed: number;
  skipped: number;
}

export async function runChecks(options: CheckOptions): Promise<CheckReport> {
  const ctx = new CheckContext({
    baseUrl: options.baseUrl,
    origin: options.origin ?? null,
    validator: new ContractValidator(options.document ?? loadDocument()),
  });
  const only = options.only ?? [];
  const cases = ALL_CASES.filter((item) => only.length === 0 || only.some((prefix) => item.id.startsWith(prefix)));
  const results: CaseResult[] = [];
  try {
    for (const item of cases) {
      const result = await runCase(ctx, item, options.caseTimeoutMs ?? 45_000);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await ctx.cleanUp().catch(() => undefined);
  }
  const summary: CaseResult = {
    id: 'schema.every-answer',
    title: 'Every answer matched the OpenAPI document (docs/openapi.json)',
    outcome: ctx.allSchemaProblems === 0 ? 'pass' : 'fail',
    detail: `${ctx.answers} answers checked${ctx.allSchemaProblems ? `, ${ctx.allSchemaProblems} problems (see the failed cases)` : ''}`,
    ms: 0,
  };
  results.push(summary);
  options.onResult?.(summary);
  const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
  return { results, answers: ctx.answers, passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

async function runCase(ctx: CheckContext, item: CheckCase, timeoutMs: number): Promise<CaseResult> {
  ctx.schemaProblems = [];
  const started = Date.now();
  let outcome: Outcome = 'pass';
  let detail: string;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CaseFailure(`no verdict within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    detail = (await Promise.race([item.run(ctx), timeout])) ?? '';
  } catch (error) {
    if (error instanceof CaseSkip) {
      outcome = 'skip';
      detail = error.message;
    } else {
      outcome = 'fail';
      detail = error instanceof CaseFailure ? error.message : `error: ${describe(error)}`;
    }
  } finally {
    clearTimeout(timer);
  }
  if (ctx.schemaProblems.length > 0) {
    const schema = `not as the OpenAPI document says: ${ctx.schemaProblems.slice(0, 5).join('; ')}`;
    detail = outcome === 'fail' ? `${detail}; ${schema}` : schema;
    outcome = 'fail';
  }
  return { id: item.id, title: item.title, outcome, detail, ms: Date.now() - started };
}

const MARK: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** One line per case (and an indented reason); what `npm run check:backend` prints. */
export function formatResult(result: CaseResult): string {
  const head = `${MARK[result.outcome]}  ${result.id.padEnd(28)} ${result.title}`;
  return result.detail ? `${head}\n      ${result.outcome === 'pass' ? '' : '→ '}${result.detail}` : head;
}

export function formatSummary(report: CheckReport): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${report.results.length} cases, ${report.answers} answers checked against docs/openapi.json)`;
}
