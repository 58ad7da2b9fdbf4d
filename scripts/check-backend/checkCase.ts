/**
 * What a conformance case is: an id, the rule it checks in one sentence, and a function that
 * either returns (pass, optionally with a note), throws `CaseFailure` through the `expect…`
 * helpers (fail), or throws `CaseSkip` when the server does not offer what the case needs.
 */
import type { Answer } from './http';
import type { CheckContext } from './context';

export interface CheckCase {
  id: string;
  /** the rule, as a backend team would read it */
  title: string;
  run(ctx: CheckContext): Promise<string | void>;
}

export class CaseFailure extends Error {}
export class CaseSkip extends Error {}

export function fail(message: string): never {
  throw new CaseFailure(message);
}

export function skip(reason: string): never {
  throw new CaseSkip(reason);
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** The answer has this status (and, for problems, this code). */
export function expectStatus(answer: Answer, status: number | number[], code?: string): void {
  const wanted = Array.isArray(status) ? status : [status];
  if (!wanted.includes(answer.status)) {
    fail(`${answer.label} answered ${answer.status}${problemCode(answer)}, expected ${wanted.join(' or ')}${code ? ` ${code}` : ''}`);
  }
  if (code !== undefined) expectProblem(answer, code);
}

/** An `application/problem+json` answer with every field, this code, and `status` = the HTTP status. */
export function expectProblem(answer: Answer, code: string): void {
  expect(
    /^application\/problem\+json/i.test(answer.contentType ?? ''),
    `${answer.label} ${answer.status}: Content-Type is ${answer.contentType ?? 'missing'}, expected application/problem+json`,
  );
  const body = answer.body as Record<string, unknown> | undefined;
  expect(body && typeof body === 'object', `${answer.label} ${answer.status}: the problem body is not a JSON object`);
  expect(body.code === code, `${answer.label} ${answer.status}: code is ${JSON.stringify(body.code)}, expected "${code}"`);
  expect(body.status === answer.status, `${answer.label}: the problem's status ${String(body.status)} is not the HTTP status ${answer.status}`);
  const retryable = answer.status === 429 || answer.status >= 500;
  expect(body.retryable === retryable, `${answer.label} ${answer.status}: retryable is ${String(body.retryable)}, expected ${retryable}`);
}

export function problemCode(answer: Answer): string {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? ` ${code}` : '';
}

/** The header, case-insensitively, or a failure naming it. */
export function expectHeader(answer: Answer, name: string): string {
  const value = answer.headers.get(name);
  expect(value !== null, `${answer.label} ${answer.status}: no ${name} header`);
  return value;
}

/** `Retry-After` as seconds from now (delay-seconds or an HTTP date). */
export function retryAfterSeconds(answer: Answer): number {
  const value = expectHeader(answer, 'Retry-After').trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  expect(!Number.isNaN(date), `${answer.label}: Retry-After "${value}" is neither seconds nor an HTTP date`);
  return Math.max(0, Math.round((date - Date.now()) / 1000));
}
